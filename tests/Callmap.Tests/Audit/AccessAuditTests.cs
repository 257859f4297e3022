using System.Text.Json;
using Callmap.Audit;
using Callmap.Model;
using Callmap.Planning;
using Callmap.Policies;
using Callmap.Tests.Support;

namespace Callmap.Tests.Audit;

/// <summary>The live audit's comparison, against an in-memory project shaped like a real one.</summary>
public class AccessAuditTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 3, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Never = new(9999, 12, 31, 23, 59, 59, TimeSpan.Zero);
    private static readonly string ProdPath = Path.Combine(RepoPaths.Stacks, "prod.yaml");

    private static (AccessMap Map, Plan Plan) Prod()
    {
        var map = Maps.Valid(File.ReadAllText(ProdPath), "stacks/prod.yaml");
        return (map, Planner.Create(map));
    }

    private static PolicySet Baseline() =>
        PolicyLoader.LoadFiles([Path.Combine(RepoPaths.Root, "policies", "baseline.yaml")], RepoPaths.Root).Policies!;

    /// <summary>The prod project after a deploy, and what happened to it since: one account disabled, one deleted, two made by hand, keys.</summary>
    private static InMemoryIam DriftedProd(Plan plan, int pageSize = 5)
    {
        var iam = new InMemoryIam(pageSize);
        var accounts = plan.OfType<ServiceAccountItem>().OrderBy(a => a.Email, StringComparer.Ordinal).ToList();
        foreach (var a in accounts.Skip(1))
            iam.Accounts.Add(new LiveAccount(a.Email, $"1{iam.Accounts.Count:D20}", a.DisplayName, Disabled: a.UsedBy == "orders"));
        iam.Accounts.Add(new LiveAccount("234567890123-compute@developer.gserviceaccount.com", "2", "Compute Engine default service account", false));
        iam.Accounts.Add(new LiveAccount("deploy-bot@acme-shop-prod.iam.gserviceaccount.com", "3", "deploy bot", false));
        iam.Accounts.Add(new LiveAccount("run-legacy-api@acme-shop-prod.iam.gserviceaccount.com", "4", "legacy", false));
        iam.Accounts.Add(new LiveAccount("old-tool@acme-shop-prod.iam.gserviceaccount.com", "5", "disabled leftover", true));
        foreach (var a in iam.Accounts)
            iam.AddKey(a.Email, KeyKind.SystemManaged, "GOOGLE_PROVIDED", Now.AddDays(-10), Now.AddDays(20));
        iam.AddKey(accounts.Single(a => a.UsedBy == "payments").Email, KeyKind.UserManaged, "GOOGLE_PROVIDED", Now.AddDays(-400), Never);
        iam.AddKey("deploy-bot@acme-shop-prod.iam.gserviceaccount.com", KeyKind.UserManaged, "USER_PROVIDED", Now.AddDays(-30), Now.AddDays(60), disabled: true);
        return iam;
    }

    [Fact]
    public async Task A_drifted_project_yields_each_kind_of_finding_at_the_map_line_that_explains_it()
    {
        var (map, plan) = Prod();
        var iam = DriftedProd(plan);

        var result = await AccessAudit.RunAsync(map, plan, Baseline(), iam, Now);

        Assert.Equal("acme-shop-prod", iam.ProjectAsked);
        Assert.True(result.Verdict.HasMandatoryViolations);
        Snapshot.Match(AuditReport.Text(result, "stacks/prod.yaml", ["policies/baseline.yaml"]), "Audit/drifted-prod");
    }

    [Fact]
    public async Task Every_page_of_accounts_is_read_and_every_accounts_keys_once()
    {
        var (map, plan) = Prod();
        var iam = DriftedProd(plan, pageSize: 3);

        var result = await AccessAudit.RunAsync(map, plan, Baseline(), iam, Now);

        Assert.Equal((iam.Accounts.Count + 2) / 3, iam.AccountPagesServed);
        Assert.Equal(iam.Accounts.Count, iam.KeyListsServed);
        Assert.Equal(iam.Accounts.Count, result.Inventory.AccountsInProject);
        Assert.Equal(2, result.Inventory.UserManagedKeys);
        Assert.Equal(iam.Accounts.Count, result.Inventory.SystemManagedKeys);
    }

    [Fact]
    public async Task A_project_exactly_as_planned_passes_with_no_findings()
    {
        var (map, plan) = Prod();
        var iam = new InMemoryIam();
        foreach (var a in plan.OfType<ServiceAccountItem>())
        {
            iam.Accounts.Add(new LiveAccount(a.Email, "1", a.DisplayName, false));
            iam.AddKey(a.Email, KeyKind.SystemManaged, "GOOGLE_PROVIDED", Now.AddDays(-3), Now.AddDays(30));
        }

        var result = await AccessAudit.RunAsync(map, plan, Baseline(), iam, Now);

        Assert.Empty(result.Verdict.Findings);
    }

    [Fact]
    public async Task Hundreds_of_hand_made_accounts_over_many_pages_are_each_reported_once()
    {
        var (map, plan) = Prod();
        var iam = new InMemoryIam(pageSize: 100);
        foreach (var a in plan.OfType<ServiceAccountItem>()) iam.Accounts.Add(new LiveAccount(a.Email, "1", a.DisplayName, false));
        for (var i = 0; i < 640; i++)
            iam.Accounts.Add(new LiveAccount($"batch-{i:D3}@acme-shop-prod.iam.gserviceaccount.com", $"9{i}", "batch", Disabled: i % 4 == 0));

        var result = await AccessAudit.RunAsync(map, plan, Baseline(), iam, Now);

        Assert.Equal(7, iam.AccountPagesServed);
        var unknown = result.Verdict.Findings.Where(f => f.RuleId == AuditRules.UnknownAccount).ToList();
        Assert.Equal(480, unknown.Count);
        Assert.Equal(480, unknown.Select(f => f.Message.Split(' ')[0]).Distinct().Count());
        Assert.All(unknown, f => Assert.Equal(map.Project.At, f.At));
        // SARIF is written result by result in chunks; hundreds of results still make one document.
        using var sarif = JsonDocument.Parse(AuditReport.Sarif(result));
        Assert.Equal(result.Verdict.Findings.Count, sarif.RootElement.GetProperty("runs")[0].GetProperty("results").GetArrayLength());
    }

    /// <summary>The machine forms byte for byte: field names, nesting, escaping and the waived finding with its reason and date.</summary>
    [Fact]
    public async Task The_JSON_and_SARIF_reports_of_a_drifted_project_with_a_waiver_are_exactly_the_committed_ones()
    {
        var (map, plan) = ProdWaivingTheDeployKey("\"vendor CI <until> OPS-77 – Zoë's \\\"tool\\\"\"");

        var result = await AccessAudit.RunAsync(map, plan, Baseline(), DriftedProd(plan), Now);

        Assert.Single(result.Verdict.Waived);
        Snapshot.Match(AuditReport.Json(result, "stacks/prod.yaml"), "Audit/drifted-prod-waived", "json");
        Snapshot.Match(AuditReport.Sarif(result), "Audit/drifted-prod-waived.sarif", "json");
    }

    [Fact]
    public async Task A_waiver_in_the_map_sets_aside_a_live_finding_until_it_expires()
    {
        var (map, plan) = ProdWaivingTheDeployKey("\"vendor CI until OPS-77\"");

        var before = await AccessAudit.RunAsync(map, plan, Baseline(), DriftedProd(plan), Now);
        var after = await AccessAudit.RunAsync(map, plan, Baseline(), DriftedProd(plan), new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero));

        Assert.Single(before.Verdict.Waived);
        Assert.DoesNotContain(before.Verdict.Findings, f => f.Message.StartsWith("deploy-bot", StringComparison.Ordinal) && f.RuleId == AuditRules.UserManagedKey);
        Assert.Contains(after.Verdict.Findings, f => f.Message.StartsWith("deploy-bot", StringComparison.Ordinal) && f.RuleId == AuditRules.UserManagedKey);
    }

    [Fact]
    public async Task Levels_come_from_the_policy_files_and_a_disabled_rule_reports_nothing()
    {
        var (map, plan) = Prod();
        var policies = PolicyLoader.Load([("strict.yaml", "rules:\n  live-unknown-account: mandatory\n  live-user-managed-key: disabled\n")]).Policies!;

        var result = await AccessAudit.RunAsync(map, plan, policies, DriftedProd(plan), Now);

        Assert.All(result.Verdict.Findings.Where(f => f.RuleId == AuditRules.UnknownAccount), f => Assert.Equal(PolicyLevel.Mandatory, f.Level));
        Assert.DoesNotContain(result.Verdict.Findings, f => f.RuleId == AuditRules.UserManagedKey);
        Assert.DoesNotContain(result.Verdict.Evaluated, e => e.Rule.Id == AuditRules.UserManagedKey);
    }

    [Fact]
    public async Task The_JSON_SARIF_and_Markdown_reports_carry_every_finding_with_its_location()
    {
        var (map, plan) = Prod();
        var result = await AccessAudit.RunAsync(map, plan, Baseline(), DriftedProd(plan), Now);

        using var json = JsonDocument.Parse(AuditReport.Json(result, "stacks/prod.yaml"));
        using var sarif = JsonDocument.Parse(AuditReport.Sarif(result));
        var markdown = AuditReport.Markdown(result, "stacks/prod.yaml", ["policies/baseline.yaml"]);

        Assert.Equal(result.Verdict.Findings.Count, json.RootElement.GetProperty("findings").GetArrayLength());
        Assert.Equal(result.Verdict.Findings.Count(f => f.Level == PolicyLevel.Mandatory), json.RootElement.GetProperty("mandatoryViolations").GetInt32());
        var results = sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(result.Verdict.Findings.Count, results.Count);
        Assert.All(results, r => Assert.Equal("stacks/prod.yaml", r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString()));
        Assert.StartsWith("## callmap audit: `stacks/prod.yaml`", markdown);
        Assert.All(result.Verdict.Findings, f => Assert.Contains($"`{f.At}`", markdown));
    }

    /// <summary>The prod map with a waiver of the drifted project's user-managed deploy key; <paramref name="reason"/> is written as YAML.</summary>
    private static (Callmap.Model.AccessMap Map, Plan Plan) ProdWaivingTheDeployKey(string reason)
    {
        var (_, prodPlan) = Prod();
        var key = DriftedProd(prodPlan).Keys["deploy-bot@acme-shop-prod.iam.gserviceaccount.com"].Single(k => k.Kind == KeyKind.UserManaged);
        var text = File.ReadAllText(ProdPath) + $$"""

            waivers:
              - { rule: live-user-managed-key, subject: deploy-bot@acme-shop-prod.iam.gserviceaccount.com key {{key.Id}}, reason: {{reason}}, expires: 2026-12-31 }
            """;
        var map = Maps.Valid(text, "stacks/prod.yaml");
        return (map, Planner.Create(map));
    }
}
