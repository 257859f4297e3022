using System.Text.Json;
using Callmap.Tests.Support;
using NJsonSchema;

namespace Callmap.Tests.Policies;

public class CheckCommandTests
{
    private static string Stack(string name) => Path.Combine(RepoPaths.Stacks, name);

    private static string Policy(string name) => Path.Combine(RepoPaths.Root, "policies", name);

    /// <summary>The CLI names files relative to the working directory; the snapshots name them from the repository root.</summary>
    private static string FromRoot(string output) =>
        RootRelative.Of(output);

    [Fact]
    public void The_prod_stack_passes_with_its_own_policy_applied_by_default_and_exits_0()
    {
        var run = CallmapCli.Run("check", Stack("prod.yaml"));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("policies: ", run.Out);
        Assert.Contains("prod.yaml", run.Out.Split('\n')[0].Split("policies:")[1]);
        Assert.Contains($"0 mandatory violations, 0 advisory findings, {MapRules.Count} of {MapRules.Count} rules passed.", run.Out);
    }

    [Fact]
    public void A_rule_the_policy_files_switch_off_is_named_in_the_report_never_silently_dropped()
    {
        var policy = Path.Combine(Directory.CreateTempSubdirectory("callmap-disabled-").FullName, "off.yaml");
        File.WriteAllText(policy, "rules:\n  no-public-members: disabled\n");

        var run = CallmapCli.Run("check", Stack("prod.yaml"), "--policy", Policy("baseline.yaml"), "--policy", policy);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Disabled by the policy files (1), judging nothing: no-public-members", run.Out);
        Directory.Delete(Path.GetDirectoryName(policy)!, recursive: true);
    }

    [Fact]
    public void The_dev_map_under_the_prod_policy_fails_with_located_findings_and_exits_1()
    {
        var run = CallmapCli.Run("check", Stack("dev.yaml"), "--policy", Policy("baseline.yaml"), "--policy", Policy("prod.yaml"));

        Assert.Equal(1, run.ExitCode);
        Snapshot.Match(FromRoot(run.Out), "Check/dev-under-prod.text");
    }

    [Fact]
    public void Sarif_output_has_every_rule_with_help_and_every_finding_at_its_line()
    {
        var run = CallmapCli.Run("check", Stack("dev.yaml"), "--policy", Policy("baseline.yaml"), "--policy", Policy("prod.yaml"), "--format", "sarif");

        using var sarif = JsonDocument.Parse(run.Out);
        Assert.Equal("2.1.0", sarif.RootElement.GetProperty("version").GetString());
        var runElement = sarif.RootElement.GetProperty("runs")[0];
        var rules = runElement.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().ToList();
        Assert.Equal(MapRules.Count, rules.Count);
        Assert.All(rules, r => Assert.StartsWith("https://", r.GetProperty("helpUri").GetString()));
        var results = runElement.GetProperty("results").EnumerateArray().ToList();
        Assert.NotEmpty(results);
        Assert.All(results, r =>
        {
            var location = r.GetProperty("locations")[0].GetProperty("physicalLocation");
            Assert.EndsWith("dev.yaml", location.GetProperty("artifactLocation").GetProperty("uri").GetString());
            Assert.True(location.GetProperty("region").GetProperty("startLine").GetInt32() > 1);
            Assert.Equal(r.GetProperty("ruleId").GetString(), rules[r.GetProperty("ruleIndex").GetInt32()].GetProperty("id").GetString());
        });
        Snapshot.Match(FromRoot(run.Out), "Check/dev-under-prod.sarif", "json");
    }

    [Fact]
    public void A_bad_policy_file_exits_2_with_its_location()
    {
        var file = Path.Combine(Path.GetTempPath(), $"callmap-policy-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(file, "rules:\n  minimal-rol: mandatory\n");
        var run = CallmapCli.Run("check", Stack("dev.yaml"), "--policy", file);
        File.Delete(file);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(":2:3: error[unknown-key] 'minimal-rol' is not a callmap rule", run.Error);
    }

    [Fact]
    public async Task Every_policy_file_validates_against_the_policy_schema_and_starts_with_its_modeline()
    {
        var schema = await JsonSchema.FromFileAsync(Policy("policy.schema.json"));
        foreach (var file in Directory.GetFiles(Path.Combine(RepoPaths.Root, "policies"), "*.yaml"))
        {
            Assert.Equal("# yaml-language-server: $schema=policy.schema.json", File.ReadLines(file).First());
            var json = YamlToJson.Convert(file, File.ReadAllText(file))!;
            Assert.Empty(schema.Validate(json.ToJsonString()));
        }
    }

    [Fact]
    public void Every_rule_is_documented_under_its_id_in_the_policies_readme()
    {
        var readme = File.ReadAllText(Policy("README.md"));

        Assert.All(Callmap.Policies.BuiltInRules.All, r => Assert.Contains($"\n## {r.Id}\n", readme));
    }
}
