using Callmap.Loading;
using Callmap.Model;
using Callmap.Planning;

namespace Callmap.Tests.Support;

/// <summary>Loading maps in tests: from text (named as a file would be) or from the repository.</summary>
public static class Maps
{
    public const string Header = """
        project: acme-shop-test
        projectNumber: "123456789012"
        region: europe-west1

        """;

    public static LoadResult Load(string text, string file = "test.yaml") => AccessMapLoader.Load(file, text);

    /// <summary>The map, failing the test with every diagnostic if it does not load.</summary>
    public static AccessMap Valid(string text, string file = "test.yaml")
    {
        var result = Load(text, file);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        return result.Map!;
    }

    public static Plan Plan(string text) => Planner.Create(Valid(text));

    public static Plan PlanFile(string path)
    {
        var result = AccessMapLoader.Load(RepoPaths.Relative(path), File.ReadAllText(path));
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        return Planner.Create(result.Map!);
    }

    /// <summary>The diagnostics of a map that must not load.</summary>
    public static IReadOnlyList<Diagnostics.Diagnostic> Errors(string text)
    {
        var result = Load(text);
        Assert.False(result.Succeeded, "the map loaded, but errors were expected");
        return result.Diagnostics;
    }

    /// <summary>Every map the repository ships as valid: the stacks and the good test maps.</summary>
    public static IEnumerable<string> GoodMapFiles() =>
        Directory.GetFiles(RepoPaths.Stacks, "*.yaml").Where(f => !Path.GetFileName(f).StartsWith("Pulumi.", StringComparison.Ordinal))
            .Concat(Directory.GetFiles(Path.Combine(RepoPaths.Tests, "Maps"), "*.yaml"))
            .Order(StringComparer.Ordinal);

    public static IEnumerable<string> BadMapFiles() =>
        Directory.GetFiles(Path.Combine(RepoPaths.Tests, "BadMaps"), "*.yaml").Order(StringComparer.Ordinal);
}
