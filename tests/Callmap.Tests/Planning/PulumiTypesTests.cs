using Callmap.Planning;
using Callmap.Tests.Support;

namespace Callmap.Tests.Planning;

/// <summary>Checked here without the Pulumi packages; the Pulumi program's own tests check the registered resources against the same table.</summary>
public class PulumiTypesTests
{
    [Fact]
    public void Every_kind_of_plan_item_has_exactly_one_pulumi_type_and_no_two_kinds_share_one()
    {
        Assert.Equal(Enum.GetValues<PlanItemKind>().Order(), PulumiTypes.Tokens.Keys.Order());
        Assert.Equal(PulumiTypes.Tokens.Count, PulumiTypes.Tokens.Values.Distinct().Count());
        Assert.All(PulumiTypes.Tokens.Values, t => Assert.Matches("^gcp:[a-z0-9]+/[a-zA-Z0-9]+:[A-Za-z0-9]+$", t));
    }

    [Fact]
    public void Every_item_the_planner_emits_for_the_shipped_maps_has_a_type()
    {
        var kinds = Maps.GoodMapFiles().SelectMany(f => Maps.PlanFile(f).Items.Select(i => i.Kind)).Distinct().ToList();

        Assert.All(kinds, k => Assert.True(PulumiTypes.Tokens.ContainsKey(k), $"{k} has no Pulumi type"));
        Assert.Equal(Enum.GetValues<PlanItemKind>().Length, kinds.Count);
    }
}
