namespace Callmap.Fuzz;

/// <summary>
/// The inputs mutations start from: every map the repository ships (good and bad), the policy files, the
/// shipped role facts, and tokens built from typical claims. Read from the clone the assembly runs in.
/// </summary>
public sealed record FuzzCorpus
{
    public required IReadOnlyList<string> Maps { get; init; }
    public required IReadOnlyList<string> Policies { get; init; }
    public required string Roles { get; init; }
    public required string DevMap { get; init; }

    public static FuzzCorpus FromRepository()
    {
        var root = FindRoot();
        string[] Texts(string folder, Func<string, bool>? keep = null) =>
            Directory.GetFiles(Path.Combine(root, folder), "*.yaml").Where(f => keep?.Invoke(Path.GetFileName(f)) ?? true)
                .Order(StringComparer.Ordinal).Select(File.ReadAllText).ToArray();
        var stacks = Texts("stacks", name => !name.StartsWith("Pulumi.", StringComparison.Ordinal));
        return new FuzzCorpus
        {
            // Two generated maps of the benchmark's shape, at a size a mutated case still runs in milliseconds.
            Maps = [.. stacks, .. Texts("tests/Callmap.Tests/Maps"), .. Texts("tests/Callmap.Tests/BadMaps"),
                Benchmarks.SyntheticMap.Generate(20, 60), Benchmarks.SyntheticMap.Generate(60, 300)],
            Policies = Texts("policies"),
            Roles = File.ReadAllText(Path.Combine(root, "infra", "Callmap.Core", "Roles", "roles.json")),
            DevMap = File.ReadAllText(Path.Combine(root, "stacks", "dev.yaml")),
        };
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Infra.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException($"Infra.sln not found above {AppContext.BaseDirectory}");
    }
}
