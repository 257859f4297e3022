using Callmap.Loading;
using Callmap.Model;
using Callmap.Planning;
using Callmap.Policies;
using Callmap.Tests.Support;

namespace Callmap.Tests.Policies;

/// <summary>project-level-grants: the named exceptions pass; any other project-level grant is a finding at its map line.</summary>
public class ProjectLevelGrantsRuleTests
{
    private static readonly AccessMap Every = AccessMapLoader.Load("tests/Callmap.Tests/Maps/every-caller-kind.yaml",
        File.ReadAllText(Path.Combine(RepoPaths.Tests, "Maps", "every-caller-kind.yaml"))).Map!;

    private static readonly PolicySet Baseline = PolicyLoader.Load([
        ("policies/baseline.yaml", File.ReadAllText(Path.Combine(RepoPaths.Root, "policies", "baseline.yaml"))),
        ("test-policy.yaml", "rules: { people-invokers: { allowPeople: true } }\n")]).Policies!;

    private static IReadOnlyList<Finding> Findings(Func<Plan, Plan>? mutate = null)
    {
        var plan = Planner.Create(Every);
        return PolicyEngine.Check(new PolicyContext(Every, mutate is null ? plan : mutate(plan)), Baseline).Findings
            .Where(f => f.RuleId == "project-level-grants").ToList();
    }

    private static Plan Replace(Plan plan, string name, Func<ProjectIamMemberItem, PlanItem> change) =>
        plan with { Items = plan.Items.Select(i => i.Name == name ? change((ProjectIamMemberItem)i) : i).ToList() };

    private const string Receiver = "project-iam/eventarc-event-receiver/trigger-new-upload";

    [Fact]
    public void The_named_exceptions_with_their_roles_and_members_pass_and_the_rule_is_mandatory()
    {
        Assert.Empty(Findings());
        Assert.Equal(PolicyLevel.Mandatory, Baseline.Rules["project-level-grants"].Level);
    }

    [Fact]
    public void A_broader_role_under_an_exceptions_name_is_flagged()
    {
        var finding = Assert.Single(Findings(p => Replace(p, Receiver, g => g with { Role = "roles/eventarc.admin" })));

        Assert.Contains("allows only roles/eventarc.eventReceiver", finding.Message);
        Assert.Equal(Every.Callers.Single(c => c.Key == "eventarc/new-upload").At, finding.At);
    }

    [Fact]
    public void An_exception_claimed_for_another_kind_of_member_is_flagged()
    {
        var finding = Assert.Single(Findings(p => Replace(p, Receiver,
            g => g with { Member = "serviceAccount:run-cart@acme-shop-stage.iam.gserviceaccount.com" })));

        Assert.Contains("is for an Eventarc trigger's own account", finding.Message);
    }

    [Fact]
    public void A_project_level_grant_that_names_no_exception_is_flagged_not_skipped()
    {
        var finding = Assert.Single(Findings(p => Replace(p, Receiver, g => g with { Exception = "convenience" })));

        Assert.Contains("'convenience' is not a named exception", finding.Message);
    }

    [Fact]
    public void The_storage_agent_exception_holds_only_for_the_agent_storage_reports()
    {
        var finding = Assert.Single(Findings(p => Replace(p, "project-iam/storage-agent-publishes-events",
            g => g with { MemberFrom = MemberSource.Plan, Member = "serviceAccount:run-cart@acme-shop-stage.iam.gserviceaccount.com" })));

        Assert.Contains("is for the project's Cloud Storage service agent", finding.Message);
    }
}
