using Callmap.Loading;
using Callmap.Model;
using Callmap.Planning;
using Callmap.Policies;
using Callmap.Tests.Support;

namespace Callmap.Tests.Policies;

/// <summary>Per rule: a stack that passes it, and one change that violates it, asserted on the rule id and the map line.</summary>
public class PolicyRulesTests
{
    private static AccessMap Load(string relative) =>
        AccessMapLoader.Load(relative, File.ReadAllText(Path.Combine(RepoPaths.Root, relative))).Map!;

    private static readonly AccessMap Dev = Load("stacks/dev.yaml");
    private static readonly AccessMap Every = Load("tests/Callmap.Tests/Maps/every-caller-kind.yaml");

    private static PolicySet Policy(string yaml) =>
        PolicyLoader.Load([("policies/baseline.yaml", File.ReadAllText(Path.Combine(RepoPaths.Root, "policies", "baseline.yaml"))), ("test-policy.yaml", yaml)]).Policies!;

    private static readonly PolicySet Lenient = Policy("rules: { people-invokers: { allowPeople: true } }\n");

    private static IReadOnlyList<Finding> Check(AccessMap map, PolicySet policy, Func<Plan, Plan>? mutate = null)
    {
        var plan = Planner.Create(map);
        return PolicyEngine.Check(new PolicyContext(map, mutate is null ? plan : mutate(plan)), policy).Findings;
    }

    private static Plan Replace(Plan plan, string name, Func<PlanItem, PlanItem> change) =>
        plan with { Items = plan.Items.Select(i => i.Name == name ? change(i) : i).ToList() };

    [Theory]
    [InlineData("[0.0.0.0/0]")]
    [InlineData("[0.0.0.0/1, 128.0.0.0/1]")]
    [InlineData("[\"::/0\"]")]
    public void A_deny_default_whose_allow_list_admits_everyone_does_not_satisfy_a_policy_demanding_deny(string allow)
    {
        var map = Maps.Valid(Maps.Header + $$"""
            edge:
              armor:
                default: { defaultAction: deny(403), allow: {{allow}}, rateLimit: { requests: 100, seconds: 60 } }
            services:
              api:
                run: { image: europe-west1-docker.pkg.dev/p/apps/api:1 }
                public: { hosts: [api.acme.shop], auth: in-app }
            """);

        var findings = Check(map, Policy("rules: { public-backend-protection: { level: mandatory, defaultAction: deny } }\n"));

        Assert.Contains(findings, f => f.RuleId == "public-backend-protection" && f.Message.Contains("admits half the internet or more", StringComparison.Ordinal));
    }

    [Fact]
    public void An_offices_only_allow_list_under_a_deny_default_satisfies_a_policy_demanding_deny()
    {
        var findings = Check(Load("stacks/prod.yaml"), Policy("rules: { public-backend-protection: { level: mandatory, defaultAction: deny } }\n"));

        Assert.DoesNotContain(findings, f => f.RuleId == "public-backend-protection" && f.Message.StartsWith("admin", StringComparison.Ordinal));
    }

    [Fact]
    public void Enqueuers_from_outside_the_allowed_domains_and_people_are_judged_like_invokers()
    {
        var map = Maps.Valid(Maps.Header + """
            services:
              mailer: { run: { image: europe-west1-docker.pkg.dev/p/apps/mailer:1 } }
            callers:
              tasks/outbound-mail: { invokes: mailer, enqueuers: [user:bob@gmail.com, "serviceAccount:x@evil.iam.gserviceaccount.com"] }
            """);
        var prod = Policy(File.ReadAllText(Path.Combine(RepoPaths.Root, "policies", "prod.yaml")));

        var findings = Check(map, prod);

        Assert.Contains(findings, f => f.RuleId == "people-invokers" && f.Message.StartsWith("user:bob@gmail.com may add tasks to tasks/outbound-mail", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.RuleId == "allowed-principals" && f.Message.StartsWith("serviceAccount:x@evil.iam.gserviceaccount.com may add tasks to tasks/outbound-mail", StringComparison.Ordinal));
        Assert.All(findings.Where(f => f.RuleId is "people-invokers" or "allowed-principals"), f => Assert.Equal(PolicyLevel.Mandatory, f.Level));
    }

    [Fact]
    public void The_shipped_stacks_pass_their_own_policies()
    {
        Assert.Empty(Check(Load("stacks/prod.yaml"), PolicyLoader.LoadFiles([Path.Combine(RepoPaths.Root, "policies", "baseline.yaml"), Path.Combine(RepoPaths.Root, "policies", "prod.yaml")]).Policies!));
        Assert.DoesNotContain(Check(Dev, PolicyLoader.LoadFiles([Path.Combine(RepoPaths.Root, "policies", "baseline.yaml"), Path.Combine(RepoPaths.Root, "policies", "dev.yaml")]).Policies!),
            f => f.Level == PolicyLevel.Mandatory);
    }

    [Fact]
    public void No_public_members_allows_only_the_blocking_function_and_flags_any_other_all_users_grant()
    {
        Assert.DoesNotContain(Check(Dev, Lenient), f => f.RuleId == "no-public-members");

        var strict = Check(Dev, Policy("rules: { people-invokers: { allowPeople: true }, no-public-members: { allowBlockingFunctions: false } }\n"));
        var blocking = Assert.Single(strict, f => f.RuleId == "no-public-members");
        Assert.Contains("allUsers holds roles/run.servicesInvoker on screen-signups", blocking.Message);

        var open = Check(Dev, Lenient, p => Replace(p, "invoke/api/orders", i => ((RunInvokerGrantItem)i) with { Member = "allAuthenticatedUsers" }));
        var finding = Assert.Single(open, f => f.RuleId == "no-public-members");
        Assert.Equal(("stacks/dev.yaml", 86), (finding.At.File, finding.At.Line));
    }

    [Fact]
    public void The_invoker_check_may_be_off_only_behind_the_load_balancer()
    {
        var findings = Check(Dev, Lenient, p => Replace(p, "run/orders", i => ((RunServiceItem)i) with { InvokerIamDisabled = true }));

        var finding = Assert.Single(findings, f => f.RuleId == "invoker-check-off-only-behind-edge");
        Assert.Contains("orders has no invoker check", finding.Message);
        Assert.Equal(55, finding.At.Line); // the orders service
    }

    [Theory]
    [InlineData("roles/run.invoker", "minimal-role")]
    [InlineData("roles/editor", "no-basic-roles")]
    public void A_broader_role_than_the_edge_needs_is_found_at_the_callers_line(string role, string rule)
    {
        var findings = Check(Dev, Lenient, p => Replace(p, "invoke/orders/payments", i => ((RunInvokerGrantItem)i) with { Role = role }));

        var finding = Assert.Single(findings, f => f.RuleId == rule);
        Assert.Equal(88, finding.At.Line); // orders: [payments]
        Assert.Contains(role, finding.Message);
    }

    [Fact]
    public void A_workload_on_the_default_compute_account_is_found()
    {
        var findings = Check(Dev, Lenient, p => Replace(p, "run/orders", i => ((RunServiceItem)i) with { ServiceAccountEmail = "123456789012-compute@developer.gserviceaccount.com" }));

        Assert.Contains("orders runs as 123456789012-compute@developer.gserviceaccount.com, which is a default account",
            Assert.Single(findings, f => f.RuleId == "own-service-account").Message);
    }

    [Fact]
    public void People_are_refused_where_the_policy_does_not_allow_them_and_single_users_where_groups_are_required()
    {
        var prod = Check(Dev, Policy("rules: {}\n")).Where(f => f.RuleId == "people-invokers").ToList();
        Assert.Equal(2, prod.Count);
        Assert.All(prod, f => Assert.Equal(91, f.At.Line));

        var users = Check(Every, Policy("rules: { people-invokers: { allowPeople: true, usersOnlyViaGroups: true } }\n")).Where(f => f.RuleId == "people-invokers").ToList();
        Assert.Equal("user:ops-oncall@acme.shop may invoke legacy_export", Assert.Single(users).Message);
    }

    [Fact]
    public void Outside_principals_must_come_from_allowed_domains_projects_and_pools()
    {
        var findings = Check(Every, Policy("rules: { people-invokers: { allowPeople: true }, allowed-principals: { level: mandatory, domains: [acme.shop], projects: [acme-build], poolProjects: [\"1\"] } }\n"))
            .Where(f => f.RuleId == "allowed-principals").Select(f => f.Message).ToList();

        Assert.Contains("serviceAccount:load-tests@acme-ci.iam.gserviceaccount.com may invoke cart, but acme-ci is not an allowed project", findings);
        Assert.Contains(findings, m => m.StartsWith("principalSet://", StringComparison.Ordinal) && m.EndsWith("project 555555555555 is not an allowed workload identity pool project", StringComparison.Ordinal));
        Assert.DoesNotContain(findings, m => m.StartsWith("group:", StringComparison.Ordinal));
    }

    private static readonly AccessMap IapFromOutside = Maps.Valid(Maps.Header + """
        services:
          admin:
            run: { image: europe-west1-docker.pkg.dev/acme-shop-test/apps/admin:1.0.0 }
            public: { hosts: [admin.acme.shop], auth: iap, iap: { members: [group:support@acme.shop, user:mallory@gmail.com, serviceAccount:bot@other-project.iam.gserviceaccount.com] } }
        edge:
          armor:
            default: { defaultAction: allow, rateLimit: { requests: 300, seconds: 60 } }
        """);

    [Fact]
    public void Iap_members_from_outside_the_allowed_domains_and_projects_are_findings_of_allowed_principals()
    {
        var findings = Check(IapFromOutside, Policy("rules: { allowed-principals: { level: mandatory, domains: [acme.shop], projects: [acme-shop-test] } }\n"))
            .Where(f => f.RuleId == "allowed-principals").ToList();

        Assert.Equal([
            ("serviceAccount:bot@other-project.iam.gserviceaccount.com on admin", "serviceAccount:bot@other-project.iam.gserviceaccount.com may reach admin through IAP, but other-project is not an allowed project"),
            ("user:mallory@gmail.com on admin", "user:mallory@gmail.com may reach admin through IAP, but gmail.com is not an allowed domain"),
        ], findings.Select(f => (f.Subject, f.Message)).Order());
        Assert.All(findings, f => Assert.Equal(7, f.At.Line));   // the public: line that lists the members
    }

    [Fact]
    public void Single_users_granted_iap_access_are_findings_of_people_invokers_where_the_policy_requires_groups()
    {
        var findings = Check(IapFromOutside, Policy("rules: { people-invokers: { level: mandatory, allowPeople: true, usersOnlyViaGroups: true } }\n"))
            .Where(f => f.RuleId == "people-invokers").ToList();

        Assert.Equal("user:mallory@gmail.com may reach admin through IAP", Assert.Single(findings).Message);
    }

    [Fact]
    public void A_workforce_pool_identity_is_outside_every_allowed_pool_project_and_does_not_crash_the_check()
    {
        var map = Maps.Valid(Maps.Header + """
            services:
              api: { run: { image: europe-west1-docker.pkg.dev/acme-shop-test/apps/api:1.0.0 } }
            callers:
              principal://iam.googleapis.com/locations/global/workforcePools/partners/subject/alice: [api]
            """);

        var finding = Assert.Single(Check(map, Policy("rules: { allowed-principals: { level: mandatory, poolProjects: [\"555555555555\"] } }\n")), f => f.RuleId == "allowed-principals");

        Assert.EndsWith("is not from a workload identity pool of a project (workforce pools and other identities cannot be allowed by poolProjects)", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Public_backends_need_a_rate_limit_the_required_waf_and_the_required_default_action()
    {
        var map = Maps.Valid(Maps.Header + """
            edge: { armor: { default: { defaultAction: allow, waf: [sqli-v33-stable] } } }
            services:
              api:
                run: { image: europe-west1-docker.pkg.dev/p/apps/api:1 }
                public: { hosts: [api.acme.shop], auth: in-app }
            """);

        var findings = Check(map, Policy("rules: { public-backend-protection: { requiredWaf: [sqli-v33-stable, xss-v33-stable], defaultAction: deny } }\n"))
            .Where(f => f.RuleId == "public-backend-protection").Select(f => f.Message).ToList();

        Assert.Equal([
            "api: Cloud Armor default has no rate limit",
            "api: Cloud Armor default lacks the WAF rule set xss-v33-stable",
            "api: Cloud Armor default ends with allow, the policy demands deny",
        ], findings);
    }

    [Fact]
    public void Weak_tls_is_found()
    {
        var findings = Check(Dev, Lenient, p => Replace(p, "edge/tls", i => ((SslPolicyItem)i) with { MinTlsVersion = "TLS_1_0" }));

        Assert.Equal("the SSL policy allows TLS_1_0", Assert.Single(findings, f => f.RuleId == "tls-and-redirect").Message);
    }

    [Fact]
    public void Identity_platform_mfa_and_domains_follow_the_stack_policy()
    {
        var findings = Check(Dev, Policy("rules: { people-invokers: { allowPeople: true }, identity-platform: { level: mandatory, mfa: enabled, authorizedDomains: [acme.shop] } }\n"))
            .Where(f => f.RuleId == "identity-platform").Select(f => f.Message).ToList();

        Assert.Contains("Identity Platform MFA is DISABLED, the policy demands ENABLED", findings);
        Assert.Contains("Identity Platform accepts sign-ins from localhost, which the policy does not allow", findings);
        Assert.DoesNotContain(findings, m => m.Contains("api.dev.acme.shop"));
    }

    [Fact]
    public void Regions_and_deletion_protection_follow_the_stack_policy()
    {
        var findings = Check(Every, Policy("rules: { people-invokers: { allowPeople: true }, allowed-regions: { level: mandatory, regions: [europe-west1] }, deletion-protection: { level: mandatory, required: true } }\n"));

        // The Storage trigger lives where its bucket is (the EU multi-region), outside the allowed region too.
        var lines = File.ReadAllLines(Path.Combine(RepoPaths.Tests, "Maps", "every-caller-kind.yaml")).ToList();
        int LineOf(string text) => lines.FindIndex(l => l.StartsWith(text, StringComparison.Ordinal)) + 1;
        Assert.Equal([("pricing is in europe-west4", LineOf("  pricing:")), ("eventarc/new-upload is in eu", LineOf("  eventarc/new-upload:"))],
            findings.Where(f => f.RuleId == "allowed-regions").Select(f => (f.Message, f.At.Line)).ToList());
        Assert.Equal("pricing has deletion protection off", Assert.Single(findings, f => f.RuleId == "deletion-protection").Message);
        Assert.All(findings.Where(f => f.RuleId is "allowed-regions" or "deletion-protection"), f => Assert.Equal(PolicyLevel.Mandatory, f.Level));
    }
}
