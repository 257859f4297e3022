using Callmap.Policies;

namespace Callmap.Tests.Policies;

public class PolicyLoaderTests
{
    [Fact]
    public void Unknown_rules_levels_and_parameters_are_located_errors_with_the_word_meant()
    {
        var (policies, errors) = PolicyLoader.Load([("p.yaml", "rules:\n  peple-invokers: mandatory\n  minimal-role: strict\n  allowed-regions: { level: mandatory, region: [x] }\n")]);

        Assert.Null(policies);
        Assert.Equal([(2, "did you mean 'people-invokers'?"), (3, "write one of: mandatory, advisory, disabled"), (4, "did you mean 'regions'?")],
            errors.Select(e => (e.At.Line, e.Fix.Split(" rules:")[0].Split(" keys allowed")[0])));
    }

    [Fact]
    public void A_later_file_overrides_the_level_and_parameters_it_names_and_keeps_the_rest()
    {
        var (policies, _) = PolicyLoader.Load([
            ("baseline.yaml", "rules:\n  people-invokers: { level: mandatory, allowPeople: false }\n  allowed-regions: { level: advisory, regions: [europe-west1] }\n"),
            ("dev.yaml", "rules:\n  people-invokers: { allowPeople: true }\n  allowed-regions: mandatory\n"),
        ]);

        Assert.Equal(PolicyLevel.Mandatory, policies!.For("people-invokers").Level);
        Assert.True(policies.For("people-invokers").Bool("allowPeople", false));
        Assert.Equal(PolicyLevel.Mandatory, policies.For("allowed-regions").Level);
        Assert.Equal(["europe-west1"], policies.For("allowed-regions").List("regions"));
    }
}
