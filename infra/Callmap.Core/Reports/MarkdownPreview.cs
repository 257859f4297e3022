using System.Text;
using Callmap.Planning;

namespace Callmap.Reports;

/// <summary>The same preview as <see cref="TextPreview"/>, as GitHub-flavoured Markdown for a pull-request comment.</summary>
public static class MarkdownPreview
{
    /// <summary>How much Markdown is held before it is passed on to the output.</summary>
    private const int ChunkChars = 64 * 1024;

    public static string Render(Plan plan)
    {
        var writer = new StringWriter();
        Write(plan, writer);
        return writer.ToString();
    }

    /// <summary>Writes the preview section by section, so a large map's preview is never held whole.</summary>
    public static void Write(Plan plan, TextWriter output)
    {
        var view = new PlanView(plan);
        var md = new StringBuilder();
        md.AppendLine($"## callmap plan: {Code(plan.Project)}");
        md.AppendLine();
        md.AppendLine($"{Code(plan.MapFile)} · project {Code(plan.Project)} ({Escape(plan.ProjectNumber)}) · region {Code(plan.Region)}  ");
        md.AppendLine(view.Summary.ToString());
        PublicSurface(md, plan);
        foreach (var shared in SharedAudiences.In(plan)) md.AppendLine().AppendLine($"> {Escape(SharedAudiences.Warning(shared))}");

        foreach (var w in view.Workloads)
        {
            PassOn(md, output, whenAbove: ChunkChars);
            md.AppendLine();
            md.AppendLine($"### {Code(w.Workload)} · {Escape(PlanSummary.KindTitle(w))} · {Escape(w.Location)}");
            md.AppendLine();
            md.AppendLine("| | |");
            md.AppendLine("|---|---|");
            Row(md, "runs as", $"{Code(w.ServiceAccountEmail)} (its own account)");
            Row(md, w is RunServiceItem ? "image" : "code", Code(PlanSummary.What(w)));
            if (PlatformGrants.BuildAccountOf(w) is { } builder) Row(md, "builds as", $"{Code(builder)} ({Escape(PlatformGrants.BuildAccountNote)})");
            Row(md, "scaling", Escape(PlanSummary.ScalingAndSize(w)));
            Row(md, "ingress", $"{Code(w.Ingress)}: {Escape(w.IngressReason)}");
            Row(md, "url", Escape(w.Url));
            Row(md, "audience", Code(w.Audience));
            var env = PlanSummary.EnvLines(w);
            if (env.Count > 0) Row(md, "env", string.Join("<br>", env.Select(Code)));
            foreach (var secret in view.SecretsReadBy(w))
                Row(md, "reads", $"{Escape(PlanSummary.GrantResource(secret))} · {Code(secret.Role)}");
            var calls = view.CallsOf(w);
            if (calls.Count > 0) Row(md, "calls", string.Join(", ", calls.Select(g => Code(g.Target))));
            if (view.BackendOf(w) is { } backend)
            {
                var routes = view.RoutesTo(w).Select(r => Code($"https://{r.Host}{r.Path}"));
                Row(md, "public", $"{string.Join(", ", routes)} · auth {Escape(PlanSummary.AuthTitle(backend.Auth))} · backend {Code(backend.BackendName)}");
                var iapMembers = view.IapMembersOf(w);
                if (iapMembers.Count > 0)
                    Row(md, "IAP admits", $"{string.Join(", ", iapMembers.Select(m => Code(m.Member)))} · {Code(iapMembers[0].Role)} on {Code(backend.BackendName)} only");
            }
            if (w is RunServiceItem { VpcEgress: { } egress })
                Row(md, "egress", Escape(PlanSummary.Egress(egress)));
            if (w is RunServiceItem { InvokerIamDisabled: true })
                Row(md, "invoker check", "**off**: end users are not IAM principals; only the load balancer reaches it, behind Cloud Armor");
            Row(md, "protection", w.DeletionProtection ? "deletion protection on" : "**deletion protection OFF**");

            var invokers = view.InvokersOf(w);
            md.AppendLine();
            if (invokers.Count == 0)
            {
                md.AppendLine(view.BackendOf(w) is not null ? "Invoked by end users only, through the load balancer." : "Invoked by nobody: no caller in the map.");
                continue;
            }
            md.AppendLine("| invoked by | as member | role |");
            md.AppendLine("|---|---|---|");
            foreach (var g in invokers)
                md.AppendLine($"| {Code(PlanSummary.CallerLabel(g.Caller))} | {Code(g.Member)} | {Code(g.Role)} |");
            md.AppendLine();
            md.AppendLine($"Granted on {Escape(PlanSummary.GrantResource(invokers[0]))} only, one additive IAM member each.");
        }

        var created = view.CreatedCallers;
        if (created.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("### Callers created by the map");
            md.AppendLine();
            md.AppendLine("| caller | what | runs as | token audience |");
            md.AppendLine("|---|---|---|---|");
            foreach (var c in created)
                md.AppendLine($"| {Code(c.Caller)} | {Escape(PlanSummary.CallerTitle(c))} | {Code(c.Oidc.ServiceAccountEmail)} | {Code(c.Oidc.Audience)} |");
        }

        foreach (var policy in view.SecurityPolicies)
        {
            md.AppendLine();
            var users = view.GuardedBy(policy).Select(b => Code(b.Workload));
            md.AppendLine($"### Cloud Armor {Code(policy.Policy)} ({Code(policy.PolicyName)}) · guards {string.Join(", ", users)}");
            md.AppendLine();
            foreach (var rule in policy.Rules) md.AppendLine($"- {Code(PlanSummary.RuleText(rule))}");
            md.AppendLine($"- adaptive protection {(policy.AdaptiveProtection ? "on" : "off")}");
        }
        if (view.IdentityPlatform is { } config)
        {
            md.AppendLine();
            md.AppendLine("### Identity Platform");
            md.AppendLine();
            md.AppendLine($"- sign-in: {string.Join(", ", PlanSummary.SignInMethods(plan, config).Select(Escape))}");
            md.AppendLine($"- authorized domains: {string.Join(", ", config.AuthorizedDomains.Select(Code))}");
            md.AppendLine($"- MFA: {Code(config.MfaState)}{(config.MfaEnabledProviders.Count > 0 ? $" ({string.Join(", ", config.MfaEnabledProviders.Select(Escape))})" : "")}");
            md.AppendLine($"- sign-up quota: {Escape(PlanSummary.SignUpQuota(config))}");
            md.AppendLine($"- blocking functions: {(config.BlockingTriggers.Count == 0 ? "none" : string.Join(", ", config.BlockingTriggers.Select(t => $"{Code(t.EventType)} → {Code(t.Function)}")))}");
        }

        var platformGrants = PlatformGrants.Of(plan);
        if (platformGrants.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("### Grants beyond the map's edges");
            md.AppendLine();
            md.AppendLine("| grant | why |");
            md.AppendLine("|---|---|");
            foreach (var line in platformGrants) md.AppendLine($"| {Escape(line.Grant)} | {Escape(line.Why)} |");
        }

        md.AppendLine();
        md.AppendLine("### APIs enabled");
        md.AppendLine();
        md.AppendLine(string.Join(", ", view.Apis.Select(a => Code(a.Service))));

        md.AppendLine();
        md.AppendLine("### Access matrix (callers × services)");
        md.AppendLine();
        if (MatrixOverview.FitsAsTable(plan.Matrix)) Matrix(md, view);
        else Overview(md, MatrixOverview.Of(plan.Matrix));

        md.AppendLine();
        md.AppendLine("### Access graph");
        md.AppendLine();
        if (MatrixOverview.FitsAsTable(plan.Matrix))
        {
            md.AppendLine("```mermaid");
            md.Append(Graph.MermaidGraph.Render(Graph.AccessGraph.From(plan)));
            md.AppendLine("```");
        }
        else md.AppendLine("Not drawn for a map this size (no renderer lays it out readably); `callmap graph MAP --format dot` writes it for Graphviz.");
        PassOn(md, output, whenAbove: 0);
    }

    /// <summary>Moves what is written so far to the output; it ends with a line, so line endings convert alike.</summary>
    private static void PassOn(StringBuilder md, TextWriter output, int whenAbove)
    {
        if (md.Length <= whenAbove) return;
        output.Write(md.ToString().ReplaceLineEndings("\n"));
        md.Clear();
    }

    private static void Matrix(StringBuilder md, PlanView view)
    {
        var matrix = view.Plan.Matrix;
        md.AppendLine($"| caller | {string.Join(" | ", matrix.Services.Select(Code))} |");
        md.AppendLine($"|---|{string.Concat(matrix.Services.Select(_ => ":---:|"))}");
        foreach (var caller in matrix.Callers)
            md.AppendLine($"| {Code(PlanSummary.CallerLabel(caller))} | {string.Join(" | ", matrix.Services.Select(s => view.MarkAt(caller, s) ?? ""))} |");
        if (matrix.EndUsers.Count > 0)
            md.AppendLine($"| **{PlanView.EndUserRow}** | {string.Join(" | ", matrix.Services.Select(s => view.EndUserAccessTo(s) is { } auth ? $"**{auth}**" : ""))} |");
        md.AppendLine();
        foreach (var (role, mark) in view.Marks)
            md.AppendLine($"{mark} = {Code(role)}, granted on that service only  ");
    }

    private static void Overview(StringBuilder md, MatrixOverview overview)
    {
        md.AppendLine($"{overview.Callers:N0} callers × {overview.Services:N0} services, {overview.Grants:N0} grants: "
            + $"too many for a table (more than {MatrixOverview.MaxTableServices} services or {MatrixOverview.MaxTableCallers} callers).");
        md.AppendLine();
        foreach (var (role, grants) in overview.ByRole)
            md.AppendLine($"- {Code(role)}: {grants:N0} grants, each on its service only");
        md.AppendLine($"- most callers: {string.Join(", ", overview.MostCalled.Select(s => $"{Code(s.Service)} ({s.Callers:N0})"))}");
        md.AppendLine($"- most targets: {string.Join(", ", overview.MostCalling.Select(c => $"{Code(PlanSummary.CallerLabel(c.Caller))} ({c.Services:N0})"))}");
        var more = overview.EndUsers.Count - MatrixOverview.EndUsersShown;
        md.AppendLine($"- {PlanView.EndUserRow}: {(overview.EndUsers.Count == 0 ? "no service" : string.Join(", ", overview.EndUsers.Take(MatrixOverview.EndUsersShown).Select(e => $"{Code(e.Service)} (**{e.Auth}**)")) + (more > 0 ? $" and {more:N0} more" : ""))}");
        md.AppendLine();
        md.AppendLine("Who may invoke each service is in its section above.");
        md.AppendLine(MatrixOverview.FullMatrixHint.Replace("callmap plan MAP --format json", "`callmap plan MAP --format json`"));
    }

    private static void PublicSurface(StringBuilder md, Plan plan)
    {
        md.AppendLine();
        md.AppendLine("### Public surface");
        md.AppendLine();
        if (plan.PublicSurface.IsEmpty)
        {
            md.AppendLine("Nothing is reachable from the internet without an IAM-checked token; no load balancer is planned.");
            return;
        }
        if (plan.PublicSurface.Routes.Count > 0)
        {
            md.AppendLine("Global external Application Load Balancer (`edge-address`): HTTPS on 443 with TLS ≥ 1.2; port 80 only redirects to HTTPS.");
            md.AppendLine();
            md.AppendLine("| host and path | service | auth | Cloud Armor |");
            md.AppendLine("|---|---|---|---|");
            foreach (var r in plan.PublicSurface.Routes)
                md.AppendLine($"| {Code(r.Host + r.Path)} | {Code(r.Workload)} | {Escape(r.Auth)} | {Code(r.ArmorPolicy)} |");
            md.AppendLine();
        }
        foreach (var warning in PlanSummary.PublicWarnings(plan)) md.AppendLine($"> {Escape(warning)}  ");
    }

    private static void Row(StringBuilder md, string key, string value) => md.AppendLine($"| {key} | {value} |");

    private static string Code(string text) => SafeText.Code(text);

    private static string Escape(string text) => SafeText.Markdown(text);
}
