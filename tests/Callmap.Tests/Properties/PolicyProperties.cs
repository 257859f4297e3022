using Callmap.Loading;
using Callmap.Planning;
using Callmap.Policies;
using Callmap.Tests.Support;
using FsCheck;
using FsCheck.Fluent;

namespace Callmap.Tests.Properties;

/// <summary>The planner is least-privilege by construction; the policies agree, and notice one planted violation.</summary>
public class PolicyProperties
{
    /// <summary>The baseline, with people allowed: the generator writes people callers, which the baseline leaves to each stack.</summary>
    private static readonly PolicySet Baseline = PolicyLoader.Load([
        ("baseline.yaml", File.ReadAllText(Path.Combine(RepoPaths.Root, "policies", "baseline.yaml"))),
        ("generated.yaml", "rules: { people-invokers: { allowPeople: true } }\n"),
    ]).Policies!;

    private static (Callmap.Model.AccessMap Map, Plan Plan) Planned(GeneratedMap generated)
    {
        var map = AccessMapLoader.Load("generated.yaml", generated.ToYaml()).Map!;
        return (map, Planner.Create(map));
    }

    [Fact]
    public void Every_plan_of_a_valid_map_passes_the_baseline() =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), Prop.ForAll(MapGenerators.Maps().ToArbitrary(), generated =>
        {
            var (map, plan) = Planned(generated);
            Assert.DoesNotContain(PolicyEngine.Check(new PolicyContext(map, plan), Baseline).Findings, f => f.Level == PolicyLevel.Mandatory);
        }));

    [Fact]
    public void A_plan_with_one_broader_role_planted_has_exactly_that_finding() =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), Prop.ForAll(
            MapGenerators.Maps().Where(m => m.Edges.Any(e => m.KindOf(e.Target) != Callmap.Model.WorkloadKind.FunctionGen1)).ToArbitrary(), generated =>
            {
                var (map, plan) = Planned(generated);
                var victim = plan.OfType<RunInvokerGrantItem>().First();
                var planted = plan with { Items = plan.Items.Select(i => i == victim ? victim with { Role = "roles/run.invoker" } : i).ToList() };

                var finding = Assert.Single(PolicyEngine.Check(new PolicyContext(map, planted), Baseline).Findings, f => f.Level == PolicyLevel.Mandatory);
                Assert.Equal(("minimal-role", victim.Source), (finding.RuleId, finding.At));
            }));
}
