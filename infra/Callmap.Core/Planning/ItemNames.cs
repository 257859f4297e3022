namespace Callmap.Planning;

/// <summary>
/// The logical names of plan items: derived from the map's names only, so they stay the same when
/// the map is reordered, and readable in `pulumi preview` (they become Pulumi resource names).
/// </summary>
public static class ItemNames
{
    /// <summary>apis/SERVICE; the same few strings for every workload and account, so made once each.</summary>
    public static string Api(string service) => ApiNames.GetOrAdd(service, static s => $"apis/{s}");

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> ApiNames = new(StringComparer.Ordinal);

    public static bool IsApi(string itemName) => itemName.StartsWith("apis/", StringComparison.Ordinal);

    public static string ApiOf(string itemName) => itemName["apis/".Length..];

    public static string Account(string accountId) => $"accounts/{accountId}";

    public static string Run(string service) => $"run/{service}";

    public static string Function(string function) => $"functions/{function}";

    public static string Invoke(string callerKey, string target) => $"invoke/{callerKey}/{target}";

    /// <summary>Grants to Google's own callers: IAP's service agent, Identity Platform. Workload names hold no '/', so these never meet invoke/….</summary>
    public static string IapInvoker(string target) => $"iap/invoker/{target}";

    public static string IdentityPlatformInvoker(string function) => $"identity-platform/invoker/{function}";

    public static string Enqueue(string queueCaller, string member) => $"enqueue/{queueCaller}/{member}";

    /// <summary>The load balancer's backend of a public workload.</summary>
    public static string Backend(string workload) => $"edge/backend/{workload}";

    public static string ServiceIdentity(string service) => $"service-agents/{service}";

    public static string ConfigSecret(string configKey) => $"config-secrets/{configKey}";

    public static string ConfigSecretVersion(string configKey) => $"config-secrets/{configKey}/version";

    public static string SecretAccess(string workload, string secret) => $"secret-access/{workload}/{secret}";

    /// <summary>A named project-level exception for one member: project-iam/EXCEPTION or project-iam/EXCEPTION/ACCOUNT_ID.</summary>
    public static string ProjectGrant(string exception, string? accountId = null) =>
        accountId is null ? $"project-iam/{exception}" : $"project-iam/{exception}/{accountId}";

    public static string BucketGrant(string bucket, string accountId) => $"bucket-iam/{bucket}/{accountId}";

    public static string SubnetGrant(string hostProject, string subnet) => $"subnet-iam/{hostProject}/{subnet}";

    /// <summary>Created callers keep their key: schedule/NAME, push/NAME, eventarc/NAME, tasks/NAME.</summary>
    public static string CreatedCaller(string callerKey) => callerKey;
}
