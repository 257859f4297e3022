using Callmap.Planning;
using Callmap.Policies;
using Callmap.Tests.Support;

namespace Callmap.Tests.Policies;

public class WaiverTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);
    private static readonly string DevText = File.ReadAllText(Path.Combine(RepoPaths.Stacks, "dev.yaml"));
    private static readonly PolicySet UnderProd = PolicyLoader.LoadFiles(
        [Path.Combine(RepoPaths.Root, "policies", "baseline.yaml"), Path.Combine(RepoPaths.Root, "policies", "prod.yaml")]).Policies!;

    private static CheckResult CheckWith(string waiver)
    {
        var map = Maps.Valid(DevText + "\nwaivers:\n" + waiver, "stacks/dev.yaml");
        return PolicyEngine.Check(new PolicyContext(map, Planner.Create(map), Today: Today), UnderProd);
    }

    [Fact]
    public void An_active_waiver_sets_aside_the_findings_naming_its_subject_and_is_listed()
    {
        var result = CheckWith("  - { rule: people-invokers, subject: group:backend-devs@acme.shop, reason: \"Direct access until staging exists (OPS-142)\", expires: 2026-12-31 }\n");

        Assert.DoesNotContain(result.Findings, f => f.RuleId == "people-invokers");
        Assert.Equal(2, result.Waived.Count);
        Assert.Equal("group:backend-devs@acme.shop", Assert.Single(result.ActiveWaivers).Subject);
        Assert.Contains("Active waivers (1):", CheckReport.Text(result, "stacks/dev.yaml", UnderProd.Files));
        Assert.Contains("\"status\": \"accepted\"", CheckReport.Sarif(result));
    }

    [Fact]
    public void An_expired_waiver_waives_nothing_and_is_itself_a_violation_at_its_line()
    {
        var result = CheckWith("  - { rule: people-invokers, subject: group:backend-devs@acme.shop, reason: \"Until staging exists\", expires: 2026-11-21 }\n");

        Assert.Equal(2, result.Findings.Count(f => f.RuleId == "people-invokers"));
        var expired = Assert.Single(result.Findings, f => f.RuleId == "expired-waiver");
        Assert.Equal(PolicyLevel.Mandatory, expired.Level);
        Assert.Equal(95, expired.At.Line);
        Assert.Contains("expired on 2026-11-21", expired.Message);
        Assert.Empty(result.ActiveWaivers);
    }

    [Fact]
    public void A_waiver_of_an_unknown_rule_or_a_bad_date_is_a_located_map_error()
    {
        var errors = Maps.Errors(DevText + "\nwaivers:\n  - { rule: peple-invokers, subject: x, reason: y, expires: 2026-12-31 }\n  - { rule: minimal-role, subject: x, reason: y, expires: 31.12.2026 }\n");

        Assert.Contains(errors, e => e.At.Line == 95 && e.Fix.StartsWith("did you mean 'people-invokers'?", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.At.Line == 96 && e.Message == "'31.12.2026' is not a date");
    }
}
