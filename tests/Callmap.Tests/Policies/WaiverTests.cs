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
    public void An_active_waiver_sets_aside_the_one_finding_whose_subject_it_repeats_and_is_listed()
    {
        var result = CheckWith("  - { rule: people-invokers, subject: group:backend-devs@acme.shop on orders, reason: \"Direct access until staging exists (OPS-142)\", expires: 2026-12-31 }\n");

        Assert.Equal("group:backend-devs@acme.shop on orders", Assert.Single(result.Waived).Finding.Subject);
        Assert.Equal(["group:backend-devs@acme.shop on payments"], result.Findings.Where(f => f.RuleId == "people-invokers").Select(f => f.Subject));
        Assert.Equal("group:backend-devs@acme.shop on orders", Assert.Single(result.ActiveWaivers).Subject);
        Assert.Contains("Active waivers (1):", CheckReport.Text(result, "stacks/dev.yaml", UnderProd.Files));
        Assert.Contains("\"status\": \"accepted\"", CheckReport.Sarif(result));
    }

    [Fact]
    public void An_expired_waiver_waives_nothing_and_is_itself_a_violation_at_its_line()
    {
        var result = CheckWith("  - { rule: people-invokers, subject: group:backend-devs@acme.shop on api, reason: \"Until staging exists\", expires: 2026-11-21 }\n");

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

    [Theory]
    [InlineData(":")]
    [InlineData("group:backend-devs@acme.shop")]
    [InlineData("backend-devs")]
    [InlineData("GROUP:backend-devs@acme.shop on orders")]
    public void A_subject_that_is_only_part_of_a_finding_waives_nothing(string subject)
    {
        var result = CheckWith($"  - {{ rule: people-invokers, subject: \"{subject}\", reason: \"try\", expires: 2026-12-31 }}\n");

        Assert.Empty(result.Waived);
        Assert.Equal(2, result.Findings.Count(f => f.RuleId == "people-invokers"));
        Assert.True(result.HasMandatoryViolations);
    }

    [Fact]
    public void A_waiver_of_expired_waiver_is_a_located_map_error()
    {
        var errors = Maps.Errors(DevText + "\nwaivers:\n  - { rule: expired-waiver, subject: x, reason: y, expires: 2026-12-31 }\n");

        var error = Assert.Single(errors);
        Assert.Equal((95, "'expired-waiver' cannot be waived: it is the rule that keeps waivers honest"), (error.At.Line, error.Message));
    }

    [Fact]
    public void The_findings_of_expired_waiver_are_never_waived_even_by_a_waiver_the_engine_is_handed()
    {
        var map = Maps.Valid(DevText, "stacks/dev.yaml") with
        {
            Waivers = [
                new Model.Waiver("people-invokers", "group:backend-devs@acme.shop on api", "r", new DateOnly(2026, 1, 1), new Diagnostics.SourceLocation("stacks/dev.yaml", 95, 5)),
                new Model.Waiver("expired-waiver", "people-invokers for group:backend-devs@acme.shop on api", "r", new DateOnly(2026, 12, 31), new Diagnostics.SourceLocation("stacks/dev.yaml", 96, 5)),
            ],
        };
        var result = PolicyEngine.Check(new PolicyContext(map, Planner.Create(map), Today: Today), UnderProd);

        Assert.Single(result.Findings, f => f.RuleId == "expired-waiver");
        Assert.DoesNotContain(result.Waived, w => w.Finding.RuleId == "expired-waiver");
    }

    [Fact]
    public void A_waiver_ending_more_than_90_days_ahead_is_itself_a_mandatory_finding_and_the_policy_sets_the_maximum()
    {
        var result = CheckWith("  - { rule: people-invokers, subject: group:backend-devs@acme.shop on api, reason: \"Until staging exists\", expires: 2099-12-31 }\n");

        var tooLong = Assert.Single(result.Findings, f => f.RuleId == "expired-waiver");
        Assert.Equal(PolicyLevel.Mandatory, tooLong.Level);
        Assert.Equal("the waiver of people-invokers for group:backend-devs@acme.shop on api runs until 2099-12-31, more than 90 days from 2026-11-22", tooLong.Message);
        Assert.Equal("set expires: no later than 2027-02-20, and renew it then with a new reason if it still holds", tooLong.Fix);

        var map = Maps.Valid(DevText + "\nwaivers:\n  - { rule: people-invokers, subject: group:backend-devs@acme.shop on api, reason: r, expires: 2027-06-01 }\n", "stacks/dev.yaml");
        var longer = PolicyLoader.Load([("p.yaml", "rules:\n  expired-waiver: { level: mandatory, maxDays: 365 }\n")]).Policies!;
        Assert.DoesNotContain(PolicyEngine.Check(new PolicyContext(map, Planner.Create(map), Today: Today), longer).Findings, f => f.RuleId == "expired-waiver");
    }

    [Theory]
    [InlineData("0", "'rules.expired-waiver.maxDays' is 0; it must be between 1 and 3650")]
    [InlineData("forever", "'rules.expired-waiver.maxDays' must be a whole number")]
    public void A_bad_maximum_is_a_located_policy_error(string value, string message)
    {
        var (policies, errors) = PolicyLoader.Load([("p.yaml", $"rules:\n  expired-waiver: {{ level: mandatory, maxDays: {value} }}\n")]);

        Assert.Null(policies);
        var error = Assert.Single(errors);
        Assert.Equal(2, error.At.Line);
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }
}
