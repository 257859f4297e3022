namespace Callmap.Tests.Support;

/// <summary>
/// The CLI names a file by the shorter of its path relative to the working directory and its full path,
/// so which one appears depends on where the repository is checked out; snapshots name files from the
/// repository root either way.
/// </summary>
public static class RootRelative
{
    public static string Of(string output) => output
        .Replace(RepoPaths.Root.Replace('\\', '/').TrimEnd('/') + "/", "")
        .Replace(Path.GetRelativePath(Directory.GetCurrentDirectory(), RepoPaths.Root).Replace('\\', '/') + "/", "");
}
