using System.Text;

namespace Callmap.Graph;

/// <summary>
/// The access graph as a Mermaid flowchart, which GitHub renders in comments. Node shapes tell kinds
/// apart (services boxes, functions subroutines, people circles, created callers stadiums, the internet a
/// hexagon). In a diff, added edges are thick and removed ones dotted, each with a note in the label.
/// </summary>
public static class MermaidGraph
{
    public static string Render(AccessGraph graph, IReadOnlySet<GraphEdge>? added = null, IReadOnlySet<GraphEdge>? removed = null)
    {
        var text = new StringWriter();
        Write(graph, text, added, removed);
        return text.ToString();
    }

    /// <summary>Writes line by line: the graph of a 20,000-service map is never one string.</summary>
    public static void Write(AccessGraph graph, TextWriter text, IReadOnlySet<GraphEdge>? added = null, IReadOnlySet<GraphEdge>? removed = null)
    {
        var ids = graph.Nodes.ToDictionary(n => n.Id, n => MermaidId(n.Id));
        text.Write("flowchart LR\n");
        foreach (var node in graph.Nodes)
        {
            text.Write("  ");
            text.Write(ids[node.Id]);
            text.Write(Shape(node.Kind, Escape(node.Label)));
            text.Write('\n');
        }
        foreach (var edge in graph.Edges)
        {
            var (arrow, note) = added?.Contains(edge) == true ? ("==>", "added: ")
                : removed?.Contains(edge) == true ? ("-.->", "removed: ")
                : ("-->", "");
            text.Write("  ");
            text.Write(ids[edge.From]);
            text.Write(' ');
            text.Write(arrow);
            text.Write("|\"");
            text.Write(note);
            text.Write(Escape(edge.Label));
            text.Write("\"| ");
            text.Write(ids[edge.To]);
            text.Write('\n');
        }
    }

    private static string Shape(NodeKind kind, string label) => kind switch
    {
        NodeKind.Service or NodeKind.Workload => $"[\"{label}\"]",
        NodeKind.Function => $"[[\"{label}\"]]",
        NodeKind.Person => $"((\"{label}\"))",
        NodeKind.Internet => $"{{{{\"{label}\"}}}}",
        NodeKind.Scheduler or NodeKind.PushSubscription or NodeKind.EventarcTrigger or NodeKind.TasksQueue => $"([\"{label}\"])",
        _ => $">\"{label}\"]",
    };

    /// <summary>
    /// An id made of the name (letters, digits, '_') and a short hash of it: stable for the same node in
    /// every map, so the graphs of two versions line up, and unique although 'a-b' and 'a_b' look alike.
    /// </summary>
    private static string MermaidId(string id)
    {
        var readable = new string(id.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(id)))[..4];
        return $"{readable[..Math.Min(readable.Length, 40)]}_{hash}";
    }

    /// <summary>Mermaid labels are quoted; quotes inside become #quot;.</summary>
    private static string Escape(string label) => Reports.SafeText.Mermaid(label);
}
