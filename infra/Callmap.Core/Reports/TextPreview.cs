using Callmap.Planning;
using Callmap.Reports.TextLayout;
using Spectre.Console;

namespace Callmap.Reports;

/// <summary>
/// The plan as a reviewer reads it in a terminal: per workload its account, settings, who may invoke
/// it and with which role on which resource; then the callers the map creates, the APIs, and the
/// access matrix (callers × services). What the preview says is written here once; an interactive
/// terminal gets it drawn by Spectre.Console, files, pipes and tests get the same characters as plain text.
/// </summary>
public static class TextPreview
{
    public static void Write(Plan plan, IAnsiConsole console) => new Composer(plan, new SpectreLayout(console)).Write();

    /// <summary>Renders without colour at a fixed width: for files, pipes and snapshot tests.</summary>
    public static string Render(Plan plan, int width = 120)
    {
        var writer = new StringWriter();
        Write(plan, writer, width);
        return writer.ToString();
    }

    /// <summary>
    /// Writes without colour at a fixed width and without trailing spaces, line by line as it is laid out,
    /// so the preview of a large map is never held in memory whole: what Spectre.Console would write at
    /// that width, without its cost per workload.
    /// </summary>
    public static void Write(Plan plan, TextWriter output, int width = 120)
    {
        using var lines = new TrimmingLineWriter(output);
        new Composer(plan, new PlainLayout(lines, width)).Write();
    }

    /// <summary>What the preview holds, in order, handed to a layout; the lists are reused from one workload to the next.</summary>
    private sealed class Composer(Plan plan, IPreviewLayout layout)
    {
        private readonly PlanView _view = new(plan);
        private readonly List<Field> _fields = [];
        private readonly List<(string, string)> _invokers = [];
        private readonly List<ReadOnlyMemory<char>> _env = [];
        private readonly TextBuffer _text = new();

        public void Write()
        {
            layout.Line("callmap plan", $" · {plan.Project} ({plan.ProjectNumber}) · {plan.Region} · {plan.MapFile}");
            layout.Line(_view.Summary.ToString());
            PublicSurface();
            foreach (var shared in SharedAudiences.In(plan)) layout.Line(SharedAudiences.Warning(shared));

            foreach (var workload in _view.Workloads) Workload(workload);

            if (_view.CreatedCallers.Count > 0)
            {
                layout.BlankLine();
                layout.Rule("Callers created by the map");
                foreach (var caller in _view.CreatedCallers)
                {
                    layout.Line(caller.Caller);
                    layout.Fields(
                    [
                        new("what", PlanSummary.CallerTitle(caller)),
                        new("runs as", $"{caller.Oidc.ServiceAccountEmail} (its own account)"),
                        new("token", $"OIDC ID token, audience {caller.Oidc.Audience}"),
                    ], indent: 2);
                }
            }

            Armor();
            IdentityPlatform();
            PlatformGrantsSection();

            layout.BlankLine();
            layout.Rule("APIs enabled");
            layout.Line(string.Join(", ", _view.Apis.Select(a => a.Service)));

            layout.BlankLine();
            layout.Rule("Access matrix", " (callers × services)");
            if (MatrixOverview.FitsAsTable(plan.Matrix))
            {
                layout.Table(Matrix());
                foreach (var (role, mark) in _view.Marks)
                    layout.Line($"{mark} = {role}, granted on that service only");
            }
            else Overview(MatrixOverview.Of(plan.Matrix));
        }

        /// <summary>One workload's block: its texts are composed in one reused buffer, not as strings.</summary>
        private void Workload(WorkloadItem w)
        {
            var text = _text;
            text.Clear();
            layout.BlankLine();
            layout.Rule(w.Workload, text.Add($" · {PlanSummary.KindTitle(w)} · {w.Location}"));
            var rows = _fields;
            rows.Clear();
            rows.Add(new("runs as", text.Add($"{w.ServiceAccountEmail} (its own account)")));
            rows.Add(new(w is RunServiceItem ? "image" : "code", PlanSummary.What(w)));
            if (PlatformGrants.BuildAccountOf(w) is { } builder) rows.Add(new("builds as", text.Add($"{builder} ({PlatformGrants.BuildAccountNote})")));
            rows.Add(new("scaling", PlanSummary.ScalingAndSize(w)));
            rows.Add(new("ingress", text.Add($"{w.Ingress}: {w.IngressReason}")));
            rows.Add(new("url", w.Url));
            rows.Add(new("audience", w.Audience));
            _env.Clear();
            PlanSummary.EnvLines(w, text, _env);
            if (_env.Count > 0) rows.Add(new("env", Joined(_env, "\n")));
            foreach (var secret in _view.SecretsReadBy(w))
            {
                var start = text.Length;
                PlanSummary.GrantResource(secret, text);
                text.Append($" · {secret.Role}");
                rows.Add(new("reads", text.Since(start)));
            }
            var calls = _view.CallsOf(w);
            if (calls.Count > 0)
            {
                var start = text.Length;
                for (var i = 0; i < calls.Count; i++) text.Append($"{(i > 0 ? ", " : "")}{calls[i].Target}");
                rows.Add(new("calls", text.Since(start)));
            }

            var invokers = _view.InvokersOf(w);
            var backend = _view.BackendOf(w);
            if (invokers.Count == 0)
                rows.Add(new("invoked by", backend is not null ? "end users only, through the load balancer" : "nobody: no caller in the map"));
            else
            {
                _invokers.Clear();
                foreach (var g in invokers) _invokers.Add((PlanSummary.CallerLabel(g.Caller), g.Role));
                rows.Add(new("invoked by", _invokers));
                var start = text.Length;
                PlanSummary.GrantResource(invokers[0], text);
                text.Append(" only, one additive IAM member each");
                rows.Add(new("granted on", text.Since(start)));
            }
            if (backend is not null)
            {
                var routes = _view.RoutesTo(w).Select(r => $"https://{r.Host}{r.Path}");
                rows.Add(new("public", $"{string.Join(", ", routes)} · auth {PlanSummary.AuthTitle(backend.Auth)} · backend {backend.BackendName}"));
                var iapMembers = _view.IapMembersOf(w);
                if (iapMembers.Count > 0)
                    rows.Add(new("IAP admits", $"{string.Join(", ", iapMembers.Select(m => m.Member))} · {iapMembers[0].Role} on {backend.BackendName} only"));
            }
            if (w is RunServiceItem { VpcEgress: { } egress })
                rows.Add(new("egress", PlanSummary.Egress(egress)));
            if (w is RunServiceItem { InvokerIamDisabled: true })
                rows.Add(new("invoker check", "off: end users are not IAM principals; only the load balancer reaches it, behind Cloud Armor"));
            rows.Add(new("protection", w.DeletionProtection ? "deletion protection on" : "deletion protection OFF"));
            layout.Fields(rows);
        }

        /// <summary>The pieces one after another in the buffer, with the separator between them.</summary>
        private ReadOnlyMemory<char> Joined(List<ReadOnlyMemory<char>> pieces, string separator)
        {
            var start = _text.Length;
            for (var i = 0; i < pieces.Count; i++)
            {
                if (i > 0) _text.Append(separator);
                _text.Append(pieces[i].Span);
            }
            return _text.Since(start);
        }

        private void PublicSurface()
        {
            var surface = plan.PublicSurface;
            layout.BlankLine();
            layout.Rule("Public surface");
            if (surface.IsEmpty)
            {
                layout.Line("Nothing is reachable from the internet without an IAM-checked token; no load balancer is planned.");
                return;
            }
            if (surface.Routes.Count > 0)
            {
                layout.Line("Global external Application Load Balancer (edge-address): HTTPS on 443 with TLS ≥ 1.2; port 80 only redirects to HTTPS.");
                var table = new Table().Border(TableBorder.Simple).AddColumns("host and path", "service", "auth", "Cloud Armor");
                // Text, not markup: a route's path may hold '[' (a path pattern allows it).
                foreach (var route in surface.Routes)
                    table.AddRow(new Text(route.Host + route.Path), new Text(route.Workload), new Text(route.Auth), new Text(route.ArmorPolicy));
                layout.Table(table);
            }
            foreach (var warning in PlanSummary.PublicWarnings(plan)) layout.Line(warning);
        }

        private void Armor()
        {
            foreach (var policy in _view.SecurityPolicies)
            {
                layout.BlankLine();
                var users = _view.GuardedBy(policy).Select(b => b.Workload);
                layout.Rule($"Cloud Armor {policy.Policy}", $" ({policy.PolicyName}) · guards {string.Join(", ", users)}");
                foreach (var rule in policy.Rules) layout.Line(PlanSummary.RuleText(rule));
                layout.Line($"adaptive protection {(policy.AdaptiveProtection ? "on" : "off")}");
            }
        }

        private void PlatformGrantsSection()
        {
            var lines = PlatformGrants.Of(plan);
            if (lines.Count == 0) return;
            layout.BlankLine();
            layout.Rule("Grants beyond the map's edges");
            foreach (var line in lines)
            {
                layout.Line(line.Grant);
                layout.Indented($"why: {line.Why}", indent: 2);
            }
        }

        private void IdentityPlatform()
        {
            if (_view.IdentityPlatform is not { } config) return;
            layout.BlankLine();
            layout.Rule("Identity Platform");
            layout.Fields(
            [
                new("sign-in", string.Join(", ", PlanSummary.SignInMethods(plan, config))),
                new("domains", string.Join(", ", config.AuthorizedDomains)),
                new("MFA", config.MfaState + (config.MfaEnabledProviders.Count > 0 ? $" ({string.Join(", ", config.MfaEnabledProviders)})" : "")),
                new("sign-up quota", PlanSummary.SignUpQuota(config)),
                new("blocking", config.BlockingTriggers.Count == 0 ? "none" : string.Join(", ", config.BlockingTriggers.Select(t => $"{t.EventType} → {t.Function}"))),
            ]);
        }

        private void Overview(MatrixOverview overview)
        {
            layout.Line($"{overview.Callers:N0} callers × {overview.Services:N0} services, {overview.Grants:N0} grants: "
                + $"too many for a table (more than {MatrixOverview.MaxTableServices} services or {MatrixOverview.MaxTableCallers} callers).");
            layout.Fields(
            [
                new("by role", string.Join("\n", overview.ByRole.Select(r => $"{r.Role}: {r.Grants:N0} grants, each on its service only"))),
                new("most callers", string.Join(", ", overview.MostCalled.Select(s => $"{s.Service} ({s.Callers:N0})"))),
                new("most targets", string.Join(", ", overview.MostCalling.Select(c => $"{PlanSummary.CallerLabel(c.Caller)} ({c.Services:N0})"))),
                new(PlanView.EndUserRow, EndUsers(overview)),
            ]);
            layout.Line("Who may invoke each service is in its block above.");
            layout.Line(MatrixOverview.FullMatrixHint);
        }

        private static string EndUsers(MatrixOverview overview)
        {
            if (overview.EndUsers.Count == 0) return "no service";
            var shown = overview.EndUsers.Take(MatrixOverview.EndUsersShown).Select(e => $"{e.Service} ({e.Auth})");
            var more = overview.EndUsers.Count - MatrixOverview.EndUsersShown;
            return string.Join(", ", shown) + (more > 0 ? $" and {more:N0} more" : "");
        }

        private Table Matrix()
        {
            var table = new Table().Border(TableBorder.Simple).AddColumn("caller");
            foreach (var service in plan.Matrix.Services) table.AddColumn(new TableColumn(service).Centered());
            foreach (var caller in plan.Matrix.Callers)
                table.AddRow([new Text(PlanSummary.CallerLabel(caller)), .. plan.Matrix.Services.Select(s => new Text(_view.MarkAt(caller, s) ?? "·"))]);
            if (plan.Matrix.EndUsers.Count > 0)
                table.AddRow([new Text(PlanView.EndUserRow), .. plan.Matrix.Services.Select(s => new Text(_view.EndUserAccessTo(s) ?? "·"))]);
            return table;
        }
    }
}
