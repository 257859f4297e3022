namespace Callmap.Deploy.Tests;

/// <summary>The repository root, found by walking up from the test assembly to Infra.sln.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Relative(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Infra.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException($"Infra.sln not found above {AppContext.BaseDirectory}");
    }
}
