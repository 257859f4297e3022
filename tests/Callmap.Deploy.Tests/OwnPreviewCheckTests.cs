using System.Collections;
using System.Text;
using System.Text.Json.Nodes;
using Callmap.Loading;
using Callmap.Planning;
using Callmap.Policies;
using Callmap.PulumiStacks;
using Pulumi;
using Pulumi.Testing;

namespace Callmap.Deploy.Tests;

/// <summary>
/// `check` on the program's own resources (under Pulumi's mock engine, as a state export) finds nothing
/// that `check` on the map does not: the stack rules read what the program declares as the map rules read the plan.
/// </summary>
public class OwnPreviewCheckTests
{
    private static readonly TestOptions Options = new() { IsPreview = false, ProjectName = "callmap", StackName = "test", RootDirectory = RepoPaths.Root };

    public static TheoryData<string, string> Stacks => new() { { "stacks/dev.yaml", "policies/dev.yaml" }, { "stacks/prod.yaml", "policies/prod.yaml" } };

    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task Checking_the_programs_own_resources_finds_no_rule_that_checking_the_map_does_not(string mapFile, string policyFile)
    {
        var loaded = AccessMapLoader.LoadFile(Path.Combine(RepoPaths.Root, mapFile), relativeTo: RepoPaths.Root);
        var plan = Planner.Create(loaded.Map!);
        var policies = PolicyLoader.LoadFiles([Path.Combine(RepoPaths.Root, "policies", "baseline.yaml"), Path.Combine(RepoPaths.Root, policyFile)], RepoPaths.Root).Policies!;
        var mapResult = PolicyEngine.Check(new PolicyContext(loaded.Map!, plan), policies);

        var mocks = new RecordingMocks { ProjectNumber = plan.ProjectNumber };
        await Deployment.TestAsync(mocks, Options, () => CallmapProgram.Declare(plan, key => Pulumi.Output.CreateSecret($"secret-{key}")));
        var (resources, errors) = PulumiStackReader.Read(Encoding.UTF8.GetBytes(StateExport(mocks).ToJsonString()), "state.json", PulumiDocument.State);
        Assert.Empty(errors);
        var stackResult = StackCheck.Check(StackFactsBuilder.From("state.json", PulumiDocument.State, resources!), policies);

        var mapRules = mapResult.Findings.Select(f => f.RuleId).Concat(mapResult.Waived.Select(w => w.Finding.RuleId)).ToHashSet();
        var extra = stackResult.Findings.Where(f => !mapRules.Contains(f.RuleId)).Select(f => $"{f.RuleId}: {f.Message}").ToList();
        Assert.True(extra.Count == 0, string.Join("\n", extra));
        Assert.Equal(plan.Items.Count, resources!.Count);
    }

    /// <summary>The registered resources as `pulumi stack export` writes them: the mock engine's id ("NAME-id") and its echoed inputs as outputs.</summary>
    private static JsonObject StateExport(RecordingMocks mocks) => new()
    {
        ["version"] = 3,
        ["deployment"] = new JsonObject
        {
            ["resources"] = new JsonArray(mocks.Resources.Select(r => (JsonNode)new JsonObject
            {
                ["urn"] = $"urn:pulumi:test::callmap::{r.Type}::{r.Name}",
                ["custom"] = true,
                ["id"] = $"{r.Name}-id",
                ["type"] = r.Type,
                ["inputs"] = Json(r.Inputs),
                ["outputs"] = Json(r.Inputs),
            }).ToArray()),
        },
    };

    private static JsonNode? Json(object? value) => value switch
    {
        null => null,
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        double d => JsonValue.Create(d),
        IDictionary dictionary => new JsonObject(dictionary.Keys.Cast<object>().Select(k => KeyValuePair.Create(k.ToString()!, Json(dictionary[k])))),
        IEnumerable list => new JsonArray(list.Cast<object?>().Select(Json).ToArray()),
        _ => JsonValue.Create(value.ToString()),
    };
}
