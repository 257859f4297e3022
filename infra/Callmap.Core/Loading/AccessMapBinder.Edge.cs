using System.Globalization;
using Callmap.Diagnostics;
using Callmap.Model;
using Callmap.Validation;
using Callmap.Yaml;

namespace Callmap.Loading;

/// <summary>The public edge: a service's <c>public:</c> block, the <c>edge:</c> section and <c>identityPlatform:</c>.</summary>
internal sealed partial class AccessMapBinder
{
    private readonly HashSet<string> _declaredArmorPolicies = new(StringComparer.Ordinal);

    /// <summary>Every policy name under edge.armor, also those with errors, so services that use them are not reported again.</summary>
    public IReadOnlySet<string> DeclaredArmorPolicies => _declaredArmorPolicies;

    private static readonly Dictionary<string, EndUserAuth> AuthWords = new()
    {
        ["in-app"] = EndUserAuth.InApp,
        ["iap"] = EndUserAuth.Iap,
        ["none"] = EndUserAuth.None,
    };

    private static readonly Dictionary<string, IapIdentities> IapIdentityWords = new()
    {
        ["google"] = IapIdentities.Google,
        ["identity-platform"] = IapIdentities.IdentityPlatform,
    };

    private static readonly Dictionary<string, string> MfaStates = new()
    {
        ["disabled"] = "DISABLED",
        ["enabled"] = "ENABLED",
        ["mandatory"] = "MANDATORY",
    };

    private static readonly Dictionary<string, string> MfaProviders = new() { ["phone-sms"] = "PHONE_SMS" };

    private static readonly Dictionary<string, string> BlockingEvents = new()
    {
        ["beforeCreate"] = "beforeCreate",
        ["beforeSignIn"] = "beforeSignIn",
    };

    private PublicExposure? Public(string service, YNode node)
    {
        const string example = "{ hosts: [api.acme.shop], auth: in-app }";
        if (Nodes.Mapping(node, $"services.{service}.public", d, example) is not { } body) return null;
        var r = new MappingReader(body, $"the public block of '{service}'", d, "hosts", "paths", "auth", "reason", "iap", "armor");
        var hostsNode = r.Required("hosts", "[api.acme.shop]");
        var hosts = hostsNode is not null ? TextList(hostsNode, $"services.{service}.public.hosts", "[api.acme.shop]") : [];
        var paths = r.Optional("paths") is { } p ? TextList(p, $"services.{service}.public.paths", "[/v1/*]") : [];
        var authNode = r.Required("auth", "in-app");
        var auth = authNode is not null ? Nodes.Choice(authNode, $"services.{service}.public.auth", AuthWords, d) : null;
        var reason = r.Optional("reason") is { } rs ? Nodes.Text(rs, $"services.{service}.public.reason", d, "\"Marketing pages, no user data\"") : null;
        var iap = r.Optional("iap") is { } i ? Iap(service, i) : null;
        var armor = r.Optional("armor") is { } a && Nodes.Text(a, $"services.{service}.public.armor", d, "strict") is { } armorName
            ? new Located<string>(armorName, a.At) : (Located<string>?)null;
        if (auth is null || hostsNode is null) return null;
        return new PublicExposure(body.At, hosts, paths, new Located<EndUserAuth>(auth.Value, authNode!.At), reason, iap, armor);
    }

    private IapSettings? Iap(string service, YNode node)
    {
        if (Nodes.Mapping(node, $"services.{service}.public.iap", d, "{ identities: google, members: [group:support@acme.shop] }") is not { } body) return null;
        var r = new MappingReader(body, $"the IAP settings of '{service}'", d, "identities", "members", "loginPage", "tenants");
        var identities = r.Optional("identities") is { } i ? Nodes.Choice(i, "iap.identities", IapIdentityWords, d) : IapIdentities.Google;
        // Stored as IAM compares them (e-mails without case), like caller keys; the validator checks the grammar.
        var members = r.Optional("members") is { } m
            ? TextList(m, "iap.members", "[group:support@acme.shop]").Select(x => x with { Value = Members.Normalise(x.Value) }).ToList()
            : [];
        var loginPage = r.Optional("loginPage") is { } l ? Nodes.Text(l, "iap.loginPage", d, "https://login.acme.shop") : null;
        var tenants = r.Optional("tenants") is { } t ? TextList(t, "iap.tenants", "[customers-x1y2z]").Select(x => x.Value).ToList() : [];
        return identities is null ? null : new IapSettings(identities.Value, members, loginPage, tenants);
    }

    private Edge? Edge(YNode node)
    {
        if (Nodes.Mapping(node, "edge", d, "{ armor: { default: { defaultAction: allow } } }") is not { } body) return null;
        var r = new MappingReader(body, "the edge section", d, "certificateMap", "armor");
        var certificateMap = r.Optional("certificateMap") is { } c ? Nodes.Text(c, "edge.certificateMap", d, "acme-shop-certs") : null;
        var policies = new List<ArmorPolicy>();
        if (r.Optional("armor") is { } a && Nodes.Mapping(a, "edge.armor", d, "{ default: { defaultAction: allow } }") is { } armor)
            foreach (var entry in armor.Entries)
            {
                _declaredArmorPolicies.Add(entry.Key.Value);
                if (ArmorPolicy(entry.Key, entry.Value) is { } policy)
                    policies.Add(policy);
            }
        return new Edge(body.At, certificateMap, policies);
    }

    private ArmorPolicy? ArmorPolicy(YScalar name, YNode node)
    {
        var what = $"edge.armor.{name.Value}";
        if (Nodes.Mapping(node, what, d, "{ defaultAction: allow, rateLimit: { requests: 100, seconds: 60 } }") is not { } body) return null;
        var r = new MappingReader(body, $"the Cloud Armor policy '{name.Value}'", d,
            "defaultAction", "rateLimit", "paths", "waf", "wafSensitivity", "adaptiveProtection", "allow", "deny");
        var defaultNode = r.Required("defaultAction", "allow");
        var defaultAction = defaultNode is not null ? DefaultAction(defaultNode, what) : null;
        var rateLimit = r.Optional("rateLimit") is { } rl ? RateLimit(rl, $"{what}.rateLimit") : null;
        var pathLimits = new List<PathRateLimit>();
        if (r.Optional("paths") is { } p && Nodes.Mapping(p, $"{what}.paths", d, "{ /login: { requests: 10, seconds: 60 } }") is { } paths)
            foreach (var entry in paths.Entries)
                if (RateLimit(entry.Value, $"{what}.paths.{entry.Key.Value}") is { } limit)
                    pathLimits.Add(new PathRateLimit(entry.Key.Value, limit with { At = entry.Key.At }));
        var waf = r.Optional("waf") is { } w ? TextList(w, $"{what}.waf", "[sqli-v33-stable, xss-v33-stable]") : [];
        var sensitivity = r.Optional("wafSensitivity") is { } s ? Nodes.Int(s, $"{what}.wafSensitivity", 1, 4, d) : 1;
        var adaptive = r.Optional("adaptiveProtection") is { } ap ? Nodes.Bool(ap, $"{what}.adaptiveProtection", d) : false;
        var allow = r.Optional("allow") is { } al ? TextList(al, $"{what}.allow", "[203.0.113.0/24]") : [];
        var deny = r.Optional("deny") is { } dn ? TextList(dn, $"{what}.deny", "[198.51.100.0/24]") : [];
        if (defaultAction is null || sensitivity is null || adaptive is null) return null;
        return new ArmorPolicy(name.Value, name.At, defaultAction.Value, rateLimit, pathLimits, waf, sensitivity.Value, adaptive.Value, allow, deny);
    }

    private Located<ArmorDefaultAction>? DefaultAction(YNode node, string what)
    {
        if (Nodes.Text(node, $"{what}.defaultAction", d, "allow") is not { } text) return null;
        if (text == "allow") return new Located<ArmorDefaultAction>(new ArmorDefaultAction(true, 0), node.At);
        if (text.StartsWith("deny(", StringComparison.Ordinal) && text.EndsWith(')')
            && int.TryParse(text[5..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var status))
        {
            if (status is 403 or 404 or 502) return new Located<ArmorDefaultAction>(new ArmorDefaultAction(false, status), node.At);
            d.Add(DiagnosticCodes.ArmorRule, node.At, $"Cloud Armor cannot deny with {status} here"
                + (status == 429 ? ": 429 is only the answer to a client over a rate limit" : ""),
                "write deny(403), deny(404) or deny(502); rate limits answer 429 on their own");
            return null;
        }
        d.Add(DiagnosticCodes.InvalidValue, node.At, $"'{text}' is not a Cloud Armor default action", "write allow, deny(403), deny(404) or deny(502)");
        return null;
    }

    private RateLimit? RateLimit(YNode node, string what)
    {
        if (Nodes.Mapping(node, what, d, "{ requests: 100, seconds: 60 }") is not { } body) return null;
        var r = new MappingReader(body, what, d, "requests", "seconds", "key", "banSeconds");
        var requests = r.Required("requests", "100") is { } q ? Nodes.Int(q, $"{what}.requests", 1, 1_000_000, d) : null;
        var secondsNode = r.Required("seconds", "60");
        var seconds = secondsNode is not null ? Nodes.Int(secondsNode, $"{what}.seconds", 1, 3600, d) : null;
        if (seconds is not null && !ArmorLimits.Intervals.Contains(seconds.Value))
        {
            d.Add(DiagnosticCodes.ArmorRule, secondsNode!.At, $"Cloud Armor does not count over {seconds} seconds",
                $"write one of: {string.Join(", ", ArmorLimits.Intervals)}");
            seconds = null;
        }
        var (key, keyName) = r.Optional("key") is { } k ? RateLimitKeyOf(k, what) : (Model.RateLimitKey.Ip, null);
        var banNode = r.Optional("banSeconds");
        var ban = banNode is not null ? Nodes.Int(banNode, $"{what}.banSeconds", 1, 86_400, d) : null;
        if (ban is not null && !ArmorLimits.BanDurations.Contains(ban.Value))
        {
            d.Add(DiagnosticCodes.ArmorRule, banNode!.At, $"Cloud Armor cannot ban for {ban} seconds",
                $"write one of: {string.Join(", ", ArmorLimits.BanDurations)}");
            return null;
        }
        return requests is null || seconds is null || key is null ? null
            : new RateLimit(body.At, requests.Value, seconds.Value, key.Value, keyName, ban);
    }

    private (RateLimitKey?, string?) RateLimitKeyOf(YNode node, string what)
    {
        if (Nodes.Text(node, $"{what}.key", d, "ip") is not { } text) return (null, null);
        if (text.StartsWith("header:", StringComparison.Ordinal) && text.Length > "header:".Length)
            return (Model.RateLimitKey.Header, text["header:".Length..]);
        RateLimitKey? key = text switch
        {
            "ip" => Model.RateLimitKey.Ip,
            "xff-ip" => Model.RateLimitKey.XffIp,
            "all" => Model.RateLimitKey.All,
            "path" => Model.RateLimitKey.Path,
            _ => null,
        };
        if (key is null)
            d.Add(DiagnosticCodes.InvalidValue, node.At, $"'{text}' is not a rate-limit key",
                $"{Suggestions.DidYouMean(text, ["ip", "xff-ip", "all", "path"])}write ip, xff-ip, all, path or header:NAME");
        return (key, null);
    }

    private IdentityPlatform? IdentityPlatform(YNode node)
    {
        if (Nodes.Mapping(node, "identityPlatform", d, "{ signIn: { email: true } }") is not { } body) return null;
        var r = new MappingReader(body, "the identityPlatform section", d,
            "signIn", "providers", "authorizedDomains", "mfa", "signUpQuota", "blockingFunctions");

        bool email = false, password = false, phone = false, anonymous = false;
        if (r.Optional("signIn") is { } s && Nodes.Mapping(s, "identityPlatform.signIn", d, "{ email: true, phone: false, anonymous: false }") is { } signIn)
        {
            var si = new MappingReader(signIn, "identityPlatform.signIn", d, "email", "phone", "anonymous");
            if (si.Optional("email") is { } e)
            {
                if (e is YMapping emailBody)
                {
                    var em = new MappingReader(emailBody, "identityPlatform.signIn.email", d, "password");
                    email = true;
                    password = em.Optional("password") is not { } pw || (Nodes.Bool(pw, "identityPlatform.signIn.email.password", d) ?? true);
                }
                else email = password = Nodes.Bool(e, "identityPlatform.signIn.email", d) ?? false;
            }
            phone = si.Optional("phone") is { } ph && (Nodes.Bool(ph, "identityPlatform.signIn.phone", d) ?? false);
            anonymous = si.Optional("anonymous") is { } an && (Nodes.Bool(an, "identityPlatform.signIn.anonymous", d) ?? false);
        }

        var providers = new List<IdentityProvider>();
        if (r.Optional("providers") is { } p && Nodes.Mapping(p, "identityPlatform.providers", d, "{ google.com: { clientId: ..., clientSecret: { config: googleClientSecret } } }") is { } pm)
            foreach (var entry in pm.Entries)
                if (Provider(entry) is { } provider)
                    providers.Add(provider);

        var domains = r.Optional("authorizedDomains") is { } ad ? TextList(ad, "identityPlatform.authorizedDomains", "[acme.shop]") : [];
        string mfaState = "DISABLED";
        var mfaProviders = new List<string>();
        if (r.Optional("mfa") is { } m && Nodes.Mapping(m, "identityPlatform.mfa", d, "{ state: enabled, providers: [phone-sms] }") is { } mfa)
        {
            var mr = new MappingReader(mfa, "identityPlatform.mfa", d, "state", "providers");
            if (mr.Required("state", "enabled") is { } st && Nodes.Word(st, "identityPlatform.mfa.state", MfaStates, d) is { } state) mfaState = state;
            if (mr.Optional("providers") is { } pr && Nodes.Sequence(pr, "identityPlatform.mfa.providers", d, "[phone-sms]") is { } list)
                foreach (var item in list.Items)
                    if (Nodes.Word(item, "identityPlatform.mfa.providers[]", MfaProviders, d) is { } provider)
                        mfaProviders.Add(provider);
        }

        SignUpQuota? quota = null;
        const string quotaExample = "{ count: 500, seconds: 86400, start: 2026-12-01T09:00:00Z }";
        if (r.Optional("signUpQuota") is { } q && Nodes.Mapping(q, "identityPlatform.signUpQuota", d, quotaExample) is { } qm)
        {
            // Identity Platform's sign-up quota is a temporary override from a start time for a duration, and
            // Google requires all three (ConfigQuotaArgs, ConfigQuotaSignUpQuotaConfigArgs: quota 1 to 1000).
            var qr = new MappingReader(qm, "identityPlatform.signUpQuota", d, "count", "seconds", "start");
            var count = qr.Required("count", "500") is { } c ? Nodes.Int(c, "identityPlatform.signUpQuota.count", 1, 1000, d) : null;
            var seconds = qr.Required("seconds", "86400") is { } sec ? Nodes.Int(sec, "identityPlatform.signUpQuota.seconds", 60, 604_800, d) : null;
            DateTimeOffset? start = null;
            var startNode = qr.Optional("start");
            if (startNode is null)
                d.Add(DiagnosticCodes.MissingKey, qm.At, "identityPlatform.signUpQuota has no 'start': it is a temporary override of the sign-up quota, from 'start' for 'seconds', not a lasting rate",
                    "add 'start: 2026-12-01T09:00:00Z' (UTC) for a dated override (a launch, a campaign), or remove signUpQuota and limit sign-ups with a Cloud Armor path limit: edge.armor.default.paths: { /v1/signup: { requests: 5, seconds: 60 } }");
            else if (Nodes.Text(startNode, "identityPlatform.signUpQuota.start", d, "2026-12-01T09:00:00Z") is { } text)
            {
                if (DateTimeOffset.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture,
                        System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal, out var parsed))
                    start = parsed;
                else
                    d.Add(DiagnosticCodes.InvalidValue, startNode.At, $"'{text}' is not a UTC time", "write when the override begins as YYYY-MM-DDTHH:MM:SSZ, e.g. 2026-12-01T09:00:00Z");
            }
            if (count is not null && seconds is not null && start is not null) quota = new SignUpQuota(count.Value, seconds.Value, start.Value);
        }

        var blocking = new List<BlockingFunction>();
        if (r.Optional("blockingFunctions") is { } b && Nodes.Mapping(b, "identityPlatform.blockingFunctions", d, "{ beforeCreate: screen-signups }") is { } bm)
            foreach (var entry in bm.Entries)
            {
                if (!BlockingEvents.TryGetValue(entry.Key.Value, out var eventType))
                {
                    d.Add(DiagnosticCodes.UnknownKey, entry.Key.At, $"'{entry.Key.Value}' is not a blocking function event",
                        $"{Suggestions.DidYouMean(entry.Key.Value, BlockingEvents.Keys)}write beforeCreate or beforeSignIn");
                    continue;
                }
                if (Nodes.Text(entry.Value, $"identityPlatform.blockingFunctions.{entry.Key.Value}", d, "screen-signups") is { } function)
                    blocking.Add(new BlockingFunction(eventType, new Located<string>(function, entry.Value.At)));
            }

        return new IdentityPlatform(body.At, email, password, phone, anonymous, providers, domains, mfaState, mfaProviders, quota, blocking);
    }

    private IdentityProvider? Provider(YEntry entry)
    {
        var what = $"identityPlatform.providers.{entry.Key.Value}";
        if (Nodes.Mapping(entry.Value, what, d, "{ clientId: 123.apps.googleusercontent.com, clientSecret: { config: googleClientSecret } }") is not { } body) return null;
        var r = new MappingReader(body, what, d, "clientId", "clientSecret");
        var clientId = r.Required("clientId", "123.apps.googleusercontent.com") is { } c ? Nodes.Text(c, $"{what}.clientId", d, "123.apps.googleusercontent.com") : null;
        string? secretKey = null;
        if (r.Required("clientSecret", "{ config: googleClientSecret }") is { } s)
        {
            if (s is YMapping sm && new MappingReader(sm, $"{what}.clientSecret", d, "config").Optional("config") is { } k)
                secretKey = Nodes.Text(k, $"{what}.clientSecret.config", d, "googleClientSecret");
            else
                d.Add(DiagnosticCodes.LiteralSecret, s.At, $"the client secret of {entry.Key.Value} must be a Pulumi config secret",
                    $"run 'pulumi config set --secret googleClientSecret ...' and write clientSecret: {{ config: googleClientSecret }}");
        }
        return clientId is null || secretKey is null ? null : new IdentityProvider(entry.Key.Value, entry.Key.At, clientId, secretKey);
    }

    private List<Located<string>> TextList(YNode node, string what, string example)
    {
        var result = new List<Located<string>>();
        if (Nodes.Sequence(node, what, d, example) is not { } list) return result;
        foreach (var item in list.Items)
            if (Nodes.Text(item, $"{what}[]", d, example.Trim('[', ']').Split(',')[0]) is { } text)
                result.Add(new Located<string>(text, item.At));
        return result;
    }
}
