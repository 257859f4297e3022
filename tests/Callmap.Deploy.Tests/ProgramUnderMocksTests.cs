using System.Collections.Immutable;
using System.Text.Json;
using Callmap.Loading;
using Callmap.Planning;
using Callmap.Stacks;
using Pulumi;
using Pulumi.Testing;
using Pulumi.Utilities;

// Pulumi's test engine keeps one deployment per process: tests must not run in parallel.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Callmap.Deploy.Tests;

/// <summary>
/// The Pulumi program under Pulumi's own test engine: for every example map, the registered resources
/// are exactly the plan's items (count, type tokens, logical names) with the plan's key inputs.
/// </summary>
public class ProgramUnderMocksTests
{
    public static TheoryData<string> ExampleMaps => new()
    {
        "stacks/dev.yaml",
        "stacks/prod.yaml",
        "tests/Callmap.Tests/Maps/minimal.yaml",
        "tests/Callmap.Tests/Maps/every-caller-kind.yaml",
    };

    private static readonly TestOptions Options = new() { IsPreview = false, ProjectName = "callmap", StackName = "test", RootDirectory = RepoPaths.Root };

    private static Plan PlanOf(string map)
    {
        var loaded = AccessMapLoader.LoadFile(Path.Combine(RepoPaths.Root, map), relativeTo: RepoPaths.Root);
        Assert.True(loaded.Succeeded, string.Join("\n", loaded.Diagnostics));
        return Planner.Create(loaded.Map!);
    }

    private static Output<string> FakeSecret(string key) => Output.CreateSecret($"secret-{key}");

    private static async Task<(RecordingMocks Mocks, IDictionary<string, object?> Outputs)> Deploy(Plan plan)
    {
        var mocks = new RecordingMocks { ProjectNumber = plan.ProjectNumber };
        var (_, outputs) = await Deployment.TestAsync(mocks, Options, () => CallmapProgram.Declare(plan, FakeSecret));
        return (mocks, outputs);
    }

    [Theory]
    [MemberData(nameof(ExampleMaps))]
    public async Task Registers_exactly_one_resource_per_plan_item_with_its_type_token_and_logical_name(string map)
    {
        var plan = PlanOf(map);

        var (mocks, _) = await Deploy(plan);

        var registered = mocks.Resources.Select(r => (r.Type, r.Name)).Order().ToList();
        var planned = plan.Items.Select(i => (PulumiTypes.Tokens[i.Kind], i.Name)).Order().ToList();
        Assert.Equal(planned, registered);
    }

    [Theory]
    [MemberData(nameof(ExampleMaps))]
    public async Task Every_resource_carries_the_plans_key_inputs(string map)
    {
        var plan = PlanOf(map);

        var (mocks, _) = await Deploy(plan);

        var byName = mocks.Resources.ToDictionary(r => r.Name);
        var mismatches = plan.Items
            .SelectMany(item => KeyInputs.Of(item).Select(k => (item.Name, k.Path,
                Expected: InputPath.Canonical(k.Expected), Actual: InputPath.Canonical(InputPath.At(byName[item.Name].Inputs, k.Path)))))
            .Where(c => c.Expected != c.Actual)
            .Select(c => $"{c.Name} {c.Path}: planned {c.Expected ?? "(unset)"}, registered {c.Actual ?? "(unset)"}")
            .ToList();
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    [Fact]
    public async Task Services_that_call_each_other_deploy_without_a_dependency_cycle()
    {
        var plan = PlanOf("tests/Callmap.Tests/Maps/every-caller-kind.yaml");
        Assert.Contains(plan.Matrix.Cells, c => c.Caller == "cart" && c.Service == "pricing");
        Assert.Contains(plan.Matrix.Cells, c => c.Caller == "pricing" && c.Service == "cart");

        var deploy = Deploy(plan);

        Assert.Same(deploy, await Task.WhenAny(deploy, Task.Delay(TimeSpan.FromMinutes(1))));
        Assert.Equal(plan.Items.Count, (await deploy).Mocks.Resources.Count);
    }

    [Fact]
    public async Task Stack_outputs_are_the_plans_services_surface_and_matrix_and_the_assigned_address()
    {
        var plan = PlanOf("stacks/dev.yaml");

        var (_, outputs) = await Deploy(plan);

        var expected = StackOutputs.For(plan);
        foreach (var key in new[] { StackOutputs.Services, StackOutputs.PublicSurfaceKey, StackOutputs.AccessMatrixKey })
            Assert.Equal(JsonSerializer.Serialize(expected[key]), JsonSerializer.Serialize(outputs[key]));
        Assert.Equal(RecordingMocks.LoadBalancerIp, await OutputUtilities.GetValueAsync((Output<string>)outputs[StackOutputs.LoadBalancerAddress]!));
    }

    [Fact]
    public async Task A_map_with_nothing_public_has_no_load_balancer_address()
    {
        var (mocks, outputs) = await Deploy(PlanOf("tests/Callmap.Tests/Maps/minimal.yaml"));

        Assert.Null(outputs[StackOutputs.LoadBalancerAddress]);
        Assert.DoesNotContain(mocks.Resources, r => r.Type.StartsWith("gcp:compute/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Config_secrets_reach_their_resources_as_secrets_and_nothing_else_reads_config()
    {
        var plan = PlanOf("stacks/prod.yaml");
        var asked = new List<string>();

        var mocks = new RecordingMocks { ProjectNumber = plan.ProjectNumber };
        await Deployment.TestAsync(mocks, Options, () => CallmapProgram.Declare(plan, key => { asked.Add(key); return FakeSecret(key); }));

        Assert.Equal(ConfigSecrets.Keys(plan), asked);
        Assert.Contains(mocks.Resources, r => r.Type == PulumiTypes.Tokens[PlanItemKind.IdentityProviderConfig] && r.Inputs.ContainsKey("clientSecret"));
    }

    [Theory]
    [MemberData(nameof(ExampleMaps))]
    public async Task No_config_secret_reaches_a_workload_as_a_plain_environment_value(string map)
    {
        var plan = PlanOf(map);

        var (mocks, _) = await Deploy(plan);

        // Env values are readable by anyone with run.services.get and kept in every revision: a secret must be a reference.
        var leaks = mocks.Resources.SelectMany(r => Flatten(r.Inputs).Where(v => v.Value.StartsWith("secret-", StringComparison.Ordinal))
                .Where(v => !(r.Type == "gcp:secretmanager/secretVersion:SecretVersion" && v.Path == "secretData")
                    && !(r.Type == PulumiTypes.Tokens[PlanItemKind.IdentityProviderConfig] && v.Path == "clientSecret"))
                .Select(v => $"{r.Name} {v.Path}"))
            .ToList();
        Assert.True(leaks.Count == 0, string.Join("\n", leaks));
        // The detector sees secret values where they belong: each config secret as the data of its version.
        foreach (var version in plan.OfType<ConfigSecretVersionItem>())
            Assert.Contains(Flatten(mocks.Resources.Single(r => r.Name == version.Name).Inputs), v => v == ("secretData", $"secret-{version.ConfigKey}"));
    }

    private static IEnumerable<(string Path, string Value)> Flatten(object? value, string path = "") => value switch
    {
        string s => [(path, s)],
        IDictionary<string, object> map => map.SelectMany(e => Flatten(e.Value, path.Length == 0 ? e.Key : $"{path}.{e.Key}")),
        System.Collections.IEnumerable list => list.Cast<object?>().SelectMany((v, i) => Flatten(v, $"{path}[{i}]")),
        _ => [],
    };

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public async Task Each_shipped_stack_runs_through_the_gate_with_its_own_settings(string stack)
    {
        var settings = new StackSettings(RepoPaths.Root, stack, $"acme-shop-{stack}", "europe-west1", $"stacks/{stack}.yaml",
            ["policies/baseline.yaml", $"policies/{stack}.yaml"]);

        var plan = PlanOf($"stacks/{stack}.yaml");
        var mocks = new RecordingMocks { ProjectNumber = plan.ProjectNumber };
        await Deployment.TestAsync(mocks, Options, () => CallmapProgram.Run(settings, FakeSecret));

        Assert.Equal(plan.Items.Count, mocks.Resources.Count);
        Assert.Equal(RecordingMocks.GetProjectToken, mocks.Calls.First().Token);
    }

    [Fact]
    public async Task A_mistyped_project_number_stops_the_run_at_the_maps_project_number_line_and_registers_nothing()
    {
        var settings = new StackSettings(RepoPaths.Root, "dev", "acme-shop-dev", "europe-west1", "stacks/dev.yaml",
            ["policies/baseline.yaml", "policies/dev.yaml"]);

        // Google says the project has another number than the map.
        var mocks = new RecordingMocks { ProjectNumber = "999999999999" };
        var error = await Assert.ThrowsAsync<RunException>(() => Deployment.TestAsync(mocks, Options, () => CallmapProgram.Run(settings, FakeSecret)));

        Assert.StartsWith("stacks/dev.yaml:6:16: error[stack-config] the map says project 'acme-shop-dev' has number 123456789012, but Google says 999999999999", error.Message);
        Assert.Contains("write projectNumber: \"999999999999\" in the map", error.Message);
        Assert.Empty(mocks.Resources);
    }

    [Fact]
    public async Task A_mandatory_policy_violation_stops_the_run_with_the_check_report_and_registers_nothing()
    {
        // The dev map under the prod policies: developers as invokers are a mandatory violation there.
        var settings = new StackSettings(RepoPaths.Root, "dev", "acme-shop-dev", "europe-west1", "stacks/dev.yaml",
            ["policies/baseline.yaml", "policies/prod.yaml"]);

        var mocks = new RecordingMocks();
        var error = await Assert.ThrowsAsync<RunException>(() => Deployment.TestAsync(mocks, Options, () => CallmapProgram.Run(settings, FakeSecret)));

        Assert.StartsWith("callmap check · stacks/dev.yaml", error.Message);
        Assert.Contains("✗ people-invokers (mandatory)", error.Message);
        Assert.Empty(mocks.Resources);
    }

    [Fact]
    public async Task A_map_for_another_project_stops_the_run_at_the_maps_project_line_and_registers_nothing()
    {
        var settings = new StackSettings(RepoPaths.Root, "prod", "acme-shop-prod", "europe-west1", "stacks/dev.yaml", []);

        var mocks = new RecordingMocks();
        var error = await Assert.ThrowsAsync<RunException>(() => Deployment.TestAsync(mocks, Options, () => CallmapProgram.Run(settings, FakeSecret)));

        Assert.StartsWith("stacks/dev.yaml:5:10: error[stack-config] the map is for project 'acme-shop-dev'", error.Message);
        Assert.Empty(mocks.Resources);
    }
}
