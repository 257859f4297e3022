using System.Text;
using Callmap.Planning;

namespace Callmap.Reports;

/// <summary>The same preview as <see cref="TextPreview"/>, as GitHub-flavoured Markdown for a pull-request comment.</summary>
public static class MarkdownPreview
{
    public static string Render(Plan plan)
    {
        var view = new PlanView(plan);
        var md = new StringBuilder();
        md.AppendLine($"## callmap plan: `{plan.Project}`");
        md.AppendLine();
        md.AppendLine($"`{plan.MapFile}` · project `{plan.Project}` ({plan.ProjectNumber}) · region `{plan.Region}`  ");
        md.AppendLine(view.Summary.ToString());

        foreach (var w in view.Workloads)
        {
            md.AppendLine();
            md.AppendLine($"### `{w.Workload}` · {PlanSummary.KindTitle(w)} · {w.Location}");
            md.AppendLine();
            md.AppendLine("| | |");
            md.AppendLine("|---|---|");
            Row(md, "runs as", $"`{w.ServiceAccountEmail}` (its own account)");
            Row(md, w is RunServiceItem ? "image" : "code", Code(PlanSummary.What(w)));
            Row(md, "scaling", $"{PlanSummary.Scaling(w)} · {PlanSummary.Resources(w)}");
            Row(md, "ingress", $"`{w.Ingress}`: {w.IngressReason}");
            Row(md, "url", w.Url);
            Row(md, "audience", Code(w.Audience));
            var env = PlanSummary.EnvLines(w);
            if (env.Count > 0) Row(md, "env", string.Join("<br>", env.Select(Code)));
            foreach (var secret in view.SecretsReadBy(w))
                Row(md, "reads", $"{PlanSummary.GrantResource(secret)} · `{secret.Role}`");
            var calls = view.CallsOf(w);
            if (calls.Count > 0) Row(md, "calls", string.Join(", ", calls.Select(Code)));
            Row(md, "protection", w.DeletionProtection ? "deletion protection on" : "**deletion protection OFF**");

            var invokers = view.InvokersOf(w);
            md.AppendLine();
            if (invokers.Count == 0)
            {
                md.AppendLine("Invoked by nobody: no caller in the map.");
                continue;
            }
            md.AppendLine("| invoked by | as member | role |");
            md.AppendLine("|---|---|---|");
            foreach (var g in invokers)
                md.AppendLine($"| {Code(g.Caller)} | {Code(g.Member)} | `{g.Role}` |");
            md.AppendLine();
            md.AppendLine($"Granted on {PlanSummary.GrantResource(invokers[0])} only, one additive IAM member each.");
        }

        var created = plan.OfType<CreatedCallerItem>().ToList();
        if (created.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("### Callers created by the map");
            md.AppendLine();
            md.AppendLine("| caller | what | runs as | token audience |");
            md.AppendLine("|---|---|---|---|");
            foreach (var c in created)
                md.AppendLine($"| `{c.Caller}` | {Escape(PlanSummary.CallerTitle(c))} | `{c.Oidc.ServiceAccountEmail}` | {Code(c.Oidc.Audience)} |");
        }

        md.AppendLine();
        md.AppendLine("### APIs enabled");
        md.AppendLine();
        md.AppendLine(string.Join(", ", plan.OfType<ApiServiceItem>().Select(a => Code(a.Service))));

        md.AppendLine();
        md.AppendLine("### Access matrix (callers × services)");
        md.AppendLine();
        md.AppendLine($"| caller | {string.Join(" | ", plan.Matrix.Services.Select(Code))} |");
        md.AppendLine($"|---|{string.Concat(plan.Matrix.Services.Select(_ => ":---:|"))}");
        foreach (var caller in plan.Matrix.Callers)
            md.AppendLine($"| {Code(caller)} | {string.Join(" | ", plan.Matrix.Services.Select(s => view.MarkAt(caller, s) ?? ""))} |");
        md.AppendLine();
        foreach (var (role, mark) in view.Marks)
            md.AppendLine($"{mark} = `{role}`, granted on that service only  ");
        return md.ToString().ReplaceLineEndings("\n");
    }

    private static void Row(StringBuilder md, string key, string value) => md.AppendLine($"| {key} | {value} |");

    private static string Code(string text) => $"`{text.Replace("`", "'")}`";

    private static string Escape(string text) => text.Replace("|", "\\|");
}
