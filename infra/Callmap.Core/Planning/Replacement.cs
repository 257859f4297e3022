using System.Text.Json;

namespace Callmap.Planning;

/// <summary>
/// What happens when a planned value cannot be changed in place, decided once per kind of item.
/// <para>
/// Every resource callmap plans carries a Google identity the plan fixes: a physical name (so URLs and
/// audiences are known before deploy), or for IAM members the (resource, role, member) triple. Pulumi
/// replaces by creating the new resource before deleting the old one; with a fixed identity that fails
/// (the name exists: 409) or, for an IAM member, silently removes the grant it just "created" when the old
/// one is deleted. So every such kind is replaced delete-first (<see cref="DeleteBeforeReplace"/>),
/// and the access diff names each replacement before it happens, with the field that forces it.
/// </para>
/// </summary>
public static class Replacement
{
    /// <summary>
    /// The plan fields of each kind that Google cannot change in place. Sources: resource names are
    /// immutable (google.aip.dev/122, "resource names ... must not change"), which covers name, location and
    /// region; Compute Engine has no update method for serverless NEGs, global addresses and managed SSL
    /// certificates (cloud.google.com/compute/docs/reference/rest/v1: regionNetworkEndpointGroups,
    /// globalAddresses, sslCertificates list insert and delete only); a subscription's topic
    /// (cloud.google.com/pubsub/docs/reference/rest/v1/projects.subscriptions/patch updates other fields only);
    /// a 1st gen function's ingress (pulumi-gcp CloudFunctions/Function.cs IngressSettings: "Changes to this
    /// field will recreate the cloud function"); an IAM member's role, member and resource (it is their triple).
    /// </summary>
    public static readonly IReadOnlyDictionary<PlanItemKind, IReadOnlyList<string>> ImmutableFields = new Dictionary<PlanItemKind, IReadOnlyList<string>>
    {
        [PlanItemKind.ServiceAccount] = ["AccountId"],
        [PlanItemKind.ConfigSecret] = ["SecretId"],
        [PlanItemKind.SecretAccessorGrant] = ["SecretId", "Role", "Member"],
        [PlanItemKind.RunService] = ["Workload", "Location"],
        [PlanItemKind.FunctionGen2] = ["Workload", "Location"],
        [PlanItemKind.FunctionGen1] = ["Workload", "Location", "Ingress"],
        [PlanItemKind.RunInvokerGrant] = ["Service", "Location", "Role", "Member"],
        [PlanItemKind.FunctionInvokerGrant] = ["CloudFunction", "Region", "Role", "Member"],
        [PlanItemKind.SchedulerJob] = ["JobName", "Region"],
        [PlanItemKind.PushSubscription] = ["SubscriptionName", "Topic"],
        [PlanItemKind.EventarcTrigger] = ["TriggerName", "Location"],
        [PlanItemKind.TasksQueue] = ["QueueName", "Location"],
        [PlanItemKind.TasksEnqueuerGrant] = ["Queue", "Location", "Role", "Member"],
        [PlanItemKind.SecurityPolicy] = ["PolicyName"],
        [PlanItemKind.GlobalAddress] = ["AddressName", "IpVersion"],
        [PlanItemKind.ServerlessNeg] = ["NegName", "Region", "NetworkEndpointType", "CloudRunService", "CloudFunction"],
        [PlanItemKind.BackendService] = ["BackendName", "LoadBalancingScheme"],
        [PlanItemKind.IapAccessGrant] = ["WebBackendService", "Role", "Member"],
        [PlanItemKind.IapSettings] = ["ResourceName"],
        [PlanItemKind.ManagedCertificate] = ["CertificateName", "Domains"],
        [PlanItemKind.SslPolicy] = ["PolicyName"],
        [PlanItemKind.UrlMap] = ["MapName"],
        [PlanItemKind.TargetHttpsProxy] = ["ProxyName"],
        [PlanItemKind.TargetHttpProxy] = ["ProxyName"],
        [PlanItemKind.ForwardingRule] = ["RuleName", "PortRange", "IpAddress", "LoadBalancingScheme", "IpProtocol"],
        [PlanItemKind.IdentityProviderConfig] = ["IdpId"],
        [PlanItemKind.ProjectIamMember] = ["Project", "Role", "Member"],
        [PlanItemKind.BucketIamMember] = ["Bucket", "Role", "Member"],
        [PlanItemKind.SubnetIamMember] = ["Project", "Region", "Subnetwork", "Role", "Member"],
    };

    /// <summary>
    /// Delete first for every kind with a fixed identity. Not for APIs (never replaced: one per service
    /// name), service identities (cannot be updated or destroyed), secret versions (Google numbers them)
    /// or the project's one Identity Platform config.
    /// </summary>
    public static bool DeleteBeforeReplace(PlanItemKind kind) => ImmutableFields.ContainsKey(kind) && !CreateFirst.Contains(kind);

    /// <summary>
    /// Kinds whose physical name carries every immutable field, so a replacement never collides with the old
    /// name and must be created first: a serverless NEG cannot be deleted while a backend uses it
    /// (resourceInUseByAnotherResource), and the backend moves to the new one in the same update.
    /// </summary>
    public static readonly IReadOnlySet<PlanItemKind> CreateFirst = new HashSet<PlanItemKind> { PlanItemKind.ServerlessNeg };

    /// <summary>The immutable fields that differ between two plans of the same item, with both values; empty when it updates in place.</summary>
    public static IReadOnlyList<(string Field, string Old, string New)> ForcedBy(PlanItem old, PlanItem @new)
    {
        if (old.Kind != @new.Kind || !ImmutableFields.TryGetValue(old.Kind, out var fields)) return [];
        List<(string Field, string Old, string New)>? forced = null;
        foreach (var field in fields)
        {
            // Compared as values; written as JSON only when they differ (a diff of 240,000 items, nearly all unchanged).
            var read = Getter(old.GetType(), field);
            var (was, now) = (read(old), Getter(@new.GetType(), field)(@new));
            if (SameValue(was, now)) continue;
            (forced ??= []).Add((field, Json(was, old, field), Json(now, @new, field)));
        }
        return forced ?? [];
    }

    private static bool SameValue(object? a, object? b) => (a, b) switch
    {
        (null, null) => true,
        (string x, string y) => x == y,
        (IReadOnlyList<string> x, IReadOnlyList<string> y) => x.SequenceEqual(y, StringComparer.Ordinal),
        _ => false,
    };

    /// <summary>Each kind's field readers, found once: the plan's generated metadata (<see cref="PlanJsonContext"/>), not reflection.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(Type, string), Func<object, object?>> Getters = new();

    private static Func<object, object?> Getter(Type type, string field) => Getters.GetOrAdd((type, field), static key =>
    {
        var name = JsonNamingPolicy.CamelCase.ConvertName(key.Item2);
        var property = PlanJsonContext.Default.GetTypeInfo(key.Item1)?.Properties.FirstOrDefault(p => p.Name == name);
        return property?.Get ?? (static _ => null);
    });

    /// <summary>A field's value as JSON with the serializer's defaults ("europe-west1", ["a.example.com"], null).</summary>
    private static string Json(object? value, PlanItem item, string field) => value switch
    {
        null => "null",
        string text => JsonSerializer.Serialize(text, ValueJsonContext.Default.String),
        IReadOnlyList<string> list => JsonSerializer.Serialize(list, ValueJsonContext.Default.IReadOnlyListString),
        var other => throw new NotSupportedException($"{item.GetType().Name}.{field} is a {other.GetType().Name}; an immutable field is a string or a list of strings"),
    };
}
