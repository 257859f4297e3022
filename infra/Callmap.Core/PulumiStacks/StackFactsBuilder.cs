using System.Text.Json;
using System.Text.Json.Nodes;

namespace Callmap.PulumiStacks;

/// <summary>
/// Turns the gcp resources of a stack into <see cref="StackFacts"/>. References between resources
/// (a backend's NEG, its Cloud Armor policy, a grant's member account) are followed by name when known,
/// and by Pulumi's propertyDependencies when the value is unknown until apply; what neither settles stays unknown.
/// </summary>
public static class StackFactsBuilder
{
    private static readonly string[] Public = ["allUsers", "allAuthenticatedUsers"];

    public static StackFacts From(string file, PulumiDocument document, IReadOnlyList<PulumiResource> resources)
    {
        var byUrn = resources.GroupBy(r => r.Urn, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var byName = new NameIndex(resources);
        var accounts = new Dictionary<string, PulumiResource>(StringComparer.Ordinal);
        foreach (var a in resources.Where(r => r.Type == GcpTypes.ServiceAccount))
        {
            if (a.Value("email") is { IsKnown: true } email) accounts.TryAdd(email.Text!, a);
            if (a.Value("accountId") is { IsKnown: true } id) accounts.TryAdd(id.Text! + "@", a);
        }
        var workloads = resources.Select(r => Workload(r, byUrn, accounts)).OfType<StackWorkload>().ToList();
        var workloadOf = workloads.ToDictionary(w => w.Resource);
        var gen2ByName = workloads.Where(w => w.Kind == WorkloadKind.FunctionGen2 && w.Name.IsKnown).GroupBy(w => w.Name.Text!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var grants = resources.Where(r => GcpTypes.Iam.ContainsKey(r.Type)).SelectMany(r => Grants(r, byUrn)).ToList();
        var policies = resources.Where(r => r.Type == GcpTypes.SecurityPolicy).Select(Armor).ToDictionary(p => p.Resource);
        var backends = resources.Where(r => r.Type == GcpTypes.BackendService).Select(r => Backend(r, byName, byUrn, workloadOf, gen2ByName, policies)).ToList();
        var https = resources.Where(r => r.Type == GcpTypes.TargetHttpsProxy).Select(r => Https(r, byName, byUrn)).ToList();
        var http = resources.Where(r => r.Type == GcpTypes.TargetHttpProxy).Select(r => Http(r, byName, byUrn)).ToList();
        var keys = resources.Where(r => r.Type == GcpTypes.ServiceAccountKey).ToList();
        var blocking = resources.Where(r => r.Type == GcpTypes.IdentityPlatformConfig)
            .SelectMany(r => r.Items("blockingFunctions.triggers") ?? [])
            .Select(t => PulumiResource.Text((t as JsonObject)?["functionUri"])).Where(v => v.IsKnown).Select(v => v.Text!).ToList();
        return new StackFacts(file, document, resources, workloads, grants, backends, https, http, keys, blocking);
    }

    /// <summary>The last segment of a resource name or self link ("projects/p/locations/r/services/api" → "api").</summary>
    public static string Short(string name) => name.TrimEnd('/')[(name.TrimEnd('/').LastIndexOf('/') + 1)..];

    private static StackWorkload? Workload(PulumiResource r, Dictionary<string, PulumiResource> byUrn, Dictionary<string, PulumiResource> accounts)
    {
        var (kind, ingress, accountProperty) = r.Type switch
        {
            GcpTypes.RunV2Service => (WorkloadKind.CloudRunV2, Ingress(r.Value("ingress")), "template.serviceAccount"),
            GcpTypes.RunV1Service => (WorkloadKind.CloudRunV1, Ingress(V1Ingress(r)), "template.spec.serviceAccountName"),
            GcpTypes.FunctionGen1 => (WorkloadKind.FunctionGen1, Ingress(r.Value("ingressSettings")), "serviceAccountEmail"),
            GcpTypes.FunctionGen2 => (WorkloadKind.FunctionGen2, Ingress(r.Value("serviceConfig.ingressSettings")), "serviceConfig.serviceAccountEmail"),
            _ => ((WorkloadKind?)null, StackValue.Missing, ""),
        };
        if (kind is null) return null;
        var name = kind == WorkloadKind.CloudRunV1 ? r.Value("metadata.name") is { IsMissing: false } v1 ? v1 : r.Value("name") : r.Value("name");
        var account = r.Value(accountProperty);
        var project = r.Value("project");
        string? accountUrn = null;
        var isDefault = false;
        if (account.IsMissing)
        {
            // Google's defaults: 1st gen functions run as App Engine's default account, everything else as Compute Engine's.
            isDefault = true;
            account = new StackValue(kind == WorkloadKind.FunctionGen1 ? $"{project.Text ?? "PROJECT_ID"}@appspot.gserviceaccount.com" : "PROJECT_NUMBER-compute@developer.gserviceaccount.com (the default compute account)", false);
        }
        else if (account.IsUnknown && Dependency(r, accountProperty.Split('.')[0], GcpTypes.ServiceAccount, byUrn) is { } sa)
        {
            accountUrn = sa.Urn;
            account = new StackValue($"the account {sa.LogicalName} ({AccountEmail(sa)})", false);
        }
        else if (account.IsKnown)
        {
            isDefault = IsDefaultAccount(account.Text!);
            var email = account.Text!;
            accountUrn = (accounts.GetValueOrDefault(email) ?? accounts.GetValueOrDefault(email[..(email.IndexOf('@') + 1)]))?.Urn;
        }
        return new StackWorkload(r, kind.Value, name, ingress,
            kind == WorkloadKind.CloudRunV2 ? r.Value("invokerIamDisabled").Or("false") : new StackValue("false", false), account, isDefault, accountUrn);
    }

    public static bool IsDefaultAccount(string email) =>
        email.EndsWith("-compute@developer.gserviceaccount.com", StringComparison.Ordinal) || email.EndsWith("@appspot.gserviceaccount.com", StringComparison.Ordinal);

    private static string AccountEmail(PulumiResource account) =>
        account.Value("email") is { IsKnown: true } email ? email.Text!
        : account.Value("accountId") is { IsKnown: true } id ? $"{id.Text}@…" : "email known after apply";

    /// <summary>Cloud Run v1 keeps ingress in an annotation, whose key has dots (so not a dotted path).</summary>
    private static StackValue V1Ingress(PulumiResource r) =>
        r.Node("metadata.annotations") is JsonObject annotations ? PulumiResource.Text(annotations["run.googleapis.com/ingress"])
        : r.Node("metadata.annotations") is { } other ? PulumiResource.Text(other) : StackValue.Missing;

    /// <summary>Every generation's ingress in one vocabulary; missing means the provider's default, all traffic.</summary>
    private static StackValue Ingress(StackValue raw) => raw.IsUnknown ? raw : (raw.Text ?? "all") switch
    {
        "INGRESS_TRAFFIC_ALL" or "ALLOW_ALL" or "all" => new("all", false),
        "INGRESS_TRAFFIC_INTERNAL_ONLY" or "ALLOW_INTERNAL_ONLY" or "internal" => new("internal", false),
        "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER" or "ALLOW_INTERNAL_AND_GCLB" or "internal-and-cloud-load-balancing" => new("internal-and-load-balancer", false),
        var other => new(other, false),
    };

    private static IEnumerable<StackGrant> Grants(PulumiResource r, Dictionary<string, PulumiResource> byUrn)
    {
        var (target, mode, targetProperty) = GcpTypes.Iam[r.Type];
        var targetName = r.Value(targetProperty) is { IsKnown: true } t ? new StackValue(Short(t.Text!), false) : r.Value(targetProperty);
        if (targetName.IsUnknown && r.DependenciesOf(targetProperty).Select(u => byUrn.GetValueOrDefault(u)).OfType<PulumiResource>().FirstOrDefault() is { } dependency)
            targetName = new StackValue(dependency.Value("name") is { IsKnown: true } n ? Short(n.Text!) : dependency.LogicalName, false);
        switch (mode)
        {
            case GrantMode.Member:
                yield return new StackGrant(r, mode, target, targetName, r.Value("role"), Member(r, "member", r.Value("member"), byUrn));
                break;
            case GrantMode.Binding:
                var members = r.Items("members");
                if (members is null || members.Count == 0 && r.DependenciesOf("members").Count > 0)
                    yield return new StackGrant(r, mode, target, targetName, r.Value("role"), StackValue.Unknown);
                else
                    foreach (var m in members) yield return new StackGrant(r, mode, target, targetName, r.Value("role"), Member(r, "members", PulumiResource.Text(m), byUrn));
                if (members is { Count: 0 } && r.DependenciesOf("members").Count == 0)
                    yield return new StackGrant(r, mode, target, targetName, r.Value("role"), StackValue.Missing);   // removes every member of the role
                break;
            default:
                foreach (var g in PolicyData(r, target, targetName)) yield return g;
                break;
        }
    }

    /// <summary>A member unknown until apply that Pulumi says comes from an account of this stack is that account (serviceAccount:…).</summary>
    private static StackValue Member(PulumiResource r, string property, StackValue member, Dictionary<string, PulumiResource> byUrn) =>
        member.IsUnknown && Dependency(r, property, GcpTypes.ServiceAccount, byUrn) is { } sa
            ? new StackValue($"serviceAccount:{AccountEmail(sa)} (the account {sa.LogicalName})", false)
            : member;

    /// <summary>An IAM policy's policyData: a JSON string { bindings: [ { role, members } ] }, as the provider's getIAMPolicy data source writes it.</summary>
    private static IEnumerable<StackGrant> PolicyData(PulumiResource r, GrantTarget target, StackValue targetName)
    {
        var data = r.Value("policyData");
        JsonNode? policy = null;
        if (data.IsKnown)
            try { policy = JsonNode.Parse(data.Text!, documentOptions: new JsonDocumentOptions { MaxDepth = 16 }); }
            catch (JsonException) { policy = null; }
        if (policy is not JsonObject { } p || p["bindings"] is not JsonArray bindings)
        {
            yield return new StackGrant(r, GrantMode.Policy, target, targetName, data.IsMissing ? StackValue.Missing : StackValue.Unknown, StackValue.Unknown);
            yield break;
        }
        if (bindings.Count == 0) yield return new StackGrant(r, GrantMode.Policy, target, targetName, StackValue.Missing, StackValue.Missing);
        foreach (var binding in bindings.OfType<JsonObject>())
        {
            var role = PulumiResource.Text(binding["role"]);
            var members = binding["members"] as JsonArray;
            if (members is null) yield return new StackGrant(r, GrantMode.Policy, target, targetName, role, StackValue.Missing);
            else foreach (var m in members) yield return new StackGrant(r, GrantMode.Policy, target, targetName, role, PulumiResource.Text(m));
        }
    }

    /// <summary>The one resource of <paramref name="type"/> a property was computed from, per Pulumi's propertyDependencies.</summary>
    private static PulumiResource? Dependency(PulumiResource r, string property, string type, Dictionary<string, PulumiResource> byUrn)
    {
        var candidates = r.DependenciesOf(property).Select(u => byUrn.GetValueOrDefault(u)).Where(d => d?.Type == type).ToList();
        return candidates.Count == 1 ? candidates[0] : null;
    }

    /// <summary>A reference to another resource: by name or self link when known; by dependency when unknown. Unknown = neither settles it.</summary>
    private static (PulumiResource? Resource, bool Unknown) Reference(PulumiResource r, string property, StackValue value, string type, NameIndex byName, Dictionary<string, PulumiResource> byUrn)
    {
        if (value.IsMissing) return (null, false);
        if (value.IsKnown) return (byName.Find(type, value.Text!), false);
        var dependency = Dependency(r, property, type, byUrn);
        return (dependency, dependency is null);
    }

    private static StackSecurityPolicy Armor(PulumiResource r)
    {
        var rules = r.Items("rules");
        if (rules is null) return new StackSecurityPolicy(r, r.Value("name"), true, false, [], StackValue.Unknown);
        var objects = rules.OfType<JsonObject>().ToList();
        var action = (JsonObject o) => PulumiResource.Text(o["action"]);
        var defaultRule = objects.FirstOrDefault(o => PulumiResource.Text(o["priority"]).Text == "2147483647");
        return new StackSecurityPolicy(r, r.Value("name"), false,
            objects.Any(o => action(o).Text is "throttle" or "rate_based_ban"),
            objects.Select(o => o.ToJsonString()).ToList(),
            defaultRule is null ? new StackValue("allow", false) : action(defaultRule));   // Google adds a default allow rule when none is given
    }

    private static StackBackend Backend(PulumiResource r, NameIndex all, Dictionary<string, PulumiResource> byUrn, Dictionary<PulumiResource, StackWorkload> workloadOf,
        Dictionary<string, StackWorkload> gen2ByName, Dictionary<PulumiResource, StackSecurityPolicy> policies)
    {
        var scheme = r.Value("loadBalancingScheme").Or("EXTERNAL");
        var external = scheme.IsUnknown || scheme.Text is "EXTERNAL" or "EXTERNAL_MANAGED";
        var behind = new List<StackWorkload>();
        var unknown = false;
        var groups = r.Items("backends");
        if (groups is null) unknown = true;
        else
            foreach (var backend in groups)
            {
                var (neg, negUnknown) = Reference(r, "backends", PulumiResource.Text((backend as JsonObject)?["group"]), GcpTypes.ServerlessNeg, all, byUrn);
                unknown |= negUnknown;
                if (neg is null) continue;
                foreach (var (property, type) in new[] { ("cloudRun.service", GcpTypes.RunV2Service), ("cloudRun.service", GcpTypes.RunV1Service), ("cloudFunction.function", GcpTypes.FunctionGen1) })
                {
                    var (target, targetUnknown) = Reference(neg, property.Split('.')[0], neg.Value(property), type, all, byUrn);
                    if (target is not null && workloadOf.TryGetValue(target, out var w)) behind.Add(w);
                    else if (target is null && targetUnknown && type == GcpTypes.RunV2Service) unknown = true;
                }
                // A 2nd gen function is served by the Cloud Run service of the same name.
                if (neg.Value("cloudRun.service").Text is { } s && gen2ByName.TryGetValue(Short(s), out var fn)) behind.Add(fn);
            }
        var armorReference = r.Value("securityPolicy");
        var (armor, _) = Reference(r, "securityPolicy", armorReference, GcpTypes.SecurityPolicy, all, byUrn);
        return new StackBackend(r, external, behind.Distinct().ToList(), unknown, armor is null ? null : policies.GetValueOrDefault(armor), armorReference);
    }

    private static StackHttpsListener Https(PulumiResource r, NameIndex all, Dictionary<string, PulumiResource> byUrn)
    {
        var reference = r.Value("sslPolicy");
        if (reference.IsMissing) return new StackHttpsListener(r, new StackValue("TLS_1_0", false), null);   // Google's default SSL policy allows TLS 1.0
        var (policy, unknown) = Reference(r, "sslPolicy", reference, GcpTypes.SslPolicy, all, byUrn);
        if (policy is null) return new StackHttpsListener(r, unknown ? StackValue.Unknown : StackValue.Missing, null);
        return new StackHttpsListener(r, policy.Value("minTlsVersion").Or("TLS_1_0"), policy);   // the API's default minimum is TLS 1.0
    }

    private static StackHttpListener Http(PulumiResource r, NameIndex all, Dictionary<string, PulumiResource> byUrn)
    {
        var (map, _) = Reference(r, "urlMap", r.Value("urlMap"), GcpTypes.UrlMap, all, byUrn);
        if (map is null) return new StackHttpListener(r, null);
        var redirect = map.Value("defaultUrlRedirect.httpsRedirect");
        var hostRules = map.Items("hostRules");
        if (redirect.IsUnknown || hostRules is null) return new StackHttpListener(r, null);
        return new StackHttpListener(r, redirect.Text == "true" && hostRules.Count == 0);
    }
}
