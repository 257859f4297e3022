namespace Callmap.Loading;

/// <summary>How a file is named in errors: the shorter of its path relative to the working directory and its full path.</summary>
public static class DisplayPath
{
    /// <summary>"stacks/dev.yaml" or "../stacks/dev.yaml" near the working directory; "/dev/zero", not "../../dev/zero", far from it.</summary>
    public static string Of(string path, string? relativeTo = null)
    {
        var full = Path.GetFullPath(path);
        var relative = Path.GetRelativePath(relativeTo ?? Directory.GetCurrentDirectory(), full);
        return (relative.Length <= full.Length ? relative : full).Replace('\\', '/');
    }
}
