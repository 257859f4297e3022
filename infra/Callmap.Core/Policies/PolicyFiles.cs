using Callmap.Diagnostics;
using Callmap.Loading;

namespace Callmap.Policies;

/// <summary>The policy files that apply by default, or why there are none: the error says where callmap looked.</summary>
public sealed record PolicySearch(IReadOnlyList<string> Paths, Diagnostic? Error);

/// <summary>
/// Which policy files apply when none are named: the project's policies/baseline.yaml, then
/// policies/STACK.yaml when there is one. The project is the folder holding Pulumi.yaml, searched upward
/// from the map, then from the working directory, so a map anywhere (/tmp/x.yaml) is checked by the
/// project's policies when callmap runs inside the project.
/// </summary>
public static class PolicyFiles
{
    public const string Baseline = "policies/baseline.yaml";

    /// <summary>The file that marks the project root.</summary>
    public const string ProjectFile = "Pulumi.yaml";

    /// <summary>The baseline, then policies/STACK.yaml (STACK: the map's file name) when it exists, under <paramref name="root"/>, as full paths.</summary>
    public static List<string> DefaultFor(string mapPath, string root)
    {
        var folder = Path.Combine(Path.GetFullPath(root), "policies");
        var stack = Path.Combine(folder, Path.GetFileName(mapPath));
        var baseline = Path.Combine(folder, "baseline.yaml");
        return File.Exists(stack) && Path.GetFileName(mapPath) != "baseline.yaml" ? [baseline, stack] : [baseline];
    }

    /// <summary>The default policy files for a map, found from the project root; an io error naming every place searched when there are none.</summary>
    public static PolicySearch Find(string mapPath, string? workingDirectory = null)
    {
        var map = Path.GetFullPath(mapPath);
        var mapFolder = Path.GetDirectoryName(map)!;
        var cwd = Path.GetFullPath(workingDirectory ?? Directory.GetCurrentDirectory());
        var (root, how) = ProjectRoot(mapFolder) is { } fromMap ? (fromMap, "in the map's folder or above")
            : ProjectRoot(cwd) is { } fromCwd ? (fromCwd, "in the working directory or above")
            : (null, null);
        var at = new SourceLocation(DisplayPath.Of(map, cwd), 1, 1);
        const string Fix = "run callmap inside the project (the folder holding Pulumi.yaml, or below it), or name the files: --policy PROJECT/policies/baseline.yaml";
        if (root is null)
            return new([], new Diagnostic(DiagnosticCodes.Io, at,
                $"no policies for this map: no {ProjectFile} in {Shown(mapFolder)} or any folder above it, nor in {Shown(cwd)} (the working directory) or above it", Fix));
        var paths = DefaultFor(map, root);
        return File.Exists(paths[0])
            ? new(paths, null)
            : new([], new Diagnostic(DiagnosticCodes.Io, at,
                $"no policies for this map: the project root {Shown(root)} (its {ProjectFile} found {how}) has no {Baseline}", Fix));
    }

    private static string? ProjectRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, ProjectFile))) return dir.FullName;
        return null;
    }

    private static string Shown(string folder) => folder.Replace('\\', '/');
}
