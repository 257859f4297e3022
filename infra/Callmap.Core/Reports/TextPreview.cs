using Callmap.Planning;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Callmap.Reports;

/// <summary>
/// The plan as a reviewer reads it in a terminal: per workload its account, settings, who may invoke
/// it and with which role on which resource; then the callers the map creates, the APIs, and the
/// access matrix (callers × services).
/// </summary>
public static class TextPreview
{
    public static void Write(Plan plan, IAnsiConsole console)
    {
        var view = new PlanView(plan);
        console.MarkupLineInterpolated($"[bold]callmap plan[/] · {plan.Project} ({plan.ProjectNumber}) · {plan.Region} · {plan.MapFile}");
        console.WriteLine(view.Summary.ToString());
        PublicSurface(view, console);
        foreach (var shared in SharedAudiences.In(plan)) console.WriteLine(SharedAudiences.Warning(shared));

        foreach (var workload in view.Workloads)
            Workload(view, workload, console);

        var created = view.CreatedCallers;
        if (created.Count > 0)
        {
            console.WriteLine();
            console.Write(new Rule("[bold]Callers created by the map[/]").LeftJustified());
            foreach (var caller in created)
            {
                console.WriteLine(caller.Caller);
                console.Write(new Padder(Fields([
                    ("what", new Text(PlanSummary.CallerTitle(caller))),
                    ("runs as", new Text($"{caller.Oidc.ServiceAccountEmail} (its own account)")),
                    ("token", new Text($"OIDC ID token, audience {caller.Oidc.Audience}")),
                ]), new Padding(2, 0, 0, 0)));
            }
        }

        Armor(view, console);
        IdentityPlatform(view, console);
        PlatformGrantsSection(plan, console);

        console.WriteLine();
        console.Write(new Rule("[bold]APIs enabled[/]").LeftJustified());
        console.WriteLine(string.Join(", ", view.Apis.Select(a => a.Service)));

        console.WriteLine();
        console.Write(new Rule("[bold]Access matrix[/] (callers × services)").LeftJustified());
        if (MatrixOverview.FitsAsTable(plan.Matrix))
        {
            console.Write(Matrix(view));
            foreach (var (role, mark) in view.Marks)
                console.WriteLine($"{mark} = {role}, granted on that service only");
        }
        else Overview(MatrixOverview.Of(plan.Matrix), console);
    }

    /// <summary>Renders without colour at a fixed width: for files, pipes and snapshot tests.</summary>
    public static string Render(Plan plan, int width = 120)
    {
        var writer = new StringWriter();
        Write(plan, writer, width);
        return writer.ToString();
    }

    /// <summary>
    /// Writes without colour at a fixed width and without trailing spaces, line by line as it is
    /// rendered, so the preview of a large map is never held in memory whole.
    /// </summary>
    public static void Write(Plan plan, TextWriter output, int width = 120)
    {
        using var lines = new TrimmingLineWriter(output);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(lines),
        });
        console.Profile.Width = width;
        Write(plan, console);
    }

    private static void Overview(MatrixOverview overview, IAnsiConsole console)
    {
        console.WriteLine($"{overview.Callers:N0} callers × {overview.Services:N0} services, {overview.Grants:N0} grants: "
            + $"too many for a table (more than {MatrixOverview.MaxTableServices} services or {MatrixOverview.MaxTableCallers} callers).");
        console.Write(Fields([
            ("by role", new Text(string.Join("\n", overview.ByRole.Select(r => $"{r.Role}: {r.Grants:N0} grants, each on its service only")))),
            ("most callers", new Text(string.Join(", ", overview.MostCalled.Select(s => $"{s.Service} ({s.Callers:N0})")))),
            ("most targets", new Text(string.Join(", ", overview.MostCalling.Select(c => $"{PlanSummary.CallerLabel(c.Caller)} ({c.Services:N0})")))),
            (PlanView.EndUserRow, new Text(EndUsers(overview))),
        ]));
        console.WriteLine("Who may invoke each service is in its block above.");
        console.WriteLine(MatrixOverview.FullMatrixHint);
    }

    private static string EndUsers(MatrixOverview overview)
    {
        if (overview.EndUsers.Count == 0) return "no service";
        var shown = overview.EndUsers.Take(MatrixOverview.EndUsersShown).Select(e => $"{e.Service} ({e.Auth})");
        var more = overview.EndUsers.Count - MatrixOverview.EndUsersShown;
        return string.Join(", ", shown) + (more > 0 ? $" and {more:N0} more" : "");
    }

    private static void Workload(PlanView view, WorkloadItem w, IAnsiConsole console)
    {
        console.WriteLine();
        console.Write(new Rule($"[bold]{Markup.Escape(w.Workload)}[/] · {PlanSummary.KindTitle(w)} · {w.Location}").LeftJustified());
        var rows = new List<(string, IRenderable)>
        {
            ("runs as", new Text($"{w.ServiceAccountEmail} (its own account)")),
            (w is RunServiceItem ? "image" : "code", new Text(PlanSummary.What(w))),
        };
        if (PlatformGrants.BuildAccountOf(w) is { } builder) rows.Add(("builds as", new Text($"{builder} ({PlatformGrants.BuildAccountNote})")));
        rows.AddRange(new List<(string, IRenderable)>
        {
            ("scaling", new Text(PlanSummary.ScalingAndSize(w))),
            ("ingress", new Text($"{w.Ingress}: {w.IngressReason}")),
            ("url", new Text(w.Url)),
            ("audience", new Text(w.Audience)),
        });
        var env = PlanSummary.EnvLines(w);
        if (env.Count > 0) rows.Add(("env", new Text(string.Join("\n", env))));
        foreach (var secret in view.SecretsReadBy(w))
            rows.Add(("reads", new Text($"{PlanSummary.GrantResource(secret)} · {secret.Role}")));
        var calls = view.CallsOf(w);
        if (calls.Count > 0) rows.Add(("calls", new Text(string.Join(", ", calls.Select(g => g.Target)))));

        var invokers = view.InvokersOf(w);
        if (invokers.Count == 0)
            rows.Add(("invoked by", new Text(view.BackendOf(w) is not null ? "end users only, through the load balancer" : "nobody: no caller in the map")));
        else
        {
            var grid = new Grid().AddColumn(new GridColumn().PadRight(2)).AddColumn(new GridColumn().NoWrap());
            foreach (var g in invokers) grid.AddRow(new Text(PlanSummary.CallerLabel(g.Caller)), new Text(g.Role));
            rows.Add(("invoked by", grid));
            rows.Add(("granted on", new Text($"{PlanSummary.GrantResource(invokers[0])} only, one additive IAM member each")));
        }
        if (view.BackendOf(w) is { } backend)
        {
            var routes = view.RoutesTo(w).Select(r => $"https://{r.Host}{r.Path}");
            rows.Add(("public", new Text($"{string.Join(", ", routes)} · auth {PlanSummary.AuthTitle(backend.Auth)} · backend {backend.BackendName}")));
            var iapMembers = view.IapMembersOf(w);
            if (iapMembers.Count > 0)
                rows.Add(("IAP admits", new Text($"{string.Join(", ", iapMembers.Select(m => m.Member))} · {iapMembers[0].Role} on {backend.BackendName} only")));
        }
        if (w is RunServiceItem { VpcEgress: { } egress })
            rows.Add(("egress", new Text(PlanSummary.Egress(egress))));
        if (w is RunServiceItem { InvokerIamDisabled: true })
            rows.Add(("invoker check", new Text("off: end users are not IAM principals; only the load balancer reaches it, behind Cloud Armor")));
        rows.Add(("protection", new Text(w.DeletionProtection ? "deletion protection on" : "deletion protection OFF")));
        console.Write(Fields(rows));
    }

    private static void PublicSurface(PlanView view, IAnsiConsole console)
    {
        var surface = view.Plan.PublicSurface;
        console.WriteLine();
        console.Write(new Rule("[bold]Public surface[/]").LeftJustified());
        if (surface.IsEmpty)
        {
            console.WriteLine("Nothing is reachable from the internet without an IAM-checked token; no load balancer is planned.");
            return;
        }
        if (surface.Routes.Count > 0)
        {
            console.WriteLine("Global external Application Load Balancer (edge-address): HTTPS on 443 with TLS ≥ 1.2; port 80 only redirects to HTTPS.");
            var table = new Table().Border(TableBorder.Simple).AddColumns("host and path", "service", "auth", "Cloud Armor");
            foreach (var route in surface.Routes)
                table.AddRow(route.Host + route.Path, route.Workload, route.Auth, route.ArmorPolicy);
            console.Write(table);
        }
        foreach (var warning in PlanSummary.PublicWarnings(view.Plan)) console.WriteLine(warning);
    }

    private static void Armor(PlanView view, IAnsiConsole console)
    {
        foreach (var policy in view.SecurityPolicies)
        {
            console.WriteLine();
            var users = view.GuardedBy(policy).Select(b => b.Workload);
            console.Write(new Rule($"[bold]Cloud Armor {Markup.Escape(policy.Policy)}[/] ({policy.PolicyName}) · guards {string.Join(", ", users)}").LeftJustified());
            foreach (var rule in policy.Rules) console.WriteLine(PlanSummary.RuleText(rule));
            console.WriteLine($"adaptive protection {(policy.AdaptiveProtection ? "on" : "off")}");
        }
    }

    private static void PlatformGrantsSection(Plan plan, IAnsiConsole console)
    {
        var lines = PlatformGrants.Of(plan);
        if (lines.Count == 0) return;
        console.WriteLine();
        console.Write(new Rule("[bold]Grants beyond the map's edges[/]").LeftJustified());
        foreach (var line in lines)
        {
            console.WriteLine(line.Grant);
            console.Write(new Padder(new Text($"why: {line.Why}"), new Padding(2, 0, 0, 0)));
        }
    }

    private static void IdentityPlatform(PlanView view, IAnsiConsole console)
    {
        var plan = view.Plan;
        if (view.IdentityPlatform is not { } config) return;
        console.WriteLine();
        console.Write(new Rule("[bold]Identity Platform[/]").LeftJustified());
        console.Write(Fields([
            ("sign-in", new Text(string.Join(", ", PlanSummary.SignInMethods(plan, config)))),
            ("domains", new Text(string.Join(", ", config.AuthorizedDomains))),
            ("MFA", new Text(config.MfaState + (config.MfaEnabledProviders.Count > 0 ? $" ({string.Join(", ", config.MfaEnabledProviders)})" : ""))),
            ("sign-up quota", new Text(PlanSummary.SignUpQuota(config))),
            ("blocking", new Text(config.BlockingTriggers.Count == 0 ? "none" : string.Join(", ", config.BlockingTriggers.Select(t => $"{t.EventType} → {t.Function}")))),
        ]));
    }

    private static Grid Fields(IEnumerable<(string Key, IRenderable Value)> rows)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap().PadRight(2)).AddColumn();
        foreach (var (key, value) in rows)
            grid.AddRow(new Text(key), value);
        return grid;
    }

    private static IRenderable Matrix(PlanView view)
    {
        var plan = view.Plan;
        var table = new Table().Border(TableBorder.Simple).AddColumn("caller");
        foreach (var service in plan.Matrix.Services) table.AddColumn(new TableColumn(service).Centered());
        foreach (var caller in plan.Matrix.Callers)
            table.AddRow([new Text(PlanSummary.CallerLabel(caller)), .. plan.Matrix.Services.Select(s => new Text(view.MarkAt(caller, s) ?? "·"))]);
        if (plan.Matrix.EndUsers.Count > 0)
            table.AddRow([new Text(PlanView.EndUserRow), .. plan.Matrix.Services.Select(s => new Text(view.EndUserAccessTo(s) ?? "·"))]);
        return table;
    }
}
