using Callmap.Planning;
using Pulumi;
using Gcp = Pulumi.Gcp;
using Compute = Pulumi.Gcp.Compute.Inputs;

namespace Callmap.Deploy;

/// <summary>
/// The global external Application Load Balancer. References between its parts (NEG → backend → URL
/// map → proxy → rule) are the ids of the resources the plan names; each is also in the plan's DependsOn.
/// </summary>
internal static class LoadBalancer
{
    public static CustomResource Address(GlobalAddressItem item, Declared d) =>
        new Gcp.Compute.GlobalAddress(item.Name, new Gcp.Compute.GlobalAddressArgs
        {
            Name = item.AddressName,
            IpVersion = item.IpVersion,
        }, d.Options(item));

    public static CustomResource Neg(ServerlessNegItem item, Declared d) =>
        new Gcp.Compute.RegionNetworkEndpointGroup(item.Name, new Gcp.Compute.RegionNetworkEndpointGroupArgs
        {
            Name = item.NegName,
            Region = item.Region,
            NetworkEndpointType = item.NetworkEndpointType,
            CloudRun = Inputs.Optional(item.CloudRunService is { } service ? new Compute.RegionNetworkEndpointGroupCloudRunArgs { Service = service } : null),
            CloudFunction = Inputs.Optional(item.CloudFunction is { } function ? new Compute.RegionNetworkEndpointGroupCloudFunctionArgs { Function = function } : null),
        }, d.Options(item));

    public static CustomResource Backend(BackendServiceItem item, Declared d) =>
        new Gcp.Compute.BackendService(item.Name, new Gcp.Compute.BackendServiceArgs
        {
            Name = item.BackendName,
            LoadBalancingScheme = item.LoadBalancingScheme,
            Protocol = item.Protocol,
            Backends = { new Compute.BackendServiceBackendArgs { Group = d.Id(item.Neg) } },
            SecurityPolicy = d.Id(item.SecurityPolicy),
            // Always stated: an absent block would leave IAP as it was when a service stops using it.
            Iap = new Compute.BackendServiceIapArgs { Enabled = item.IapEnabled },
        }, d.Options(item));

    public static CustomResource Certificate(ManagedCertificateItem item, Declared d) =>
        new Gcp.Compute.ManagedSslCertificate(item.Name, new Gcp.Compute.ManagedSslCertificateArgs
        {
            Name = item.CertificateName,
            Managed = new Compute.ManagedSslCertificateManagedArgs { Domains = item.Domains.ToList() },
        }, d.Options(item));

    public static CustomResource TlsPolicy(SslPolicyItem item, Declared d) =>
        new Gcp.Compute.SSLPolicy(item.Name, new Gcp.Compute.SSLPolicyArgs
        {
            Name = item.PolicyName,
            MinTlsVersion = item.MinTlsVersion,
            Profile = item.Profile,
        }, d.Options(item));

    /// <summary>Both URL maps: routes to backends (HTTPS), and a default redirect for everything else (to the first host, or to HTTPS).</summary>
    public static CustomResource UrlMap(UrlMapItem item, Declared d) =>
        new Gcp.Compute.URLMap(item.Name, new Gcp.Compute.URLMapArgs
        {
            Name = item.MapName,
            HostRules = item.HostRules.Select(h => new Compute.URLMapHostRuleArgs { Hosts = h.Hosts.ToList(), PathMatcher = h.PathMatcher }).ToList(),
            PathMatchers = item.PathMatchers.Select(m => new Compute.URLMapPathMatcherArgs
            {
                Name = m.Name,
                DefaultService = d.Id(m.DefaultBackend),
                PathRules = m.PathRules.Select(r => new Compute.URLMapPathMatcherPathRuleArgs { Paths = r.Paths.ToList(), Service = d.Id(r.Backend) }).ToList(),
            }).ToList(),
            DefaultUrlRedirect = new Compute.URLMapDefaultUrlRedirectArgs
            {
                HostRedirect = Inputs.Optional(item.DefaultRedirectHost),
                HttpsRedirect = item.HttpsRedirect,
                StripQuery = item.StripQuery,
                RedirectResponseCode = item.RedirectResponseCode,
            },
        }, d.Options(item));

    public static CustomResource HttpsProxy(TargetHttpsProxyItem item, Declared d) =>
        new Gcp.Compute.TargetHttpsProxy(item.Name, new Gcp.Compute.TargetHttpsProxyArgs
        {
            Name = item.ProxyName,
            UrlMap = d.Id(item.UrlMap),
            SslCertificates = item.SslCertificates.Select(d.Id).ToList(),
            CertificateMap = Inputs.Optional(item.CertificateMap),
            SslPolicy = d.Id(item.SslPolicy),
        }, d.Options(item));

    public static CustomResource HttpProxy(TargetHttpProxyItem item, Declared d) =>
        new Gcp.Compute.TargetHttpProxy(item.Name, new Gcp.Compute.TargetHttpProxyArgs
        {
            Name = item.ProxyName,
            UrlMap = d.Id(item.UrlMap),
        }, d.Options(item));

    public static CustomResource ForwardingRule(ForwardingRuleItem item, Declared d) =>
        new Gcp.Compute.GlobalForwardingRule(item.Name, new Gcp.Compute.GlobalForwardingRuleArgs
        {
            Name = item.RuleName,
            Target = d.Id(item.Target),
            PortRange = item.PortRange,
            IpAddress = d.Get<Gcp.Compute.GlobalAddress>(item.IpAddress).Address,
            LoadBalancingScheme = item.LoadBalancingScheme,
            IpProtocol = item.IpProtocol,
        }, d.Options(item));
}
