using Callmap.Planning;
using Callmap.Tests.Support;

namespace Callmap.Tests.Planning;

/// <summary>
/// A plan answers look-ups (by name, by type, the access matrix) from indexes it builds on first use. A copy
/// made with `with { Items = ... }` (as the policy tests plant violations) must answer for its own items.
/// </summary>
public class PlanLookupsTests
{
    private const string Map = Maps.Header + """
        services:
          api: { run: { image: europe-west1-docker.pkg.dev/p/apps/api:1 } }
          orders: { run: { image: europe-west1-docker.pkg.dev/p/apps/orders:1 } }
        callers:
          api: [orders]
        """;

    [Fact]
    public void A_copy_with_other_items_answers_for_its_own_items_not_the_originals()
    {
        var plan = Maps.Plan(Map);
        // The original's indexes are built before the copy is made.
        Assert.NotNull(plan.Find("invoke/api/orders"));
        Assert.Single(plan.OfType<RunInvokerGrantItem>());
        Assert.Single(plan.Matrix.Cells);

        var withoutGrant = plan with { Items = plan.Items.Where(i => i.Name != "invoke/api/orders").ToList() };

        Assert.Null(withoutGrant.Find("invoke/api/orders"));
        Assert.Empty(withoutGrant.OfType<RunInvokerGrantItem>());
        Assert.Empty(withoutGrant.Matrix.Cells);
        Assert.NotNull(plan.Find("invoke/api/orders"));
    }

    [Fact]
    public void Asking_for_an_item_the_plan_does_not_have_names_it()
    {
        var plan = Maps.Plan(Map);

        var error = Assert.Throws<KeyNotFoundException>(() => plan["run/nowhere"]);
        Assert.Contains("run/nowhere", error.Message);
    }

    [Fact]
    public void The_matrix_lists_each_callers_services_in_name_order()
    {
        var plan = Maps.Plan(Maps.Header + """
            services:
              a: { run: { image: europe-west1-docker.pkg.dev/p/apps/a:1 } }
              b: { run: { image: europe-west1-docker.pkg.dev/p/apps/b:1 } }
              c: { run: { image: europe-west1-docker.pkg.dev/p/apps/c:1 } }
            callers:
              c: [b, a]
              group:devs@acme.shop: [c, a]
              a: [c, b]
            """);

        Assert.Equal(["a", "c", "group:devs@acme.shop"], plan.Matrix.Callers);
        Assert.Equal(["a", "b", "c"], plan.Matrix.Services);
        Assert.Equal(["a→b", "a→c", "c→a", "c→b", "group:devs@acme.shop→a", "group:devs@acme.shop→c"],
            plan.Matrix.Cells.Select(c => $"{c.Caller}→{c.Service}"));
    }
}
