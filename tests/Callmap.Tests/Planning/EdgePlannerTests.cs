using Callmap.Planning;
using Callmap.Tests.Support;

namespace Callmap.Tests.Planning;

public class EdgePlannerTests
{
    private const string Armor = """
        edge:
          armor:
            default:
              defaultAction: allow
              rateLimit: { requests: 300, seconds: 60 }
              paths: { /v1/login: { requests: 10, seconds: 60, banSeconds: 600 }, /v1/*: { requests: 100, seconds: 60, key: "header:X-Api-Key" } }
              waf: [sqli-v33-stable, xss-v33-stable]
              adaptiveProtection: true
              allow: [203.0.113.0/24]
              deny: [10.0.0.0/24, 10.0.1.0/24, 10.0.2.0/24, 10.0.3.0/24, 10.0.4.0/24, 10.0.5.0/24, 10.0.6.0/24, 10.0.7.0/24, 10.0.8.0/24, 10.0.9.0/24, 10.0.10.0/24]

        """;

    private static readonly Plan Shop = Maps.Plan(Maps.Header + Armor + """
        identityPlatform:
          signIn: { email: true }
          authorizedDomains: [acme.shop]
          mfa: { state: enabled }
          signUpQuota: { count: 100, seconds: 3600, start: 2026-12-01T09:00:00Z }
          blockingFunctions: { beforeCreate: screen }
        services:
          api:
            run: { image: europe-west1-docker.pkg.dev/p/apps/api:1 }
            public: { hosts: [api.acme.shop], auth: in-app }
          api-admin:
            run: { image: europe-west1-docker.pkg.dev/p/apps/admin:1 }
            public: { hosts: [api.acme.shop], paths: [/admin/*], auth: iap, iap: { members: [group:support@acme.shop] } }
          portal:
            function: { runtime: nodejs22, entryPoint: portal, source: gs://src/portal.zip }
            public: { hosts: [portal.acme.shop], auth: iap, iap: { identities: identity-platform, loginPage: https://login.acme.shop } }
          landing:
            run: { image: europe-west1-docker.pkg.dev/p/apps/landing:1 }
            public: { hosts: [www.acme.shop], auth: none, reason: "Marketing pages; no user data" }
          orders: { run: { image: europe-west1-docker.pkg.dev/p/apps/orders:1 } }
          screen: { function: { runtime: nodejs22, entryPoint: beforeCreate, source: gs://src/screen.zip } }
        callers:
          api: [orders]
        """);

    [Fact]
    public void An_in_app_service_turns_the_invoker_check_off_instead_of_granting_all_users_and_accepts_only_the_load_balancer()
    {
        var api = Assert.IsType<RunServiceItem>(Shop["run/api"]);

        Assert.True(api.InvokerIamDisabled);
        Assert.Equal("INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER", api.Ingress);
        Assert.DoesNotContain(Shop.OfType<GrantItem>(), g => g.Target == "api");
        var env = api.Env.ToDictionary(e => e.Name, e => e.Value);
        Assert.Equal("https://securetoken.google.com/acme-shop-test", env["END_USER_TOKEN_ISSUER"]);
        Assert.Equal("acme-shop-test", env["END_USER_TOKEN_AUDIENCE"]);
        Assert.Equal("edge/armor/default", ((BackendServiceItem)Shop["edge/backend/api"]).SecurityPolicy);
    }

    [Fact]
    public void An_iap_service_keeps_the_invoker_check_grants_it_to_iaps_service_agent_and_admits_only_the_listed_members()
    {
        var admin = Assert.IsType<RunServiceItem>(Shop["run/api-admin"]);
        Assert.False(admin.InvokerIamDisabled);
        Assert.Equal("INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER", admin.Ingress);

        var agent = Assert.IsType<RunInvokerGrantItem>(Shop["iap/invoker/api-admin"]);
        Assert.Equal("serviceAccount:service-123456789012@gcp-sa-iap.iam.gserviceaccount.com", agent.Member);
        Assert.Equal("roles/run.servicesInvoker", agent.Role);
        var access = Assert.Single(Shop.OfType<IapAccessGrantItem>(), g => g.Target == "api-admin");
        Assert.Equal(("group:support@acme.shop", "roles/iap.httpsResourceAccessor", "api-admin-backend"), (access.Member, access.Role, access.WebBackendService));
        Assert.True(((BackendServiceItem)Shop["edge/backend/api-admin"]).IapEnabled);
    }

    [Fact]
    public void Iap_for_identity_platform_users_names_the_login_page_and_the_projects_own_providers()
    {
        var settings = Assert.IsType<IapSettingsItem>(Shop["iap/settings/portal"]);

        Assert.Equal("https://login.acme.shop", settings.LoginPageUri);
        Assert.Equal(["_123456789012"], settings.TenantIds);
        Assert.Equal("projects/123456789012/iap_web/compute/services/portal-backend", settings.ResourceName);
        Assert.Equal("ALLOW_INTERNAL_AND_GCLB", ((WorkloadItem)Shop["functions/portal"]).Ingress);
        Assert.Equal("portal", ((ServerlessNegItem)Shop["edge/neg/portal"]).CloudRunService);
    }

    [Fact]
    public void The_load_balancer_is_one_external_managed_chain_with_tls_1_2_and_an_http_redirect_on_the_same_address()
    {
        Assert.Equal("EXTERNAL_MANAGED", ((BackendServiceItem)Shop["edge/backend/api"]).LoadBalancingScheme);
        Assert.Equal(("TLS_1_2", "MODERN"), (((SslPolicyItem)Shop["edge/tls"]).MinTlsVersion, ((SslPolicyItem)Shop["edge/tls"]).Profile));
        var https = (ForwardingRuleItem)Shop["edge/https"];
        var http = (ForwardingRuleItem)Shop["edge/http"];
        Assert.Equal(("443", "80"), (https.PortRange, http.PortRange));
        Assert.Equal(https.IpAddress, http.IpAddress);
        Assert.Single(Shop.OfType<GlobalAddressItem>());
        var redirect = (UrlMapItem)Shop[((TargetHttpProxyItem)Shop["edge/http-proxy"]).UrlMap];
        Assert.True(redirect.HttpsRedirect);
        Assert.False(redirect.StripQuery);
        Assert.Empty(redirect.HostRules);
        Assert.Equal(["edge/cert/api.acme.shop", "edge/cert/portal.acme.shop", "edge/cert/www.acme.shop"],
            ((TargetHttpsProxyItem)Shop["edge/https-proxy"]).SslCertificates);
    }

    [Fact]
    public void The_url_map_routes_each_host_and_path_and_redirects_any_other_host_instead_of_serving_it()
    {
        var map = (UrlMapItem)Shop["edge/url-map"];

        Assert.Equal("api.acme.shop", map.DefaultRedirectHost);
        Assert.Equal(["api.acme.shop", "portal.acme.shop", "www.acme.shop"], map.HostRules.Select(h => h.Hosts.Single()));
        var api = map.PathMatchers.Single(m => m.Name == map.HostRules[0].PathMatcher);
        Assert.Equal("edge/backend/api", api.DefaultBackend);
        var rule = Assert.Single(api.PathRules);
        Assert.Equal(["/admin/*"], rule.Paths);
        Assert.Equal("edge/backend/api-admin", rule.Backend);
    }

    [Fact]
    public void Cloud_armor_rules_deny_then_allow_then_waf_then_path_limits_then_the_global_limit_then_the_explicit_default()
    {
        var policy = (SecurityPolicyItem)Shop["edge/armor/default"];
        var rules = policy.Rules;

        Assert.Equal(rules.Select(r => r.Priority).Order(), rules.Select(r => r.Priority));
        Assert.Equal(rules.Count, rules.Select(r => r.Priority).Distinct().Count());
        Assert.Equal([1000, 1001, 2000, 3000, 3001, 4000, 4001, 5000, int.MaxValue], rules.Select(r => r.Priority));
        Assert.All(rules.Where(r => r.SrcIpRanges is not null), r => Assert.True(r.SrcIpRanges!.Count <= 10));
        Assert.Equal(11, rules.Where(r => r.Priority < 2000).Sum(r => r.SrcIpRanges!.Count));
        Assert.Equal("allow", rules[^1].Action);
        Assert.Equal(["*"], rules[^1].SrcIpRanges!);
        Assert.Equal("evaluatePreconfiguredWaf('sqli-v33-stable', {'sensitivity': 1})", rules[3].Expression);
        // The exact login path before the /v1/* prefix that covers it: the first match under its limit ends evaluation.
        Assert.Equal(("rate_based_ban", "request.path == '/v1/login'", 600), (rules[5].Action, rules[5].Expression, rules[5].RateLimit!.BanDurationSec));
        Assert.Equal(("throttle", "request.path.startsWith('/v1/')", "HTTP_HEADER", "X-Api-Key"),
            (rules[6].Action, rules[6].Expression, rules[6].RateLimit!.EnforceOnKey, rules[6].RateLimit!.EnforceOnKeyName));
        Assert.All(rules.Where(r => r.RateLimit is not null), r => Assert.Equal(("allow", "deny(429)"), (r.RateLimit!.ConformAction, r.RateLimit.ExceedAction)));
        Assert.DoesNotContain(rules, r => r.Action == "deny(429)");
        Assert.True(policy.AdaptiveProtection);
    }

    [Fact]
    public void A_blocking_function_is_the_one_all_users_invoker_and_identity_platform_calls_its_url()
    {
        var publicGrants = Shop.OfType<GrantItem>().Where(g => g.Member is "allUsers" or "allAuthenticatedUsers").ToList();

        var grant = Assert.Single(publicGrants);
        Assert.Equal(("identity-platform", "screen"), (grant.Caller, grant.Target));
        Assert.Equal("ALLOW_ALL", ((WorkloadItem)Shop["functions/screen"]).Ingress);
        var config = (IdentityPlatformConfigItem)Shop["identity-platform/config"];
        var trigger = Assert.Single(config.BlockingTriggers);
        Assert.Equal(("beforeCreate", "https://screen-123456789012.europe-west1.run.app"), (trigger.EventType, trigger.FunctionUri));
        Assert.Equal(["screen"], Shop.PublicSurface.BlockingFunctions);
    }

    [Fact]
    public void Identity_platform_authorizes_the_public_hosts_of_its_users_and_defaults_mfa_to_sms()
    {
        var config = (IdentityPlatformConfigItem)Shop["identity-platform/config"];

        Assert.Equal(["acme.shop", "api.acme.shop", "portal.acme.shop"], config.AuthorizedDomains);
        Assert.Equal("ENABLED", config.MfaState);
        Assert.Equal(["PHONE_SMS"], config.MfaEnabledProviders);
        Assert.Equal((100, "3600s", "2026-12-01T09:00:00Z"), (config.SignUpQuota, config.SignUpQuotaDuration, config.SignUpQuotaStart));
        Assert.Contains("apis/identitytoolkit.googleapis.com", config.DependsOn);
    }

    [Fact]
    public void The_public_surface_lists_every_route_with_its_auth_and_armor_and_the_reason_for_anonymous_ones()
    {
        Assert.Equal([
            ("api.acme.shop", "/*", "api", "in-app", null),
            ("api.acme.shop", "/admin/*", "api-admin", "iap", null),
            ("portal.acme.shop", "/*", "portal", "iap", null),
            ("www.acme.shop", "/*", "landing", "none", "Marketing pages; no user data"),
        ], Shop.PublicSurface.Routes.Select(r => (r.Host, r.Path, r.Workload, r.Auth, r.Reason)));
        Assert.Equal(["api", "api-admin", "landing", "portal", "screen"], Shop.Matrix.EndUsers.Select(e => e.Service));
    }

    [Fact]
    public void Internal_services_keep_their_ingress_and_nothing_of_the_edge_exists_when_nothing_is_public()
    {
        Assert.Equal("INGRESS_TRAFFIC_ALL", ((WorkloadItem)Shop["run/orders"]).Ingress);
        Assert.False(((RunServiceItem)Shop["run/orders"]).InvokerIamDisabled);

        var privateOnly = Maps.Plan(Maps.Header + Armor + "services:\n  orders: { run: { image: europe-west1-docker.pkg.dev/p/apps/orders:1 } }\n");
        Assert.True(privateOnly.PublicSurface.IsEmpty);
        Assert.DoesNotContain(privateOnly.Items, i => i.Name.StartsWith("edge/", StringComparison.Ordinal) || i.Name == "apis/compute.googleapis.com");
    }
}
