using Callmap.Model;
using Callmap.Roles;
using Callmap.Validation;

namespace Callmap.Planning;

/// <summary>
/// The public edge of the plan: for the services marked public, one global external Application Load
/// Balancer (address, serverless NEG and backend per workload, URL map, certificates, TLS policy,
/// HTTPS proxy and rule, HTTP→HTTPS redirect), Cloud Armor on every backend, IAP where asked, and
/// Identity Platform with its blocking functions. Nothing of it when nothing is public.
/// </summary>
public sealed partial class Planner
{
    /// <summary>What Cloud Armor answers a client over a rate limit (valid only there).</summary>
    private const string OverLimit = "deny(429)";

    private const int DefaultRulePriority = int.MaxValue;

    private PublicSurface Edge()
    {
        var publicServices = _map.Services.Where(s => s.Public is not null).OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
        IdentityPlatformItems();
        if (publicServices.Count == 0) return new PublicSurface([], BlockingFunctionNames());

        var edge = _map.Edge!;
        var at = edge.At;
        var policies = publicServices.Select(PolicyOf).Distinct().ToDictionary(p => p, p => ArmorPolicyItem(edge.Armor.Single(a => a.Name == p)));
        var address = Add(new GlobalAddressItem("edge/address", Api(Apis.Compute), at, "edge-address", "IPV4"));
        var backends = publicServices.ToDictionary(s => s.Name, s => Backend(s, policies[PolicyOf(s)]));

        var routes = publicServices
            .SelectMany(s => s.Public!.Hosts.SelectMany(h => EdgeValidator.PathsOf(s.Public).Select(path => (Host: h.Value, Path: path, Service: s))))
            .OrderBy(r => r.Host, StringComparer.Ordinal).ThenBy(r => r.Path, StringComparer.Ordinal).ToList();
        var hosts = routes.Select(r => r.Host).Distinct().ToList();
        var matchers = hosts.Select(host =>
        {
            var onHost = routes.Where(r => r.Host == host).ToList();
            var fallback = backends[onHost.Single(r => r.Path == "/*").Service.Name].Name;
            var rules = onHost.Where(r => r.Path != "/*").GroupBy(r => backends[r.Service.Name].Name)
                .Select(g => new PathRule(g.Select(r => r.Path).ToList(), g.Key)).ToList();
            return new PathMatcher(ComputeNames.For(host, "paths"), fallback, rules);
        }).ToList();
        var urlMap = Add(new UrlMapItem("edge/url-map", [.. Api(Apis.Compute), .. backends.Values.Select(b => b.Name)], at, "edge-url-map",
            hosts.Zip(matchers).Select(p => new HostRule([p.First], p.Second.Name)).ToList(), matchers,
            DefaultRedirectHost: hosts[0], HttpsRedirect: false, StripQuery: false, UrlMapItem.PermanentRedirect));

        var certificates = edge.CertificateMap is null
            ? hosts.Select(h => Add(new ManagedCertificateItem($"edge/cert/{h}", Api(Apis.Compute), at, ComputeNames.For(h, "cert"), [h])).Name).ToList()
            : [];
        var tls = Add(new SslPolicyItem("edge/tls", Api(Apis.Compute), at, "edge-tls", "TLS_1_2", "MODERN"));
        var certificateMap = edge.CertificateMap is { } mapName
            ? $"//certificatemanager.googleapis.com/projects/{_map.Project.Value}/locations/global/certificateMaps/{mapName}" : null;
        var https = Add(new TargetHttpsProxyItem("edge/https-proxy", [urlMap.Name, tls.Name, .. certificates], at, "edge-https-proxy",
            urlMap.Name, certificates, certificateMap, tls.Name));
        Add(new ForwardingRuleItem("edge/https", [https.Name, address.Name], at, "edge-https", https.Name, "443", address.Name, "EXTERNAL_MANAGED", "TCP"));

        // Port 80 only redirects to HTTPS, on the same address.
        var redirect = Add(new UrlMapItem("edge/http-redirect", Api(Apis.Compute), at, "edge-http-redirect", [], [], null, HttpsRedirect: true, StripQuery: false, UrlMapItem.PermanentRedirect));
        var http = Add(new TargetHttpProxyItem("edge/http-proxy", [redirect.Name], at, "edge-http-proxy", redirect.Name));
        Add(new ForwardingRuleItem("edge/http", [http.Name, address.Name], at, "edge-http", http.Name, "80", address.Name, "EXTERNAL_MANAGED", "TCP"));

        return new PublicSurface(
            routes.Select(r => new PublicRoute(r.Host, r.Path, r.Service.Name, EdgeValidator.AuthWord(r.Service.Public!.Auth.Value),
                PolicyOf(r.Service), r.Service.Public!.Auth.Value == EndUserAuth.None ? r.Service.Public.Reason : null)).ToList(),
            BlockingFunctionNames());
    }

    private static string PolicyOf(Workload w) => w.Public!.Armor?.Value ?? Model.Edge.DefaultPolicy;

    private BackendServiceItem Backend(Workload w, SecurityPolicyItem policy)
    {
        var p = w.Public!;
        var workloadItem = _itemNames[w.Name];
        var region = Endpoint.RegionOf(_map, w);
        // The NEG's name carries every field Google cannot change on it (region, and what it points at), so a
        // replacement is a new NEG created next to the old one: the backend moves to it before the old one,
        // which Google refuses to delete while a backend uses it, is deleted (Replacement.CreateFirst).
        var negName = ComputeNames.For($"{w.Name}-{region}", w.Kind == WorkloadKind.FunctionGen1 ? "fn-neg" : "neg");
        var neg = Add(new ServerlessNegItem($"edge/neg/{w.Name}", [.. Api(Apis.Compute), workloadItem], p.At, negName,
            region, "SERVERLESS",
            CloudRunService: w.Kind == WorkloadKind.FunctionGen1 ? null : w.Name,
            CloudFunction: w.Kind == WorkloadKind.FunctionGen1 ? w.Name : null, w.Name));
        var iap = p.Auth.Value == EndUserAuth.Iap;
        var backend = Add(new BackendServiceItem(ItemNames.Backend(w.Name), [neg.Name, policy.Name, .. iap ? Api(Apis.Iap) : []], p.At,
            ComputeNames.For(w.Name, "backend"), "EXTERNAL_MANAGED", "HTTPS", neg.Name, policy.Name, iap, w.Name, EdgeValidator.AuthWord(p.Auth.Value)));
        if (iap) Iap(w, backend);
        return backend;
    }

    /// <summary>IAP's service agent invokes the service; the members the map names may pass IAP, on this backend only.</summary>
    private void Iap(Workload w, BackendServiceItem backend)
    {
        var settings = w.Public!.Iap!;
        var agent = IapServiceAgent(w.Public.Auth.At);
        Add(InvokerGrant(ItemNames.IapInvoker(w.Name), "iap", agent.Member, w, w.Public.Auth.At, [backend.Name, agent.Name]) with { MemberOf = agent.Name });
        // IAM compares e-mail members without case: one grant per member however it is written.
        foreach (var member in settings.Members.DistinctBy(m => m.Value.ToLowerInvariant()).OrderBy(m => m.Value, StringComparer.Ordinal))
            Add(new IapAccessGrantItem($"iap/access/{w.Name}/{member.Value}", [backend.Name], member.At, "roles/iap.httpsResourceAccessor",
                member.Value, member.Value, w.Name, backend.BackendName));
        if (settings.Identities == IapIdentities.IdentityPlatform)
            Add(new IapSettingsItem($"iap/settings/{w.Name}", [backend.Name, "identity-platform/config"], w.Public.Auth.At,
                $"projects/{_map.ProjectNumber.Value}/iap_web/compute/services/{backend.BackendName}", settings.LoginPage!,
                settings.Tenants.Count > 0 ? settings.Tenants : [$"_{_map.ProjectNumber.Value}"]));
    }

    /// <summary>IAP's service agent, created on first use; asked for once, whatever number of services IAP fronts.</summary>
    private ServiceIdentityItem IapServiceAgent(Diagnostics.SourceLocation at)
    {
        var name = ItemNames.ServiceIdentity(Apis.Iap);
        if (_iapAgent is { } existing) return existing;
        return _iapAgent = Add(new ServiceIdentityItem(name, Api(Apis.Iap), at, Apis.Iap,
            $"serviceAccount:service-{_map.ProjectNumber.Value}@gcp-sa-iap.iam.gserviceaccount.com"));
    }

    /// <summary>
    /// Deny lists first; WAF before the rate limits (a request under a limit is allowed and evaluation
    /// stops); tighter path limits before the global one; the explicit default rule last. Priorities are
    /// spaced so rules can be added between.
    /// A rate-limit rule allows every request under its limit (conformAction "allow" is the only one Google
    /// offers), so it must never match more than the policy admits anyway. With a default of allow, that is
    /// everyone, and the allow list is a trusted list that skips WAF and limits. With a default of deny, the
    /// allow list is who is admitted at all: WAF and limits apply to it, each limit matches only the allow
    /// list's ranges, and the plain allow rules come after the limits.
    /// </summary>
    private SecurityPolicyItem ArmorPolicyItem(ArmorPolicy policy)
    {
        var rules = new List<ArmorRule>();
        var allowRanges = policy.AllowRanges.Select(r => r.Value).ToList();
        var denyByDefault = !policy.DefaultAction.Value.Allow;
        foreach (var (chunk, i) in policy.DenyRanges.Select(r => r.Value).Chunk(ArmorLimits.RangesPerRule).Select((c, i) => (c, i)))
            rules.Add(new ArmorRule(1000 + i, "deny(403)", "deny listed ranges", chunk, null, null));
        if (!denyByDefault)
            foreach (var (chunk, i) in allowRanges.Chunk(ArmorLimits.RangesPerRule).Select((c, i) => (c, i)))
                rules.Add(new ArmorRule(2000 + i, "allow", "trusted ranges skip WAF and rate limits", chunk, null, null));
        foreach (var (waf, i) in policy.Waf.Select((w, i) => (w.Value, i)))
            rules.Add(new ArmorRule(3000 + i, "deny(403)", ArmorLimits.Description($"WAF {waf}"), null,
                $"evaluatePreconfiguredWaf('{waf}', {{'sensitivity': {policy.WafSensitivity}}})", null));

        var priority = 4000;
        // The most specific path first: exact paths, then longer prefixes. A request under a limit is allowed
        // and evaluation stops, so a broad /v1/* limit before /v1/login would void the login limit.
        foreach (var limit in policy.PathLimits
                     .OrderBy(l => l.Path.EndsWith("/*", StringComparison.Ordinal) ? 1 : 0)
                     .ThenByDescending(l => l.Path.EndsWith("/*", StringComparison.Ordinal) ? l.Path.Length : 0)
                     .ThenBy(l => l.Path, StringComparer.Ordinal))
        {
            var description = ArmorLimits.Description($"rate limit {limit.Path}");
            if (!denyByDefault)
                rules.Add(RateLimitRule(priority++, description, null, PathExpression(limit.Path), limit.Limit));
            else
                // One path condition and up to four inIpRange calls: Google allows five subexpressions per expression.
                foreach (var chunk in allowRanges.Chunk(ArmorLimits.SubexpressionsPerRule - 1))
                    rules.Add(RateLimitRule(priority++, description, null,
                        $"{PathExpression(limit.Path)} && ({string.Join(" || ", chunk.Select(r => $"inIpRange(origin.ip, '{r}')"))})", limit.Limit));
        }
        priority = 5000;
        if (policy.RateLimit is { } global)
        {
            if (!denyByDefault) rules.Add(RateLimitRule(priority, "rate limit", ["*"], null, global));
            else
                foreach (var chunk in allowRanges.Chunk(ArmorLimits.RangesPerRule))
                    rules.Add(RateLimitRule(priority++, "rate limit on the admitted ranges", chunk, null, global));
        }
        else if (denyByDefault)
            foreach (var chunk in allowRanges.Chunk(ArmorLimits.RangesPerRule))
                rules.Add(new ArmorRule(priority++, "allow", "admitted ranges", chunk, null, null));
        rules.Add(new ArmorRule(DefaultRulePriority, policy.DefaultAction.Value.GoogleAction, "default rule", ["*"], null, null));
        return Add(new SecurityPolicyItem($"edge/armor/{policy.Name}", Api(Apis.Compute), policy.At, $"armor-{policy.Name}", policy.Name,
            rules, policy.AdaptiveProtection));
    }

    private static ArmorRule RateLimitRule(int priority, string description, IReadOnlyList<string>? ranges, string? expression, RateLimit limit) =>
        new(priority, limit.BanSeconds is null ? "throttle" : "rate_based_ban", description, ranges, expression,
            new ArmorRateLimit(limit.Requests, limit.IntervalSeconds, "allow", OverLimit, limit.Key switch
            {
                RateLimitKey.XffIp => "XFF_IP",
                RateLimitKey.All => "ALL",
                RateLimitKey.Path => "HTTP_PATH",
                RateLimitKey.Header => "HTTP_HEADER",
                _ => "IP",
            }, limit.KeyName, limit.BanSeconds));

    private static string PathExpression(string path) => path.EndsWith("/*", StringComparison.Ordinal)
        ? $"request.path.startsWith('{path[..^1]}')"
        : $"request.path == '{path}'";

    private void IdentityPlatformItems()
    {
        if (_map.IdentityPlatform is not { } identity) return;
        var blocking = new List<BlockingTrigger>();
        var dependsOn = new List<string>(Api(Apis.IdentityToolkit));
        var granted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var function in identity.BlockingFunctions.OrderBy(b => b.EventType, StringComparer.Ordinal))
        {
            var w = _index.Service(function.Function.Value)!;
            blocking.Add(new BlockingTrigger(function.EventType, _endpoints[w.Name].Url, w.Name));
            // One function may answer several events; it needs its grant once.
            if (!granted.Add(w.Name)) continue;
            // The one public invoker callmap ever plans: Identity Platform calls blocking functions without
            // an IAM token, and their SDK verifies the JWT Identity Platform signs (gcp-facts.md § End users).
            var grant = Add(InvokerGrant(ItemNames.IdentityPlatformInvoker(w.Name), "identity-platform", "allUsers", w, function.Function.At, []));
            dependsOn.AddRange([_itemNames[w.Name], grant.Name]);
        }
        var domains = identity.AuthorizedDomains.Select(d => d.Value)
            .Concat(_map.Services.Where(s => s.Public?.Auth.Value is EndUserAuth.InApp or EndUserAuth.Iap).SelectMany(s => s.Public!.Hosts.Select(h => h.Value)))
            .Distinct().Order(StringComparer.Ordinal).ToList();
        var mfaProviders = identity.MfaState == "DISABLED" ? [] : identity.MfaProviders.Count > 0 ? identity.MfaProviders : ["PHONE_SMS"];
        var config = Add(new IdentityPlatformConfigItem("identity-platform/config", dependsOn.Distinct().ToList(), identity.At,
            identity.EmailSignIn, identity.EmailPasswordRequired, identity.PhoneSignIn, identity.AnonymousSignIn, domains,
            identity.MfaState, mfaProviders, identity.SignUpQuota?.Count, identity.SignUpQuota is { } q ? $"{q.Seconds}s" : null,
            identity.SignUpQuota?.Start.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture), blocking,
            AllowTenants: _map.Services.Any(s => s.Public?.Iap is { Identities: IapIdentities.IdentityPlatform, Tenants.Count: > 0 })));
        foreach (var provider in identity.Providers.OrderBy(p => p.IdpId, StringComparer.Ordinal))
            Add(new IdentityProviderConfigItem($"identity-platform/idp/{provider.IdpId}", [config.Name], provider.At,
                provider.IdpId, provider.ClientId, provider.ClientSecretConfigKey, Enabled: true));
    }

    private IReadOnlyList<string> BlockingFunctionNames() =>
        (_map.IdentityPlatform?.BlockingFunctions ?? []).Select(b => b.Function.Value).Distinct().Order(StringComparer.Ordinal).ToList();

    /// <summary>The invoker role on a workload for a caller outside the map's caller list (IAP's agent, Identity Platform).</summary>
    private GrantItem InvokerGrant(string name, string caller, string member, Workload target, Diagnostics.SourceLocation at, IReadOnlyList<string> alsoAfter)
    {
        IReadOnlyList<string> dependsOn = [_itemNames[target.Name], .. alsoAfter];
        var region = Endpoint.RegionOf(_map, target);
        return target.Kind == WorkloadKind.FunctionGen1
            ? new FunctionInvokerGrantItem(name, dependsOn, at, GrantRoles.FunctionInvoker, member, caller, target.Name, target.Name, region)
            : new RunInvokerGrantItem(name, dependsOn, at, GrantRoles.RunInvoker, member, caller, target.Name, target.Name, region);
    }

    private T Add<T>(T item) where T : PlanItem
    {
        _items.Add(item);
        return item;
    }

    private static IReadOnlyList<string> Api(string api) => [ItemNames.Api(api)];
}
