using System.Net;
using System.Text.RegularExpressions;
using Callmap.Diagnostics;
using Callmap.Loading;
using Callmap.Model;
using Callmap.Planning;

namespace Callmap.Validation;

/// <summary>
/// The rules of the public edge: what makes a service public, how hosts and paths may be shared,
/// which Cloud Armor rules Google accepts, and which functions Identity Platform may call.
/// </summary>
public static partial class EdgeValidator
{
    /// <summary>A target HTTPS proxy takes at most 15 certificates; more hosts need a certificate map.</summary>
    public const int MaxManagedCertificates = 15;

    private static readonly string[] KnownIdps =
        ["google.com", "facebook.com", "apple.com", "github.com", "microsoft.com", "twitter.com", "yahoo.com", "playgames.google.com", "gc.apple.com"];

    public static void Validate(MapIndex index, DeclaredNames declared, DiagnosticBag d)
    {
        var map = index.Map;
        var blocking = (map.IdentityPlatform?.BlockingFunctions ?? []).Select(b => b.Function.Value).ToHashSet(StringComparer.Ordinal);
        var publicServices = map.Services.Where(s => s.Public is not null).ToList();
        foreach (var service in publicServices)
            Public(index, service, blocking, declared.ArmorPolicies, d);
        Hosts(map, publicServices, d);
        if (map.Edge is { } edge) Armor(edge, d);
        if (map.IdentityPlatform is { } identity) IdentityPlatform(index, identity, d);
    }

    private static void Public(MapIndex index, Workload w, IReadOnlySet<string> blocking, IReadOnlySet<string> declaredArmor, DiagnosticBag d)
    {
        var p = w.Public!;
        var map = index.Map;
        if (p.Hosts.Count == 0)
            d.Add(DiagnosticCodes.PublicExposure, p.At, $"'{w.Name}' is public but serves no host",
                "add the host names it answers on the load balancer: hosts: [api.acme.shop]");
        foreach (var host in p.Hosts.Where(h => !IsHostName(h.Value)))
            d.Add(DiagnosticCodes.InvalidName, host.At, $"'{host.Value}' is not a host name a managed certificate can cover",
                "write a lowercase DNS name without scheme, port, path or wildcard, e.g. api.acme.shop");
        foreach (var path in p.Paths.Where(x => !IsPathPattern(x.Value)))
            d.Add(DiagnosticCodes.InvalidValue, path.At, $"'{path.Value}' is not a load balancer path",
                "write /exact/path, or /prefix/* ('*' only at the end, after '/')");

        if (w.IsFunction && p.Auth.Value != EndUserAuth.Iap)
            d.Add(DiagnosticCodes.PublicExposure, p.Auth.At,
                $"function '{w.Name}' cannot serve end users with auth '{AuthWord(p.Auth.Value)}': functions cannot turn the invoker check off, so that would take an allUsers grant",
                "serve it from a Cloud Run service (run: { image: ... }), which can, or put it behind auth: iap");
        // Google documents IAP on serverless NEGs for Cloud Run (2nd gen functions are Cloud Run services).
        if (w.Kind == WorkloadKind.FunctionGen1 && p.Auth.Value == EndUserAuth.Iap)
            d.Add(DiagnosticCodes.UnsupportedTarget, p.Auth.At, $"IAP cannot front the 1st gen function '{w.Name}': Google supports IAP on serverless backends of Cloud Run",
                "make it a 2nd gen function (remove 'generation: 1'): it runs as a Cloud Run service, which IAP can front");
        if (p.Auth.Value == EndUserAuth.None && string.IsNullOrWhiteSpace(p.Reason))
            d.Add(DiagnosticCodes.PublicExposure, p.Auth.At, $"'{w.Name}' is open to anonymous users without a reason",
                "say why in one line, e.g. reason: \"Marketing pages; no user data\" (it is shown on every preview)");
        if (p.Iap is not null && p.Auth.Value != EndUserAuth.Iap)
            d.Add(DiagnosticCodes.PublicExposure, p.At, $"'{w.Name}' has IAP settings but auth '{AuthWord(p.Auth.Value)}'; a service has one auth mode",
                "use auth: iap with the iap block, or remove the iap block");
        if (p.Auth.Value == EndUserAuth.Iap) Iap(map, w, p, d);
        if (p.Armor is { } armor && !declaredArmor.Contains(armor.Value))
            d.Add(DiagnosticCodes.PublicExposure, armor.At, $"'{w.Name}' asks for the Cloud Armor policy '{armor.Value}', which edge.armor does not define",
                $"{Suggestions.DidYouMean(armor.Value, map.Edge?.Armor.Select(a => a.Name) ?? [])}define it under edge.armor, or remove 'armor' to use '{Edge.DefaultPolicy}'");
        else if (p.Armor is null && !declaredArmor.Contains(Edge.DefaultPolicy))
            d.Add(DiagnosticCodes.PublicExposure, p.At, $"'{w.Name}' is public, and every public backend needs Cloud Armor, but edge.armor has no '{Edge.DefaultPolicy}' policy",
                "add edge: { armor: { default: { defaultAction: allow, rateLimit: { requests: 300, seconds: 60 } } } }");
        if (blocking.Contains(w.Name))
            d.Add(DiagnosticCodes.PublicExposure, p.At, $"'{w.Name}' is an Identity Platform blocking function, which Identity Platform calls directly",
                "remove its public block: blocking functions are not served on the load balancer");
        if (w.Ingress is { Value: not Ingress.InternalAndLoadBalancer } written)
            d.Add(DiagnosticCodes.UnreachableIngress, written.At, $"'{w.Name}' is public, so only the load balancer may reach it",
                "remove the 'ingress' line; public services always get internal-and-load-balancer");

        foreach (var caller in index.CallersOf(w.Name))
        {
            if (p.Auth.Value != EndUserAuth.Iap)
                d.Add(DiagnosticCodes.PublicExposure, caller.At,
                    $"'{caller.Key}' is granted '{w.Name}', but '{w.Name}' has no IAM invoker check (auth '{AuthWord(p.Auth.Value)}'): the grant would mean nothing",
                    $"call it through the load balancer like any client and remove '{w.Name}' from this caller; for a private API, split it into a service that is not public");
            else if (!IngressDecision.ReachesInternalIngress(index, caller, w))
                d.Add(DiagnosticCodes.UnreachableIngress, caller.At,
                    $"'{caller.Key}' calls '{w.Name}' directly, but a public service accepts only the load balancer and internal traffic",
                    $"have '{caller.Key}' go through IAP at https://{p.Hosts.FirstOrDefault().Value ?? "HOST"}, or remove '{w.Name}' from this caller");
        }
    }

    private static void Iap(AccessMap map, Workload w, PublicExposure p, DiagnosticBag d)
    {
        var iap = p.Iap;
        if (iap is null || (iap.Identities == IapIdentities.Google && iap.Members.Count == 0))
        {
            d.Add(DiagnosticCodes.PublicExposure, p.Auth.At, $"'{w.Name}' uses IAP but names nobody it admits",
                "add iap: { members: [group:support@acme.shop] } (they get roles/iap.httpsResourceAccessor on this backend only)");
            return;
        }
        foreach (var member in iap.Members)
            Members.Parse(member.Value, member.At, Members.IapMember, d);
        if (iap.Identities == IapIdentities.IdentityPlatform)
        {
            if (iap.LoginPage is null || !Uri.TryCreate(iap.LoginPage, UriKind.Absolute, out var page) || page.Scheme != "https")
                d.Add(DiagnosticCodes.PublicExposure, p.Auth.At, $"'{w.Name}' admits Identity Platform users through IAP but has no https login page",
                    "add iap: { identities: identity-platform, loginPage: https://login.acme.shop } (the page that signs users in with Identity Platform)");
            if (map.IdentityPlatform is null)
                d.Add(DiagnosticCodes.PublicExposure, p.Auth.At, $"'{w.Name}' admits Identity Platform users, but the map configures no Identity Platform",
                    "add an identityPlatform section with the sign-in methods those users have");
        }
    }

    private static void Hosts(AccessMap map, IReadOnlyList<Workload> publicServices, DiagnosticBag d)
    {
        var routes = publicServices
            .SelectMany(s => s.Public!.Hosts.SelectMany(h => PathsOf(s.Public).Select(path => (Host: h.Value, Path: path, Service: s, h.At))))
            .GroupBy(r => r.Host, StringComparer.Ordinal);
        foreach (var host in routes)
        {
            foreach (var clash in host.GroupBy(r => r.Path).Where(g => g.Select(r => r.Service.Name).Distinct().Count() > 1))
            {
                var owners = clash.Select(r => r.Service.Name).Distinct().ToList();
                foreach (var route in clash.Where(r => r.Service.Name != owners[0]))
                    d.Add(DiagnosticCodes.HostConflict, route.At, $"'{host.Key}{clash.Key}' is served by both '{owners[0]}' and '{route.Service.Name}'",
                        $"give one of them other paths on {host.Key}, e.g. paths: [/admin/*]");
            }
            if (host.All(r => r.Path != "/*"))
            {
                var first = host.OrderBy(r => r.At).First();
                d.Add(DiagnosticCodes.HostConflict, first.At, $"no service answers the other paths of '{host.Key}'",
                    $"leave 'paths' out on one of its services ({Suggestions.List(host.Select(r => r.Service.Name).Distinct())}): it then serves /*");
            }
        }
        var hostCount = publicServices.SelectMany(s => s.Public!.Hosts.Select(h => h.Value)).Distinct().Count();
        if (map.Edge?.CertificateMap is null && hostCount > MaxManagedCertificates)
            d.Add(DiagnosticCodes.PublicExposure, publicServices[0].Public!.At,
                $"{hostCount} public hosts need {hostCount} certificates, more than the {MaxManagedCertificates} a load balancer proxy takes",
                "create a Certificate Manager map for the hosts and write edge: { certificateMap: NAME }");
    }

    private static void Armor(Edge edge, DiagnosticBag d)
    {
        foreach (var policy in edge.Armor)
        {
            if (!GcpNames.CreatedCaller.Accepts(policy.Name) || policy.Name.Length > 50)
                d.Add(DiagnosticCodes.InvalidName, policy.At, $"'{policy.Name}' cannot name a Cloud Armor policy",
                    "use at most 50 characters: lowercase letters, digits and '-', starting with a letter");
            foreach (var waf in policy.Waf.Where(w => !WafRuleSet().IsMatch(w.Value)))
                d.Add(DiagnosticCodes.ArmorRule, waf.At, $"'{waf.Value}' is not a preconfigured WAF rule set name",
                    "write NAME-vVERSION-stable or -canary, e.g. sqli-v33-stable (check 'gcloud compute security-policies list-preconfigured-expression-sets')");
            foreach (var range in policy.AllowRanges.Concat(policy.DenyRanges).Where(r => !IPNetwork.TryParse(r.Value, out _)))
                d.Add(DiagnosticCodes.ArmorRule, range.At, $"'{range.Value}' is not an IP range",
                    "write an address with its prefix length, e.g. 203.0.113.0/24 or 2001:db8::/32");
            foreach (var limit in policy.PathLimits.Where(l => !IsPathPattern(l.Path)))
                d.Add(DiagnosticCodes.ArmorRule, limit.Limit.At, $"'{limit.Path}' is not a path a rate limit can match",
                    "write /exact/path or /prefix/*");
        }
    }

    private static void IdentityPlatform(MapIndex index, IdentityPlatform identity, DiagnosticBag d)
    {
        foreach (var blocking in identity.BlockingFunctions)
        {
            var function = index.Service(blocking.Function.Value);
            if (function is null)
                d.Add(DiagnosticCodes.UnknownService, blocking.Function.At, $"the blocking function '{blocking.Function.Value}' is not a service of this map",
                    $"{Suggestions.DidYouMean(blocking.Function.Value, index.Map.Services.Where(s => s.IsFunction).Select(s => s.Name))}add it under services as a function");
            else if (!function.IsFunction)
                d.Add(DiagnosticCodes.UnsupportedTarget, blocking.Function.At, $"'{blocking.Function.Value}' is a Cloud Run service, and blocking functions must be functions",
                    $"deploy the {blocking.EventType} handler as a function: {blocking.Function.Value}: {{ function: {{ runtime: ..., entryPoint: ..., source: gs://... }} }}");
        }
        // localhost is Identity Platform's own default, for apps run on a developer's machine.
        foreach (var domain in identity.AuthorizedDomains.Where(x => x.Value != "localhost" && !IsHostName(x.Value)))
            d.Add(DiagnosticCodes.InvalidName, domain.At, $"'{domain.Value}' is not a domain", "write a domain such as acme.shop, without scheme or path");
        foreach (var provider in identity.Providers.Where(p => !KnownIdps.Contains(p.IdpId)))
            d.Add(DiagnosticCodes.InvalidName, provider.At, $"'{provider.IdpId}' is not a built-in identity provider",
                $"{Suggestions.DidYouMean(provider.IdpId, KnownIdps)}write one of: {string.Join(", ", KnownIdps)}");
    }

    /// <summary>The paths a public service serves: /* unless it lists some.</summary>
    public static IReadOnlyList<string> PathsOf(PublicExposure p) => p.Paths.Count == 0 ? ["/*"] : p.Paths.Select(x => x.Value).ToList();

    public static string AuthWord(EndUserAuth auth) => auth switch
    {
        EndUserAuth.InApp => "in-app",
        EndUserAuth.Iap => "iap",
        _ => "none",
    };

    private static bool IsHostName(string host) => host.Length <= 253 && HostName().IsMatch(host);

    private static bool IsPathPattern(string path) => PathPattern().IsMatch(path);

    [GeneratedRegex(@"^(?=.{1,253}$)([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")] private static partial Regex HostName();
    [GeneratedRegex(@"^/([^*\s?#]*/\*|[^*\s?#]*)$")] private static partial Regex PathPattern();
    [GeneratedRegex(@"^[a-z0-9]+(-[a-z0-9]+)*-v[0-9]+-(stable|canary)$")] private static partial Regex WafRuleSet();
}
