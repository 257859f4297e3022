using Callmap.Planning;

using Callmap.Tests.Support;

namespace Callmap.Tests.Planning;

/// <summary>
/// Google's and the provider's documented constraints, written down as a table of facts with their
/// source, and checked against the plan of every map the repository ships. The expected values come
/// from the documentation, not from the planner: a plan that breaks one would fail at `pulumi up`, or
/// deploy something other than what the preview promises.
/// </summary>
public class GoogleRulesTests
{
    /// <summary>One documented rule: where it is written, and the plan items that break it.</summary>
    public sealed record GoogleRule(string Fact, string Source, Func<Plan, IEnumerable<string>> Violations)
    {
        public override string ToString() => Fact;
    }

    public static readonly IReadOnlyList<GoogleRule> Rules =
    [
        new("A URL map used by a target HTTPS proxy does not set httpsRedirect",
            "pulumi-gcp v9.35.0 Compute/Inputs/URLMapDefaultUrlRedirectArgs.cs: \"Setting this true for TargetHttpsProxy is not permitted\"",
            plan => plan.OfType<TargetHttpsProxyItem>()
                .Select(proxy => plan.OfType<UrlMapItem>().Single(m => m.Name == proxy.UrlMap))
                .Where(map => map.HttpsRedirect).Select(map => map.Name)),

        new("Redirects keep the request method (308, PERMANENT_REDIRECT)",
            "URLMapDefaultUrlRedirectArgs.RedirectResponseCode: \"PERMANENT_REDIRECT, which corresponds to 308. In this case, the request method will be retained\"",
            plan => plan.OfType<UrlMapItem>().Where(m => m.RedirectResponseCode != "PERMANENT_REDIRECT").Select(m => m.Name)),

        new("A Cloud Armor rule description is at most 64 characters",
            "Compute/Inputs/SecurityPolicyRuleArgs.cs: \"An optional description of this rule. Max size is 64.\"",
            plan => plan.OfType<SecurityPolicyItem>().SelectMany(p => p.Rules.Where(r => r.Description.Length > 64).Select(r => $"{p.Name} rule {r.Priority}"))),

        new("A Cloud Armor expression has at most five subexpressions",
            "cloud.google.com/armor/docs/rules-language-reference: \"an expression with up to five subexpressions\"",
            plan => plan.OfType<SecurityPolicyItem>().SelectMany(p => p.Rules
                .Where(r => r.Expression is { } e && e.Split(["&&", "||"], StringSplitOptions.None).Length > 5)
                .Select(r => $"{p.Name} rule {r.Priority}"))),

        new("A basic Cloud Armor match lists at most ten source ranges",
            "gcp-facts.md § Cloud Armor: SrcIpRanges ≤ 10",
            plan => plan.OfType<SecurityPolicyItem>().SelectMany(p => p.Rules.Where(r => r.SrcIpRanges is { Count: > 10 }).Select(r => $"{p.Name} rule {r.Priority}"))),

        new("A Cloud Run service that sets resource limits also sets cpuIdle, or it is billed per instance",
            "CloudRunV2/Inputs/ServiceTemplateContainerResourcesArgs.cs: \"if Resources is set, this field must be explicitly set to true to preserve the default behavior\"",
            plan => plan.OfType<RunServiceItem>().Where(r => (r.Cpu is not null || r.Memory is not null) && !r.CpuIdle).Select(r => r.Name)),

        new("A 1st gen function names a secret's project by number",
            "CloudFunctions/Inputs/FunctionSecretEnvironmentVariableArgs.cs: \"only project number is supported by this field\"",
            plan => plan.OfType<FunctionGen1Item>()
                .SelectMany(f => f.Env.Where(e => e.From == EnvSource.SecretManager && (string.IsNullOrEmpty(e.SecretProject) || !e.SecretProject.All(char.IsAsciiDigit)))
                .Select(e => $"{f.Name} {e.Name}"))),

        new("A push subscription never expires (ttl \"\"), or Google deletes it after 31 idle days",
            "PubSub/Subscription.cs ExpirationPolicy: \"If expirationPolicy is not set, a default policy with ttl of 31 days will be used. If it is set but ttl is \\\"\\\", the resource never expires\"",
            plan => plan.OfType<PushSubscriptionItem>().Where(p => p.ExpirationTtl != "").Select(p => p.Name)),

        new("A Cloud Tasks queue overrides the scheme to HTTPS",
            "CloudTasks/Inputs/QueueHttpTargetUriOverrideArgs.cs: \"the task URI scheme is replaced by the provided value (HTTP or HTTPS)\"; Cloud Run serves HTTPS only",
            plan => plan.OfType<TasksQueueItem>().Where(q => q.Scheme != "HTTPS").Select(q => q.Name)),

        new("Someone holds roles/cloudtasks.enqueuer on every queue, or no task is ever created",
            "cloud.google.com/tasks/docs/reference-access-control: cloudtasks.tasks.create, held by roles/cloudtasks.enqueuer",
            plan => plan.OfType<TasksQueueItem>()
                .Where(q => !plan.OfType<TasksEnqueuerGrantItem>().Any(g => g.Queue == q.QueueName && g.Role == "roles/cloudtasks.enqueuer"))
                .Select(q => q.Name)),

        new("No secret is a plain environment value: it is readable by anyone with run.services.get and kept in every revision",
            "cloud.google.com/run/docs/configuring/services/secrets: \"we recommend that you use Secret Manager\" for sensitive values; env vars are visible in the service configuration",
            plan => plan.OfType<WorkloadItem>().SelectMany(w => w.Env
                .Where(e => e.From is EnvSource.PulumiConfig or EnvSource.SecretManager && (e.Value is not null || e.Secret is null))
                .Select(e => $"{w.Name} {e.Name}"))),

        new("A service agent is asked into existence before a role is granted to it",
            "pulumi-gcp Projects/ServiceIdentity.cs: service agents are Google-managed and created on demand; cloud.google.com/iam/docs/service-agents: "
            + "\"some service agents are created only when you use the service\"; granting a role to one that does not exist fails",
            plan => plan.OfType<GrantItem>()
                .Where(g => g.Member.Contains("@gcp-sa-", StringComparison.Ordinal))
                .Where(g => g.MemberOf is not { } agent || !g.DependsOn.Contains(agent)
                    || plan.OfType<ServiceIdentityItem>().SingleOrDefault(i => i.Name == agent)?.Member != g.Member)
                .Select(g => g.Name)),

        new("Identity Platform's sign-up quota override has a quota of 1 to 1000, a start time and a duration",
            "IdentityPlatform/Inputs/ConfigQuotaArgs.cs: \"None of quota, startTime, or quotaDuration can be skipped\"; ConfigQuotaSignUpQuotaConfigArgs.Quota: \"between 1 and 1000\"",
            plan => plan.OfType<IdentityPlatformConfigItem>()
                .Where(c => c.SignUpQuota is { } q && (q is < 1 or > 1000 || c.SignUpQuotaStart is null || c.SignUpQuotaDuration is null))
                .Select(c => c.Name)),

        new("IAP naming Identity Platform tenants runs on a project that allows tenants",
            "IdentityPlatform/Inputs/ConfigMultiTenantArgs.cs AllowTenants: \"Whether this project can have tenants or not\"; cloud.google.com/iap/docs/enable-external-identities (tenants)",
            plan => plan.OfType<IapSettingsItem>()
                .Where(s => s.TenantIds.Any(t => !t.StartsWith('_')) && !plan.OfType<IdentityPlatformConfigItem>().Any(c => c.AllowTenants))
                .Select(s => s.Name)),

        new("Pulumi resource names are unique within a stack",
            "pulumi.com/docs/concepts/resources/names: a resource's URN is made of its type and name and must be unique",
            plan => plan.Items.GroupBy(i => i.Name).Where(g => g.Count() > 1).Select(g => g.Key)),
    ];

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var map in Maps.GoodMapFiles())
            foreach (var rule in Rules)
                data.Add(RepoPaths.Relative(map), rule.Fact);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_shipped_map_plans_within_Googles_documented_rules(string map, string fact)
    {
        var rule = Rules.Single(r => r.Fact == fact);
        var plan = Maps.PlanFile(Path.Combine(RepoPaths.Root, map));

        var violations = rule.Violations(plan).ToList();

        Assert.True(violations.Count == 0, $"{fact} ({rule.Source}) is broken by: {string.Join(", ", violations)}");
    }
}
