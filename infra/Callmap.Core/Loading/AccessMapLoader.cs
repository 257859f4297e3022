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
        var display = Path.GetRelativePath(relativeTo ?? Directory.GetCurrentDirectory(), path).Replace('\\', '/');
        byte[] bytes;
        try
        {
            var size = new FileInfo(path).Length;
            var max = (limits ?? YamlLimits.Default).MaxBytes;
            if (size > max)
                return Fail(DiagnosticCodes.Limit, display, $"the map is {size:N0} bytes; maps may be at most {max:N0}",
                    "split the environment into several stacks");
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail(DiagnosticCodes.Io, display, $"cannot read the map: {e.Message}",
                "check the path; maps live under stacks/, e.g. stacks/dev.yaml");
        }
        return Load(display, bytes, limits);
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
        var root = YamlReader.Read(file, text, limits ?? YamlLimits.Default, diagnostics);
        var binder = new AccessMapBinder(file, diagnostics);
        var map = root is null ? null : binder.Bind(root);
        if (map is not null) AccessMapValidator.Validate(map, new DeclaredNames(binder.DeclaredServices, binder.DeclaredArmorPolicies), diagnostics);
        return diagnostics.HasErrors ? new LoadResult(null, diagnostics.Sorted()) : new LoadResult(map, []);
    }

    private static LoadResult Fail(string code, string file, string message, string fix) =>
        new(null, [new Diagnostic(code, new SourceLocation(file, 1, 1), message, fix)]);
}
