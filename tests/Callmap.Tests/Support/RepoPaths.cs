namespace Callmap.Tests.Support;

/// <summary>
/// Paths in the repository, found by walking up from the test assembly (bin/ lies inside the clone), so tests
/// run from any working directory. Not from [CallerFilePath]: CI builds map source paths to /_/.
/// </summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Tests => Path.Combine(Root, "tests", "Callmap.Tests");

    public static string Stacks => Path.Combine(Root, "stacks");

    public static string Schema => Path.Combine(Root, "infra", "schema", "access-map.schema.json");

    /// <summary>The shared role dataset CI places beside the repository; absent on some machines.</summary>
    public static string SharedRoles => Path.GetFullPath(Path.Combine(Root, "..", "shared", "gcp", "iam-roles.json"));

    /// <summary>The name a map is reported under: relative to the repository root, with forward slashes.</summary>
    public static string Relative(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Infra.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException($"Infra.sln not found above {AppContext.BaseDirectory}");
    }
}
