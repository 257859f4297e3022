using Callmap.Planning;
using Callmap.Reports;

namespace Callmap.Graph;

public enum NodeKind { Service, Function, Workload, Person, ExternalAccount, Federated, Scheduler, PushSubscription, EventarcTrigger, TasksQueue, Internet, GoogleAgent }

public sealed record GraphNode(string Id, string Label, NodeKind Kind);

/// <summary>One arrow: <see cref="From"/> may invoke <see cref="To"/>; the label is the role, or the auth mode for end users.</summary>
public readonly record struct GraphEdge(string From, string To, string Label);

/// <summary>
/// Who may invoke what, as a graph: callers → services labelled with the role; end users on the
/// internet → public services through the load balancer, labelled with the auth mode; created callers
/// (jobs, subscriptions, triggers, queues) as nodes of their own. Node ids are stable across maps, so a
/// diff of two graphs lines up.
/// </summary>
public sealed record AccessGraph(IReadOnlyList<GraphNode> Nodes, IReadOnlyList<GraphEdge> Edges)
{
    public const string InternetId = "internet";

    public static AccessGraph From(Plan plan)
    {
        var services = plan.OfType<WorkloadItem>().ToDictionary(w => w.Workload);
        var nodes = new Dictionary<string, GraphNode>(StringComparer.Ordinal);
        foreach (var w in services.Values)
            nodes[w.Workload] = new GraphNode(w.Workload, w.Workload, w is RunServiceItem ? NodeKind.Service : NodeKind.Function);

        // The matrix's cells are already in caller, then service order: the edges keep it, and the internet's
        // few edges go in where "internet" sorts among the callers.
        var edges = new List<GraphEdge>(plan.Matrix.Cells.Count + plan.Matrix.EndUsers.Count);
        foreach (var cell in plan.Matrix.Cells)
        {
            if (!nodes.ContainsKey(cell.Caller))
                nodes[cell.Caller] = new GraphNode(cell.Caller, PlanSummary.CallerLabel(cell.Caller), KindOf(cell.Caller));
            edges.Add(new GraphEdge(cell.Caller, cell.Service, ShortRole(cell.Role)));
        }
        if (plan.Matrix.EndUsers.Count > 0)
        {
            nodes[InternetId] = new GraphNode(InternetId, "end users (internet)", NodeKind.Internet);
            var at = edges.FindIndex(e => string.CompareOrdinal(e.From, InternetId) > 0);
            edges.InsertRange(at < 0 ? edges.Count : at, plan.Matrix.EndUsers.OrderBy(e => e.Service, StringComparer.Ordinal)
                .Select(e => new GraphEdge(InternetId, e.Service, e.Auth == "identity-platform" ? "via Identity Platform" : $"LB · auth {e.Auth}")));
        }
        return new AccessGraph(nodes.Values.OrderBy(n => n.Kind).ThenBy(n => n.Id, StringComparer.Ordinal).ToList(), edges);
    }

    /// <summary>roles/run.servicesInvoker → run.servicesInvoker: enough to read, short enough for an arrow.</summary>
    public static string ShortRole(string role) =>
        role.StartsWith("roles/", StringComparison.Ordinal) ? ShortRoles.GetOrAdd(role, static r => r["roles/".Length..]) : role;

    /// <summary>A plan grants a handful of roles, each on thousands of edges: each short form is made once.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> ShortRoles = new(StringComparer.Ordinal);

    private static NodeKind KindOf(string caller) => caller switch
    {
        "iap" or "identity-platform" => NodeKind.GoogleAgent,
        _ when caller.StartsWith("schedule/", StringComparison.Ordinal) => NodeKind.Scheduler,
        _ when caller.StartsWith("push/", StringComparison.Ordinal) => NodeKind.PushSubscription,
        _ when caller.StartsWith("eventarc/", StringComparison.Ordinal) => NodeKind.EventarcTrigger,
        _ when caller.StartsWith("tasks/", StringComparison.Ordinal) => NodeKind.TasksQueue,
        _ when caller.StartsWith("user:", StringComparison.Ordinal) || caller.StartsWith("group:", StringComparison.Ordinal) => NodeKind.Person,
        _ when caller.StartsWith("serviceAccount:", StringComparison.Ordinal) => NodeKind.ExternalAccount,
        _ when caller.StartsWith("principal", StringComparison.Ordinal) => NodeKind.Federated,
        _ => NodeKind.Workload,
    };
}
