using System.Text;
using Callmap.Graph;
using Callmap.Reports;

namespace Callmap.Diff;

/// <summary>The access diff for a terminal and for a pull-request comment; both lead with the risks.</summary>
public static class DiffReport
{
    public static string Text(AccessDiff diff, string label)
    {
        var text = new StringBuilder($"callmap diff · {label}\n");
        if (diff.IsEmpty) return text.Append("No access changes.\n").ToString();
        var risks = diff.Changes.Where(c => c.IsRisk).ToList();
        if (risks.Count > 0)
        {
            text.AppendLine().AppendLine($"Risk ({risks.Count}):");
            foreach (var change in risks) text.AppendLine($"  ⚠ {Word(change.Kind)}: {SafeText.OneLine(change.Text)}");
        }
        var replaced = diff.Changes.Where(c => c.Kind == ChangeKind.Replaced).ToList();
        if (replaced.Count > 0)
        {
            text.AppendLine().AppendLine($"Replaced ({replaced.Count}):");
            foreach (var change in replaced) text.AppendLine($"  ↻ {SafeText.OneLine(change.Text)}");
        }
        var rest = diff.Changes.Where(c => !c.IsRisk && c.Kind != ChangeKind.Replaced).ToList();
        if (rest.Count > 0)
        {
            text.AppendLine().AppendLine($"Other changes ({rest.Count}):");
            foreach (var change in rest) text.AppendLine($"  {(change.Kind == ChangeKind.Narrowed ? "-" : "~")} {SafeText.OneLine(change.Text)}");
        }
        return text.ToString();
    }

    public static string Markdown(AccessDiff diff, string label)
    {
        var md = new StringBuilder($"## callmap diff: {SafeText.Code(label)}\n\n");
        if (diff.IsEmpty) return md.Append("No access changes.\n").ToString();
        var risks = diff.Changes.Where(c => c.IsRisk).ToList();
        if (risks.Count > 0)
        {
            md.AppendLine($"### ⚠ Risk ({risks.Count})").AppendLine();
            foreach (var change in risks) md.AppendLine($"- **{Word(change.Kind)}**: {SafeText.Markdown(change.Text)}");
            md.AppendLine();
        }
        var replaced = diff.Changes.Where(c => c.Kind == ChangeKind.Replaced).ToList();
        if (replaced.Count > 0)
        {
            md.AppendLine($"### ↻ Replaced ({replaced.Count})").AppendLine();
            foreach (var change in replaced) md.AppendLine($"- {SafeText.Markdown(change.Text)}");
            md.AppendLine();
        }
        var rest = diff.Changes.Where(c => !c.IsRisk && c.Kind != ChangeKind.Replaced).ToList();
        if (rest.Count > 0)
        {
            md.AppendLine($"### Other changes ({rest.Count})").AppendLine();
            foreach (var change in rest) md.AppendLine($"- {SafeText.Markdown(change.Text)}");
            md.AppendLine();
        }
        md.AppendLine("### Access graph (thick: added, dotted: removed)").AppendLine();
        if (MatrixOverview.FitsAsTable(diff.Old.Matrix) && MatrixOverview.FitsAsTable(diff.New.Matrix))
            md.AppendLine("```mermaid").Append(Graph(diff)).AppendLine("```");
        else md.AppendLine("Not drawn for maps this size (no renderer lays them out readably); `callmap graph MAP --format dot` writes each version for Graphviz.");
        return md.ToString();
    }

    /// <summary>Both versions in one graph: everything of the new one, plus what the old one had and lost.</summary>
    public static string Graph(AccessDiff diff)
    {
        var before = AccessGraph.From(diff.Old);
        var after = AccessGraph.From(diff.New);
        var added = after.Edges.Except(before.Edges).ToHashSet();
        var removed = before.Edges.Except(after.Edges).ToHashSet();
        var afterIds = after.Nodes.Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        var nodes = after.Nodes.Concat(before.Nodes.Where(n => !afterIds.Contains(n.Id))).ToList();
        return MermaidGraph.Render(new AccessGraph(nodes, [.. after.Edges, .. removed]), added, removed);
    }

    private static string Word(ChangeKind kind) => kind switch
    {
        ChangeKind.NewPublicSurface => "new public surface",
        ChangeKind.Widened => "widened access",
        _ => "removed protection",
    };
}
