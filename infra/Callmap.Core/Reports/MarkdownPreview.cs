using Callmap.Planning;

namespace Callmap.Reports;

/// <summary>The same preview as <see cref="TextPreview"/>, as GitHub-flavoured Markdown for a pull-request comment.</summary>
public static class MarkdownPreview
{
    public static string Render(Plan plan)
    {
        var writer = new StringWriter();
        Write(plan, writer);
        return writer.ToString();
    }

    /// <summary>
    /// Writes the preview straight to <paramref name="output"/>, a line's parts at a time, so a large map's
    /// preview is never held: map strings are escaped as they are written, and each workload's texts are
    /// composed in one reused buffer.
    /// </summary>
    public static void Write(Plan plan, TextWriter output)
    {
        var view = new PlanView(plan);
        var md = new MarkdownWriter(output);
        md.Line($"## callmap plan: {Code(plan.Project)}");
        md.Line();
        md.Line($"{Code(plan.MapFile)} · project {Code(plan.Project)} ({Escape(plan.ProjectNumber)}) · region {Code(plan.Region)}  ");
        md.Line($"{view.Summary.ToString()}");
        PublicSurface(md, plan);
        foreach (var shared in SharedAudiences.In(plan))
        {
            md.Line();
            md.Line($"> {Escape(SharedAudiences.Warning(shared))}");
        }

        var workload = new WorkloadSection(md, view);
        foreach (var w in view.Workloads) workload.Write(w);

        if (view.CreatedCallers.Count > 0)
        {
            md.Line();
            md.Line($"### Callers created by the map");
            md.Line();
            md.Line($"| caller | what | runs as | token audience |");
            md.Line($"|---|---|---|---|");
            foreach (var c in view.CreatedCallers)
                md.Line($"| {Code(c.Caller)} | {Escape(PlanSummary.CallerTitle(c))} | {Code(c.Oidc.ServiceAccountEmail)} | {Code(c.Oidc.Audience)} |");
        }

        foreach (var policy in view.SecurityPolicies)
        {
            md.Line();
            md.Write($"### Cloud Armor {Code(policy.Policy)} ({Code(policy.PolicyName)}) · guards ");
            md.Codes(view.GuardedBy(policy), b => b.Workload);
            md.Line();
            md.Line();
            foreach (var rule in policy.Rules) md.Line($"- {Code(PlanSummary.RuleText(rule))}");
            md.Line($"- adaptive protection {(policy.AdaptiveProtection ? "on" : "off")}");
        }
        if (view.IdentityPlatform is { } config) IdentityPlatform(md, plan, config);

        var platformGrants = PlatformGrants.Of(plan);
        if (platformGrants.Count > 0)
        {
            md.Line();
            md.Line($"### Grants beyond the map's edges");
            md.Line();
            md.Line($"| grant | why |");
            md.Line($"|---|---|");
            foreach (var line in platformGrants) md.Line($"| {Escape(line.Grant)} | {Escape(line.Why)} |");
        }

        md.Line();
        md.Line($"### APIs enabled");
        md.Line();
        md.Codes(view.Apis, a => a.Service);
        md.Line();

        md.Line();
        md.Line($"### Access matrix (callers × services)");
        md.Line();
        if (MatrixOverview.FitsAsTable(plan.Matrix)) Matrix(md, view);
        else Overview(md, MatrixOverview.Of(plan.Matrix));

        md.Line();
        md.Line($"### Access graph");
        md.Line();
        if (MatrixOverview.FitsAsTable(plan.Matrix))
        {
            md.Line($"```mermaid");
            output.Write(Graph.MermaidGraph.Render(Graph.AccessGraph.From(plan)).ReplaceLineEndings("\n"));
            md.Line($"```");
        }
        else md.Line($"Not drawn for a map this size (no renderer lays it out readably); `callmap graph MAP --format dot` writes it for Graphviz.");
    }

    /// <summary>One workload's section: its settings as a table, then who may invoke it. The lists and buffer are reused.</summary>
    private sealed class WorkloadSection(MarkdownWriter md, PlanView view)
    {
        private readonly TextBuffer _text = new();
        private readonly List<ReadOnlyMemory<char>> _env = [];

        public void Write(WorkloadItem w)
        {
            var text = _text;
            text.Clear();
            md.Line();
            md.Line($"### {Code(w.Workload)} · {Escape(PlanSummary.KindTitle(w))} · {Escape(w.Location)}");
            md.Line();
            md.Line($"| | |");
            md.Line($"|---|---|");
            md.Line($"| runs as | {Code(w.ServiceAccountEmail)} (its own account) |");
            md.Line($"| {(w is RunServiceItem ? "image" : "code")} | {Code(PlanSummary.What(w))} |");
            if (PlatformGrants.BuildAccountOf(w) is { } builder) md.Line($"| builds as | {Code(builder)} ({Escape(PlatformGrants.BuildAccountNote)}) |");
            md.Line($"| scaling | {Escape(PlanSummary.ScalingAndSize(w))} |");
            md.Line($"| ingress | {Code(w.Ingress)}: {Escape(w.IngressReason)} |");
            md.Line($"| url | {Escape(w.Url)} |");
            md.Line($"| audience | {Code(w.Audience)} |");
            _env.Clear();
            PlanSummary.EnvLines(w, text, _env);
            if (_env.Count > 0)
            {
                md.Write($"| env | ");
                md.Codes(_env, line => line, separator: "<br>");
                md.Line($" |");
            }
            foreach (var secret in view.SecretsReadBy(w))
            {
                var start = text.Length;
                PlanSummary.GrantResource(secret, text);
                md.Line($"| reads | {Escape(text.Since(start))} · {Code(secret.Role)} |");
            }
            var calls = view.CallsOf(w);
            if (calls.Count > 0)
            {
                md.Write($"| calls | ");
                md.Codes(calls, g => g.Target);
                md.Line($" |");
            }
            if (view.BackendOf(w) is { } backend)
            {
                md.Write($"| public | ");
                md.Codes(view.RoutesTo(w), r => text.Add($"https://{r.Host}{r.Path}"));
                md.Line($" · auth {Escape(PlanSummary.AuthTitle(backend.Auth))} · backend {Code(backend.BackendName)} |");
                var iapMembers = view.IapMembersOf(w);
                if (iapMembers.Count > 0)
                {
                    md.Write($"| IAP admits | ");
                    md.Codes(iapMembers, m => m.Member);
                    md.Line($" · {Code(iapMembers[0].Role)} on {Code(backend.BackendName)} only |");
                }
            }
            if (w is RunServiceItem { VpcEgress: { } egress })
                md.Line($"| egress | {Escape(PlanSummary.Egress(egress))} |");
            if (w is RunServiceItem { InvokerIamDisabled: true })
                md.Line($"| invoker check | **off**: end users are not IAM principals; only the load balancer reaches it, behind Cloud Armor |");
            md.Line($"| protection | {(w.DeletionProtection ? "deletion protection on" : "**deletion protection OFF**")} |");

            var invokers = view.InvokersOf(w);
            md.Line();
            if (invokers.Count == 0)
            {
                md.Line($"{(view.BackendOf(w) is not null ? "Invoked by end users only, through the load balancer." : "Invoked by nobody: no caller in the map.")}");
                return;
            }
            md.Line($"| invoked by | as member | role |");
            md.Line($"|---|---|---|");
            foreach (var g in invokers)
                md.Line($"| {Code(PlanSummary.CallerLabel(g.Caller))} | {Code(g.Member)} | {Code(g.Role)} |");
            md.Line();
            var resource = text.Length;
            PlanSummary.GrantResource(invokers[0], text);
            md.Line($"Granted on {Escape(text.Since(resource))} only, one additive IAM member each.");
        }
    }

    private static void IdentityPlatform(MarkdownWriter md, Plan plan, IdentityPlatformConfigItem config)
    {
        md.Line();
        md.Line($"### Identity Platform");
        md.Line();
        md.Write($"- sign-in: ");
        var methods = PlanSummary.SignInMethods(plan, config);
        for (var i = 0; i < methods.Count; i++) md.Write($"{(i > 0 ? ", " : "")}{Escape(methods[i])}");
        md.Line();
        md.Write($"- authorized domains: ");
        md.Codes(config.AuthorizedDomains, d => d);
        md.Line();
        md.Write($"- MFA: {Code(config.MfaState)}");
        if (config.MfaEnabledProviders.Count > 0)
        {
            md.Write($" (");
            for (var i = 0; i < config.MfaEnabledProviders.Count; i++) md.Write($"{(i > 0 ? ", " : "")}{Escape(config.MfaEnabledProviders[i])}");
            md.Write($")");
        }
        md.Line();
        md.Line($"- sign-up quota: {Escape(PlanSummary.SignUpQuota(config))}");
        md.Write($"- blocking functions: ");
        if (config.BlockingTriggers.Count == 0) md.Write($"none");
        for (var i = 0; i < config.BlockingTriggers.Count; i++)
            md.Write($"{(i > 0 ? ", " : "")}{Code(config.BlockingTriggers[i].EventType)} → {Code(config.BlockingTriggers[i].Function)}");
        md.Line();
    }

    private static void Matrix(MarkdownWriter md, PlanView view)
    {
        var matrix = view.Plan.Matrix;
        md.Write($"| caller | ");
        md.Codes(matrix.Services, s => s, separator: " | ");
        md.Line($" |");
        md.Write($"|---|");
        foreach (var _ in matrix.Services) md.Write($":---:|");
        md.Line();
        foreach (var caller in matrix.Callers)
        {
            md.Write($"| {Code(PlanSummary.CallerLabel(caller))} |");
            foreach (var s in matrix.Services) md.Write($" {view.MarkAt(caller, s) ?? ""} |");
            md.Line();
        }
        if (matrix.EndUsers.Count > 0)
        {
            md.Write($"| **{PlanView.EndUserRow}** |");
            foreach (var s in matrix.Services) md.Write($" {(view.EndUserAccessTo(s) is { } auth ? $"**{auth}**" : "")} |");
            md.Line();
        }
        md.Line();
        foreach (var (role, mark) in view.Marks)
            md.Line($"{mark} = {Code(role)}, granted on that service only  ");
    }

    private static void Overview(MarkdownWriter md, MatrixOverview overview)
    {
        md.Line($"{overview.Callers:N0} callers × {overview.Services:N0} services, {overview.Grants:N0} grants: "
            + $"too many for a table (more than {MatrixOverview.MaxTableServices} services or {MatrixOverview.MaxTableCallers} callers).");
        md.Line();
        foreach (var (role, grants) in overview.ByRole)
            md.Line($"- {Code(role)}: {grants:N0} grants, each on its service only");
        md.Write($"- most callers: ");
        for (var i = 0; i < overview.MostCalled.Count; i++)
            md.Write($"{(i > 0 ? ", " : "")}{Code(overview.MostCalled[i].Service)} ({overview.MostCalled[i].Callers:N0})");
        md.Line();
        md.Write($"- most targets: ");
        for (var i = 0; i < overview.MostCalling.Count; i++)
            md.Write($"{(i > 0 ? ", " : "")}{Code(PlanSummary.CallerLabel(overview.MostCalling[i].Caller))} ({overview.MostCalling[i].Services:N0})");
        md.Line();
        md.Write($"- {PlanView.EndUserRow}: ");
        if (overview.EndUsers.Count == 0) md.Write($"no service");
        var shown = Math.Min(overview.EndUsers.Count, MatrixOverview.EndUsersShown);
        for (var i = 0; i < shown; i++)
            md.Write($"{(i > 0 ? ", " : "")}{Code(overview.EndUsers[i].Service)} (**{overview.EndUsers[i].Auth}**)");
        if (overview.EndUsers.Count - MatrixOverview.EndUsersShown is var more and > 0) md.Write($" and {more:N0} more");
        md.Line();
        md.Line();
        md.Line($"Who may invoke each service is in its section above.");
        md.Line($"{MatrixOverview.FullMatrixHint.Replace("callmap plan MAP --format json", "`callmap plan MAP --format json`")}");
    }

    private static void PublicSurface(MarkdownWriter md, Plan plan)
    {
        md.Line();
        md.Line($"### Public surface");
        md.Line();
        if (plan.PublicSurface.IsEmpty)
        {
            md.Line($"Nothing is reachable from the internet without an IAM-checked token; no load balancer is planned.");
            return;
        }
        if (plan.PublicSurface.Routes.Count > 0)
        {
            md.Line($"Global external Application Load Balancer (`edge-address`): HTTPS on 443 with TLS ≥ 1.2; port 80 only redirects to HTTPS.");
            md.Line();
            md.Line($"| host and path | service | auth | Cloud Armor |");
            md.Line($"|---|---|---|---|");
            foreach (var r in plan.PublicSurface.Routes)
                md.Line($"| {Code(r.Host + r.Path)} | {Code(r.Workload)} | {Escape(r.Auth)} | {Code(r.ArmorPolicy)} |");
            md.Line();
        }
        foreach (var warning in PlanSummary.PublicWarnings(plan)) md.Line($"> {Escape(warning)}  ");
    }

    private static MarkdownWriter.Code Code(string value) => new(value.AsMemory());

    private static MarkdownWriter.Text Escape(string value) => new(value.AsMemory());

    private static MarkdownWriter.Text Escape(ReadOnlyMemory<char> value) => new(value);
}
