namespace Callmap.Graph;

/// <summary>The access graph in Graphviz DOT: `callmap graph stacks/dev.yaml --format dot | dot -Tsvg > access.svg`.</summary>
public static class DotGraph
{
    public static string Render(AccessGraph graph)
    {
        var text = new StringWriter();
        Write(graph, text);
        return text.ToString();
    }

    /// <summary>Writes line by line: the graph of a 20,000-service map is never one string.</summary>
    public static void Write(AccessGraph graph, TextWriter text)
    {
        text.Write("digraph access {\n  rankdir=LR;\n  node [fontname=\"Helvetica\"];\n  edge [fontname=\"Helvetica\", fontsize=10];\n");
        foreach (var node in graph.Nodes)
            text.Write($"  {Quote(node.Id)} [label={Quote(node.Label)}, shape={Shape(node.Kind)}];\n");
        foreach (var edge in graph.Edges)
            text.Write($"  {Quote(edge.From)} -> {Quote(edge.To)} [label={Quote(edge.Label)}];\n");
        text.Write("}\n");
    }

    private static string Shape(NodeKind kind) => kind switch
    {
        NodeKind.Service or NodeKind.Workload => "box",
        NodeKind.Function => "component",
        NodeKind.Person => "ellipse",
        NodeKind.Internet => "hexagon",
        NodeKind.Scheduler or NodeKind.PushSubscription or NodeKind.EventarcTrigger or NodeKind.TasksQueue => "cds",
        _ => "note",
    };

    private static string Quote(string value) => $"\"{value.Replace("\\", "\\\\").Replace("\"", "\\\"")}\"";
}
