using System.Runtime.CompilerServices;

namespace Callmap.Tests.Support;

/// <summary>Paths in the repository, found from this source file so tests run from any working directory.</summary>
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

    private static string FindRoot([CallerFilePath] string here = "")
    {
        var dir = new DirectoryInfo(Path.GetDirectoryName(here)!);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Infra.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Infra.sln not found above the test sources");
    }
}
