using System.Text.Json;
using Callmap.Loading;
using Callmap.Planning;
using Callmap.Stacks;
using Callmap.Deploy.Tests;

namespace Callmap.Deploy.Benchmarks;

/// <summary>
/// A synthetic stack in a temporary folder laid out like the repository, which is the Pulumi root
/// directory of the runs: <c>stacks/NAME.yaml</c> (a <see cref="Callmap.Benchmarks.SyntheticMap"/>),
/// <c>stacks/Pulumi.NAME.yaml</c> written like the shipped <c>stacks/Pulumi.dev.yaml</c> (the map's
/// project and region, <c>callmap:map</c>, the baseline and dev policies), and those two policy files
/// copied from <c>policies/</c>. The program's gate then loads, plans and checks it exactly as it does a
/// shipped stack; the dev policies because the synthetic map lets a group of developers call services,
/// which the baseline alone refuses in any stack.
/// </summary>
internal sealed class SyntheticDeployStack : IDisposable
{
    /// <summary>What <see cref="Callmap.Benchmarks.SyntheticMap"/> writes as <c>project</c>, <c>projectNumber</c> and <c>region</c>.</summary>
    public const string Project = "acme-synthetic";
    public const string ProjectNumber = "123456789012";
    public const string Region = "europe-west1";

    private static readonly string[] PolicyFiles = ["policies/baseline.yaml", "policies/dev.yaml"];

    private SyntheticDeployStack(string root, string name, int services, int edges)
    {
        Root = root;
        Name = name;
        Services = services;
        Edges = edges;
    }

    public string Root { get; }

    public string Name { get; }

    public int Services { get; }

    public int Edges { get; }

    public string MapPath => $"stacks/{Name}.yaml";

    /// <summary>The <c>PULUMI_CONFIG</c> JSON, read back from the stack file the way the deploy tests read the shipped ones.</summary>
    public string PulumiConfigJson { get; private set; } = "";

    public string PulumiConfigSecretKeysJson { get; private set; } = "";

    /// <summary>The settings <see cref="CallmapStack.RunAsync"/> builds from that config, for timing the gate on its own.</summary>
    public StackSettings Settings { get; private set; } = null!;

    public static SyntheticDeployStack Create(int services, int edgesPerService)
    {
        var root = Directory.CreateTempSubdirectory("callmap-deploy-bench-").FullName;
        var stack = new SyntheticDeployStack(root, $"bench-{services}", services, services * edgesPerService);
        Directory.CreateDirectory(Path.Combine(root, "stacks"));
        Directory.CreateDirectory(Path.Combine(root, "policies"));
        File.WriteAllText(Path.Combine(root, stack.MapPath), Callmap.Benchmarks.SyntheticMap.Generate(services, stack.Edges));
        foreach (var policy in PolicyFiles) File.Copy(Path.Combine(RepoPaths.Root, policy), Path.Combine(root, policy));

        var configFile = Path.Combine(root, "stacks", $"Pulumi.{stack.Name}.yaml");
        File.WriteAllText(configFile, $"""
            # A synthetic stack of the deploy benchmark, laid out like stacks/Pulumi.dev.yaml.
            config:
              gcp:project: {Project}
              gcp:region: {Region}
              callmap:map: {stack.MapPath}
              callmap:policies:
            {string.Join("\n", PolicyFiles.Select(p => $"    - {p}"))}

            """);
        var config = ShippedStack.ReadConfig(configFile);

        // The map's config secrets (none in today's synthetic maps) get the deploy tests' stand-in values.
        var loaded = AccessMapLoader.LoadFile(Path.Combine(root, stack.MapPath), relativeTo: root);
        var plan = Planner.Create(loaded.Map ?? throw new InvalidOperationException($"the synthetic map does not load:\n{string.Join("\n", loaded.Diagnostics)}"));
        var secrets = ConfigSecrets.Keys(plan).Select(key => $"{StackSettings.ConfigNamespace}:{key}").ToList();
        stack.PulumiConfigJson = ShippedStack.PulumiConfigJson(config.Concat(secrets.Select(key => KeyValuePair.Create(key, ShippedStack.TestSecretValue(key)))));
        stack.PulumiConfigSecretKeysJson = ShippedStack.PulumiConfigSecretKeysJson(secrets);
        stack.Settings = new StackSettings(root, stack.Name, config["gcp:project"], config["gcp:region"], config["callmap:map"],
            JsonSerializer.Deserialize<string[]>(config["callmap:policies"])!);
        return stack;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder left behind is not worth failing a finished measurement for.
        }
    }
}
