using Callmap.Policies;
using Callmap.Reports;
using Callmap.Tests.Support;

namespace Callmap.Tests.Policies;

/// <summary>One file per mistake under BadPolicies/: each is refused with located errors, and the text a user reads is a snapshot.</summary>
public class BadPolicyCorpusTests
{
    public static TheoryData<string> BadPolicies() =>
        new(Directory.GetFiles(Path.Combine(RepoPaths.Tests, "BadPolicies"), "*.yaml").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(BadPolicies))]
    public void A_bad_policy_file_is_refused_with_located_errors_and_nothing_is_checked(string name)
    {
        var path = Path.Combine(RepoPaths.Tests, "BadPolicies", name + ".yaml");

        var (policies, errors) = PolicyLoader.Load([(RepoPaths.Relative(path), File.ReadAllText(path))]);

        Assert.Null(policies);
        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.Equal(RepoPaths.Relative(path), e.At.File));
        Snapshot.Match(DiagnosticsReport.Render(errors), $"BadPolicies/{name}");
    }

    [Fact]
    public void An_empty_policy_file_says_the_policy_is_empty_not_the_map()
    {
        var error = Assert.Single(PolicyLoader.Load([("p.yaml", "\n# only a comment\n---\n")]).Diagnostics);

        Assert.Equal("the policy file is empty", error.Message);
    }

    [Fact]
    public void The_words_and_ranges_parameters_may_take_are_those_of_the_policy_schema()
    {
        var schema = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "policies", "policy.schema.json")))!;
        foreach (var rule in PolicyLoader.KnownRules)
            foreach (var (name, kind) in rule.Parameters.Where(p => p.Value == ParameterKind.Text))
            {
                var property = schema["properties"]!["rules"]!["properties"]![rule.Id]!["oneOf"]![1]!["properties"]![name]!;
                Assert.True(rule.Choices.ContainsKey(name), $"{rule.Id}.{name} is a text parameter without its words");
                Assert.Equal(property["enum"]!.AsArray().Select(v => v!.GetValue<string>()), rule.Choices[name]);
            }
        foreach (var rule in PolicyLoader.KnownRules)
            foreach (var (name, _) in rule.Parameters.Where(p => p.Value == ParameterKind.Days))
            {
                var property = schema["properties"]!["rules"]!["properties"]![rule.Id]!["oneOf"]![1]!["properties"]![name]!;
                Assert.Equal((PolicyLoader.MinDays, PolicyLoader.MaxDays), (property["minimum"]!.GetValue<int>(), property["maximum"]!.GetValue<int>()));
            }
    }
}
