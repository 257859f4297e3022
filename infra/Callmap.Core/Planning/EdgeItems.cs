using System.Text.Json.Serialization;
using Callmap.Diagnostics;

namespace Callmap.Planning;

// The public edge: a global external Application Load Balancer (EXTERNAL_MANAGED), its Cloud Armor
// policies, IAP, and Identity Platform. Names and values follow gcp-facts.md § Load balancer, § Cloud Armor.

/// <summary>A Cloud Armor policy with its rules in priority order (Pulumi: Compute.SecurityPolicy).</summary>
public sealed record SecurityPolicyItem(
    string Name, IReadOnlyList<string> DependsOn, SourceLocation Source,
    string PolicyName, string Policy, IReadOnlyList<ArmorRule> Rules, bool AdaptiveProtection)
    : PlanItem(Name, DependsOn, Source)
{
    [JsonIgnore] public override PlanItemKind Kind => PlanItemKind.SecurityPolicy;
}

/// <summary>
/// One rule: <see cref="SrcIpRanges"/> (versioned expression SRC_IPS_V1) or a CEL <see cref="Expression"/>,
/// and for rate limits the threshold and what happens over it.
/// </summary>
public sealed record ArmorRule(
    int Priority,
    string Action,
    string Description,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? SrcIpRanges,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Expression,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ArmorRateLimit? RateLimit);

/// <summary>RateLimitOptions: over <see cref="Count"/> requests in <see cref="IntervalSec"/> per key, answer <see cref="ExceedAction"/>.</summary>
public sealed record ArmorRateLimit(
    int Count, int IntervalSec, string ConformAction, string ExceedAction, string EnforceOnKey,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? EnforceOnKeyName,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? BanDurationSec);

/// <summary>The load balancer's one static address, shared by HTTPS and the HTTP redirect (Pulumi: Compute.GlobalAddress).</summary>
public sealed record GlobalAddressItem(string Name, IReadOnlyList<string> DependsOn, SourceLocation Source, string AddressName, string IpVersion)
    : PlanItem(Name, DependsOn, Source)
{
    [JsonIgnore] public override PlanItemKind Kind => PlanItemKind.GlobalAddress;
}

/// <summary>
/// A serverless NEG pointing at one workload (Pulumi: Compute.RegionNetworkEndpointGroup): a Cloud Run
/// service (2nd gen functions included, through their service) or a 1st gen function.
/// </summary>
public sealed record ServerlessNegItem(
    string Name, IReadOnlyList<string> DependsOn, SourceLocation Source,
    string NegName, string Region, string NetworkEndpointType,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? CloudRunService,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? CloudFunction,
    string Workload)
    : PlanItem(Name, DependsOn, Source)
{
    [JsonIgnore] public override PlanItemKind Kind => PlanItemKind.ServerlessNeg;
}

/// <summary>The backend of one public workload, with its Cloud Armor policy and IAP (Pulumi: Compute.BackendService). No health check: serverless.</summary>
public sealed record BackendServiceItem(
    string Name, IReadOnlyList<string> DependsOn, SourceLocation Source,
    string BackendName, string LoadBalancingScheme, string Protocol, string Neg, string SecurityPolicy, bool IapEnabled,
    string Workload, string Auth)
    : PlanItem(Name, DependsOn, Source)
{
    [JsonIgnore] public override PlanItemKind Kind => PlanItemKind.BackendService;
}

/// <summary>roles/iap.httpsResourceAccessor for one member on one IAP-protected backend (Pulumi: Iap.WebBackendServiceIamMember).</summary>
public sealed record IapAccessGrantItem(
    string Name, IReadOnlyList<string> DependsOn, SourceLocation Source, string Role, string Member, string Caller, string Target,
    string WebBackendService)
    : GrantItem(Name, DependsOn, Source, Role, Member, Caller, Target)
{
    [JsonIgnore] public override PlanItemKind Kind => PlanItemKind.IapAccessGrant;
}

/// <summary>
/// IAP with Identity Platform users on one backend (Pulumi: Iap.Settings, access settings' GCIP settings):
/// the sign-in page and the tenants; "_PROJECT_NUMBER" means the project's own providers.
/// </summary>
public sealed record IapSettingsItem(
    string Name, IReadOnlyList<string> DependsOn, SourceLocation Source,
    string ResourceName, string LoginPageUri, IReadOnlyList<string> TenantIds)
    : PlanItem(Name, DependsOn, Source)
{
    [JsonIgnore] public override PlanItemKind Kind => PlanItemKind.IapSettings;
}

/// <summary>A Google-managed certificate for one host (Pulumi: Compute.ManagedSslCertificate).</summary>
public sealed record ManagedCertificateItem(string Name, IReadOnlyList<string> DependsOn, SourceLocation Source, string CertificateName, IReadOnlyList<string> Domains)
    : PlanItem(Name, DependsOn, Source)
{
    [JsonIgnore] public override PlanItemKind Kind => PlanItemKind.ManagedCertificate;
}

/// <summary>The TLS policy of the HTTPS proxy (Pulumi: Compute.SSLPolicy).</summary>
public sealed record SslPolicyItem(string Name, IReadOnlyList<string> DependsOn, SourceLocation Source, string PolicyName, string MinTlsVersion, string Profile)
    : PlanItem(Name, DependsOn, Source)
{
    [JsonIgnore] public override PlanItemKind Kind => PlanItemKind.SslPolicy;
}

public sealed record HostRule(IReadOnlyList<string> Hosts, string PathMatcher);

public sealed record PathRule(IReadOnlyList<string> Paths, string Backend);

/// <summary>Routes for one host: its catch-all backend and the backends of its other paths.</summary>
public sealed record PathMatcher(string Name, string DefaultBackend, IReadOnlyList<PathRule> PathRules);

/// <summary>
/// A URL map (Pulumi: Compute.URLMap). The HTTPS map routes hosts and paths to backends and redirects
/// any other host to <see cref="DefaultRedirectHost"/>, so the bare address serves nothing; the HTTP map
/// only redirects to HTTPS, keeping the query. Google permits <see cref="HttpsRedirect"/> only on maps of
/// target HTTP proxies (URLMapDefaultUrlRedirectArgs: "Setting this true for TargetHttpsProxy is not
/// permitted"). Both redirect with 308 (PERMANENT_REDIRECT), which keeps the method: a POST stays a POST.
/// </summary>
public sealed record UrlMapItem(
    string Name, IReadOnlyList<string> DependsOn, SourceLocation Source,
    string MapName, IReadOnlyList<HostRule> HostRules, IReadOnlyList<PathMatcher> PathMatchers,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? DefaultRedirectHost,
    bool HttpsRedirect, bool StripQuery, string RedirectResponseCode)
    : PlanItem(Name, DependsOn, Source)
{
    /// <summary>308: the redirected request keeps its method and body (a 301 turns POST into GET in most clients).</summary>
    public const string PermanentRedirect = "PERMANENT_REDIRECT";

    [JsonIgnore] public override PlanItemKind Kind => PlanItemKind.UrlMap;
}

/// <summary>The HTTPS proxy: URL map, certificates (managed, or a Certificate Manager map) and TLS policy (Pulumi: Compute.TargetHttpsProxy).</summary>
public sealed record TargetHttpsProxyItem(
    string Name, IReadOnlyList<string> DependsOn, SourceLocation Source,
    string ProxyName, string UrlMap, IReadOnlyList<string> SslCertificates,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? CertificateMap,
    string SslPolicy)
    : PlanItem(Name, DependsOn, Source)
{
    [JsonIgnore] public override PlanItemKind Kind => PlanItemKind.TargetHttpsProxy;
}

/// <summary>The HTTP proxy, which only redirects to HTTPS (Pulumi: Compute.TargetHttpProxy).</summary>
public sealed record TargetHttpProxyItem(string Name, IReadOnlyList<string> DependsOn, SourceLocation Source, string ProxyName, string UrlMap)
    : PlanItem(Name, DependsOn, Source)
{
    [JsonIgnore] public override PlanItemKind Kind => PlanItemKind.TargetHttpProxy;
}

/// <summary>A forwarding rule on the shared address (Pulumi: Compute.GlobalForwardingRule).</summary>
public sealed record ForwardingRuleItem(
    string Name, IReadOnlyList<string> DependsOn, SourceLocation Source,
    string RuleName, string Target, string PortRange, string IpAddress, string LoadBalancingScheme, string IpProtocol)
    : PlanItem(Name, DependsOn, Source)
{
    [JsonIgnore] public override PlanItemKind Kind => PlanItemKind.ForwardingRule;
}

public sealed record BlockingTrigger(string EventType, string FunctionUri, string Function);

/// <summary>The project's Identity Platform settings (Pulumi: IdentityPlatform.Config). One per project; never deleted.</summary>
public sealed record IdentityPlatformConfigItem(
    string Name, IReadOnlyList<string> DependsOn, SourceLocation Source,
    bool EmailEnabled, bool PasswordRequired, bool PhoneNumberEnabled, bool AnonymousEnabled,
    IReadOnlyList<string> AuthorizedDomains, string MfaState, IReadOnlyList<string> MfaEnabledProviders,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? SignUpQuota,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? SignUpQuotaDuration,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? SignUpQuotaStart,
    IReadOnlyList<BlockingTrigger> BlockingTriggers,
    bool AllowTenants = false)
    : PlanItem(Name, DependsOn, Source)
{
    // AllowTenants: IAP with Identity Platform tenants needs a project that may have tenants (ConfigMultiTenantArgs.AllowTenants).
    [JsonIgnore] public override PlanItemKind Kind => PlanItemKind.IdentityPlatformConfig;
}

/// <summary>A built-in identity provider (Pulumi: IdentityPlatform.DefaultSupportedIdpConfig); the secret comes from Pulumi config.</summary>
public sealed record IdentityProviderConfigItem(
    string Name, IReadOnlyList<string> DependsOn, SourceLocation Source,
    string IdpId, string ClientId, string ClientSecretConfigKey, bool Enabled)
    : PlanItem(Name, DependsOn, Source)
{
    [JsonIgnore] public override PlanItemKind Kind => PlanItemKind.IdentityProviderConfig;
}
