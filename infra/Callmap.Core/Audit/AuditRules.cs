using Callmap.Policies;

namespace Callmap.Audit;

/// <summary>
/// The rules `audit` applies to the live project. Policy files set their levels like the map rules'
/// (policies/baseline.yaml); each is explained in policies/README.md under its id. Their findings come
/// from <see cref="AccessAudit"/>, not from the map, so their check function finds nothing here.
/// </summary>
public static class AuditRules
{
    public const string UserManagedKey = "live-user-managed-key";
    public const string UnknownAccount = "live-unknown-account";
    public const string LookalikeAccount = "live-lookalike-account";
    public const string MissingAccount = "live-missing-account";
    public const string DisabledAccount = "live-disabled-account";

    public static IReadOnlyList<PolicyRule> All { get; } =
    [
        Rule(UserManagedKey, "No service account has a user-managed key",
            "A downloaded key is a long-lived credential anyone holding the file can use from anywhere; workloads get tokens from their runtime and people impersonate."),
        Rule(UnknownAccount, "Every service account of the project is in the plan",
            "An account created by hand carries grants nobody reviews in the map; default accounts (Compute Engine, App Engine) get broad grants by default."),
        Rule(LookalikeAccount, "No account is named like callmap's but outside the plan",
            "An account named run-…, fn-…, job-…, push-…, trigger-… or tasks-… that the plan does not hold is a leftover of a removed workload or an imitation; reviewers would take it for a managed one."),
        Rule(MissingAccount, "Every account of the plan exists",
            "A workload whose account is missing cannot deploy or runs as something else; before the first `pulumi up` every account is missing."),
        Rule(DisabledAccount, "No account of the plan is disabled",
            "A disabled account makes its workload fail every call it makes; someone disabled it by hand, outside the map."),
    ];

    private static PolicyRule Rule(string id, string title, string help) =>
        new(id, title, help, new Dictionary<string, ParameterKind>(), (_, _) => []);
}
