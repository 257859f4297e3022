namespace Callmap.Policies;

/// <summary>Which policy files apply when none are named: the baseline, then the stack's own file when there is one.</summary>
public static class PolicyFiles
{
    public const string Baseline = "policies/baseline.yaml";

    /// <summary>policies/baseline.yaml, then policies/STACK.yaml when it exists (policies/ beside the map's folder), as full paths.</summary>
    public static List<string> DefaultFor(string mapPath)
    {
        var full = Path.GetFullPath(mapPath);
        var folder = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(full)!, "..", "policies"));
        var stack = Path.Combine(folder, Path.GetFileName(full));
        var baseline = Path.Combine(folder, "baseline.yaml");
        return File.Exists(stack) ? [baseline, stack] : [baseline];
    }
}
