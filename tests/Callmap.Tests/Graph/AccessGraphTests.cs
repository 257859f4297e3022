using Callmap.Graph;
using Callmap.Tests.Support;

namespace Callmap.Tests.Graph;

public class AccessGraphTests
{
    private static readonly Callmap.Planning.Plan Dev = Maps.PlanFile(Path.Combine(RepoPaths.Stacks, "dev.yaml"));

    [Fact]
    public void Every_grant_of_the_matrix_is_an_arrow_labelled_with_its_role_and_nothing_else_is()
    {
        var graph = AccessGraph.From(Dev);

        var grantEdges = graph.Edges.Where(e => e.From != AccessGraph.InternetId).ToList();
        Assert.Equal(Dev.Matrix.Cells.Count, grantEdges.Count);
        Assert.All(Dev.Matrix.Cells, c => Assert.Contains(new GraphEdge(c.Caller, c.Service, AccessGraph.ShortRole(c.Role)), grantEdges));
        Assert.All(graph.Edges, e => Assert.Contains(graph.Nodes, n => n.Id == e.From));
    }

    [Fact]
    public void End_users_reach_public_services_through_the_load_balancer_with_their_auth_mode()
    {
        var graph = AccessGraph.From(Dev);

        Assert.Equal(NodeKind.Internet, graph.Nodes.Single(n => n.Id == AccessGraph.InternetId).Kind);
        Assert.Equal([("admin", "LB · auth iap"), ("api", "LB · auth in-app"), ("screen-signups", "via Identity Platform")],
            graph.Edges.Where(e => e.From == AccessGraph.InternetId).Select(e => (e.To, e.Label)));
        Assert.Equal(NodeKind.Scheduler, graph.Nodes.Single(n => n.Id == "schedule/nightly-reconcile").Kind);
        Assert.Equal(NodeKind.Function, graph.Nodes.Single(n => n.Id == "receipts").Kind);
    }

    [Fact]
    public void Mermaid_node_ids_stay_the_same_when_other_nodes_come_and_go()
    {
        var small = MermaidGraph.Render(AccessGraph.From(Maps.Plan(Maps.Header + "services:\n  orders: { run: { image: europe-west1-docker.pkg.dev/p/o:1 } }\n")));
        var full = MermaidGraph.Render(AccessGraph.From(Dev));

        var ordersLine = small.Split('\n').Single(l => l.Contains("[\"orders\"]"));
        Assert.Contains(ordersLine, full.Split('\n'));
    }

    [Fact]
    public void Added_and_removed_edges_are_drawn_differently()
    {
        var graph = AccessGraph.From(Dev);
        var added = new HashSet<GraphEdge> { graph.Edges[0] };
        var removed = new HashSet<GraphEdge> { graph.Edges[1] };

        var text = MermaidGraph.Render(graph, added, removed);

        Assert.Contains("==>|\"added: ", text);
        Assert.Contains("-.->|\"removed: ", text);
    }

    [Theory]
    [InlineData("mermaid")]
    [InlineData("dot")]
    public void The_graph_of_the_dev_stack_reads_as_committed(string format)
    {
        var graph = AccessGraph.From(Dev);
        Snapshot.Match(format == "dot" ? DotGraph.Render(graph) : MermaidGraph.Render(graph), $"Graph/dev.{format}");
    }
}
