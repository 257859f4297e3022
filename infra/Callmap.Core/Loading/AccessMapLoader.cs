using Callmap.Diagnostics;
using Callmap.Model;
using Callmap.Validation;
using Callmap.Yaml;

namespace Callmap.Loading;

/// <summary>The map, when it is valid; every problem, sorted by location, when it is not. Never both.</summary>
public sealed record LoadResult(AccessMap? Map, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool Succeeded => Map is not null;
}

/// <summary>Reads, binds and validates an access map. User errors become diagnostics; nothing here throws for bad input.</summary>
public static class AccessMapLoader
{
    /// <summary>Loads a map file; locations name it relative to <paramref name="relativeTo"/> (default: the current directory).</summary>
    public static LoadResult LoadFile(string path, YamlLimits? limits = null, string? relativeTo = null)
    {
        var display = DisplayPath.Of(path, relativeTo);
        var max = (limits ?? YamlLimits.Default).MaxBytes;
        var read = BoundedFile.Read(path, display, InputKind.Map with { MaxBytes = max });
        return read.Succeeded ? Load(display, read.Bytes!, limits) : new LoadResult(null, [read.Error!]);
    }

    /// <summary>Loads a map's bytes, refusing any that are not UTF-8; <paramref name="file"/> is the name used in locations.</summary>
    public static LoadResult Load(string file, ReadOnlySpan<byte> bytes, YamlLimits? limits = null)
    {
        var diagnostics = new DiagnosticBag();
        return MapText.Decode(file, bytes, diagnostics) is { } text
            ? Load(file, text, limits)
            : new LoadResult(null, diagnostics.Sorted());
    }

    /// <summary>Loads map text; <paramref name="file"/> is the name used in locations.</summary>
    public static LoadResult Load(string file, string text, YamlLimits? limits = null)
    {
        var diagnostics = new DiagnosticBag();
        // Services and callers are bound while they are read. The binder's findings count only for a
        // document that could be read to its end: a syntax error stays the one thing reported, as before.
        var bound = new DiagnosticBag();
        var binder = new AccessMapBinder(file, bound);
        var root = YamlReader.Read(file, text, limits ?? YamlLimits.Default, diagnostics, binder);
        var map = root is null ? null : binder.Bind(root);
        if (root is not null) diagnostics.AddRange(bound.Sorted());
        if (map is not null) AccessMapValidator.Validate(map, new DeclaredNames(binder.DeclaredServices, binder.DeclaredArmorPolicies), diagnostics);
        return diagnostics.HasErrors ? new LoadResult(null, diagnostics.Sorted()) : new LoadResult(map, []);
    }
}
