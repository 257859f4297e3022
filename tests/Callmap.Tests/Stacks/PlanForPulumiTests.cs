using System.Text.Json;
using Callmap.Planning;
using Callmap.Stacks;
using Callmap.Tests.Support;

namespace Callmap.Tests.Stacks;

/// <summary>What the Pulumi program takes from the plan besides its items: their order, the secrets, the outputs.</summary>
public class PlanForPulumiTests
{
    private static readonly Plan EveryKind = Maps.PlanFile(Path.Combine(RepoPaths.Tests, "Maps", "every-caller-kind.yaml"));

    [Fact]
    public void Every_item_is_declared_after_every_item_it_depends_on()
    {
        var order = DependencyOrder.Of(EveryKind);

        Assert.Equal(EveryKind.Items.Count, order.Count);
        Assert.Equal(EveryKind.Items.ToHashSet(), order.ToHashSet());
        var position = order.Select((item, i) => (item.Name, i)).ToDictionary(p => p.Name, p => p.i);
        foreach (var item in order)
        foreach (var dependency in item.DependsOn)
            Assert.True(position[dependency] < position[item.Name], $"{item.Name} comes before its dependency {dependency}");
    }

    [Fact]
    public void The_IAP_agents_invoker_grant_follows_the_backend_it_names_although_its_kind_comes_first()
    {
        var order = DependencyOrder.Of(EveryKind).Select(i => i.Name).ToList();
        var grant = EveryKind.OfType<RunInvokerGrantItem>().First(g => g.Caller == "iap");

        var backend = Assert.Single(grant.DependsOn, d => d.StartsWith("edge/backend/", StringComparison.Ordinal));
        Assert.True(order.IndexOf(grant.Name) > order.IndexOf(backend));
        Assert.True(order.IndexOf(grant.Name) > order.IndexOf(grant.MemberOf!));
    }

    [Fact]
    public void A_plan_whose_dependencies_loop_is_refused_naming_the_items()
    {
        var items = EveryKind.Items.Take(2).ToList();
        var looped = EveryKind with { Items = [items[0] with { DependsOn = [items[1].Name] }, items[1] with { DependsOn = [items[0].Name] }] };

        var error = Assert.Throws<InvalidOperationException>(() => DependencyOrder.Of(looped));
        Assert.Contains(items[0].Name, error.Message);
        Assert.Contains(items[1].Name, error.Message);
    }

    [Fact]
    public void The_prod_stack_reads_exactly_the_two_identity_provider_secrets_from_config()
    {
        var prod = Maps.PlanFile(Path.Combine(RepoPaths.Stacks, "prod.yaml"));

        Assert.Equal(["appleSignInSecret", "googleOauthClientSecret"], ConfigSecrets.Keys(prod));
    }

    [Fact]
    public void Stack_outputs_give_each_services_url_and_audience_the_public_surface_and_the_access_matrix()
    {
        var dev = Maps.PlanFile(Path.Combine(RepoPaths.Stacks, "dev.yaml"));

        var outputs = StackOutputs.For(dev);

        Snapshot.Match(JsonSerializer.Serialize(outputs, new JsonSerializerOptions { WriteIndented = true }), "Stacks/dev-outputs", "json");
    }
}
