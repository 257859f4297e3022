using System.Net;
using System.Text.RegularExpressions;
using Callmap.Planning;

using Callmap.Tests.Support;

namespace Callmap.Tests.Planning;

/// <summary>
/// Cloud Armor's documented evaluation, applied to the planned rules: "Cloud Armor performs the action of
/// the highest priority rule that matches a request" (lowest number first), and a throttle or
/// rate_based_ban rule answers its conformAction ("allow", the only one Google offers) to a client under
/// its limit (cloud.google.com/armor/docs/rules-language-reference, /armor/docs/rate-limiting-overview).
/// For a well-behaved client (under every limit, tripping no WAF rule) the policy must then admit
/// exactly what its allow and deny lists and its default action say: a rate limit may only ever narrow.
/// </summary>
public partial class ArmorEvaluationTests
{
    private const string Edge = """
        edge:
          armor:
            offices:
              defaultAction: deny(403)
              allow: [203.0.113.0/24, 192.0.2.0/25, 198.18.0.0/24, 198.18.1.0/24, 198.18.2.0/24, 198.18.3.0/24, 198.18.4.0/24,
                      198.18.5.0/24, 198.18.6.0/24, 198.18.7.0/24, 198.18.8.0/24, 198.18.9.0/24]
              deny: [203.0.113.128/25]
              rateLimit: { requests: 120, seconds: 60 }
              paths: { /v1/login: { requests: 10, seconds: 60 }, /admin/*: { requests: 30, seconds: 60, banSeconds: 600 } }
              waf: [sqli-v33-stable]
            open:
              defaultAction: allow
              allow: [192.0.2.0/25]
              deny: [198.51.100.0/24]
              rateLimit: { requests: 300, seconds: 60 }
              paths: { /v1/login: { requests: 10, seconds: 60 } }
        services:
          admin:
            run: { image: europe-west1-docker.pkg.dev/p/apps/admin:1 }
            public: { hosts: [admin.acme.shop], auth: iap, iap: { members: [group:support@acme.shop] }, armor: offices }
          api:
            run: { image: europe-west1-docker.pkg.dev/p/apps/api:1 }
            public: { hosts: [api.acme.shop], auth: in-app, armor: open }
        """;

    public static TheoryData<string> ShippedMaps()
    {
        var data = new TheoryData<string>();
        foreach (var map in Maps.GoodMapFiles()) data.Add(RepoPaths.Relative(map));
        return data;
    }

    [Fact]
    public void A_deny_by_default_policy_admits_a_client_under_every_limit_only_from_its_allowed_ranges()
    {
        var plan = Maps.Plan(Maps.Header + Edge);

        var offices = plan.OfType<SecurityPolicyItem>().Single(p => p.Policy == "offices");

        Assert.Equal("deny(403)", Decide(offices, "100.64.0.1", "/"));
        Assert.Equal("deny(403)", Decide(offices, "100.64.0.1", "/v1/login"));
        Assert.Equal("deny(403)", Decide(offices, "100.64.0.1", "/admin/users"));
        Assert.Equal("allow", Decide(offices, "203.0.113.7", "/v1/login"));
        Assert.Equal("allow", Decide(offices, "198.18.9.20", "/admin/users"));
        Assert.Equal("deny(403)", Decide(offices, "203.0.113.200", "/"));
    }

    [Fact]
    public void A_deny_by_default_policy_still_rate_limits_its_allowed_ranges()
    {
        var plan = Maps.Plan(Maps.Header + Edge);

        var offices = plan.OfType<SecurityPolicyItem>().Single(p => p.Policy == "offices");

        Assert.Equal("throttle", FirstMatch(offices, "203.0.113.7", "/v1/login")?.Action);
        Assert.Equal("rate_based_ban", FirstMatch(offices, "198.18.9.20", "/admin/users")?.Action);
        Assert.Equal("throttle", FirstMatch(offices, "192.0.2.1", "/")?.Action);
    }

    [Theory]
    [InlineData("allow", "198.51.100.7")]
    [InlineData("deny(404)", "203.0.113.7")]
    public void A_broad_path_limit_never_shadows_a_stricter_one_on_a_path_it_covers(string defaultAction, string client)
    {
        var plan = Maps.Plan(Maps.Header + $$"""
            edge:
              armor:
                default:
                  defaultAction: {{defaultAction}}
                  allow: [203.0.113.0/24]
                  paths: { "/v1/*": { requests: 1000, seconds: 60 }, /v1/login: { requests: 10, seconds: 60, banSeconds: 600 }, "/v1/login/*": { requests: 20, seconds: 60 } }
            services:
              api:
                run: { image: europe-west1-docker.pkg.dev/p/apps/api:1 }
                public: { hosts: [api.acme.shop], auth: in-app }
            """);

        var policy = plan.OfType<SecurityPolicyItem>().Single();

        Assert.Equal(10, FirstMatch(policy, client, "/v1/login")?.RateLimit?.Count);
        Assert.Equal(20, FirstMatch(policy, client, "/v1/login/otp")?.RateLimit?.Count);
        Assert.Equal(1000, FirstMatch(policy, client, "/v1/orders")?.RateLimit?.Count);
    }

    [Theory]
    [MemberData(nameof(ShippedMaps))]
    public void Every_policy_of_every_shipped_map_admits_exactly_what_its_lists_and_default_say(string map)
    {
        var loaded = Maps.Valid(File.ReadAllText(Path.Combine(RepoPaths.Root, map)), map);
        var plan = Planner.Create(loaded);

        foreach (var declared in loaded.Edge?.Armor ?? [])
        {
            var policy = plan.OfType<SecurityPolicyItem>().SingleOrDefault(p => p.Policy == declared.Name);
            if (policy is null) continue;
            var allow = declared.AllowRanges.Select(r => IPNetwork.Parse(r.Value)).ToList();
            var deny = declared.DenyRanges.Select(r => IPNetwork.Parse(r.Value)).ToList();
            var clients = allow.Concat(deny).SelectMany(n => new[] { n.BaseAddress, Last(n) }).Append(IPAddress.Parse("100.64.0.1"));
            foreach (var client in clients)
                foreach (var path in new[] { "/", "/v1/login", "/v1/signup", "/admin/x" })
                {
                    var listed = deny.Any(n => n.Contains(client)) ? "deny(403)"
                        : allow.Any(n => n.Contains(client)) || declared.DefaultAction.Value.Allow ? "allow" : declared.DefaultAction.Value.GoogleAction;
                    Assert.True(listed == Decide(policy, client.ToString(), path),
                        $"{map} policy {declared.Name}: {client} {path} is {Decide(policy, client.ToString(), path)}, but its lists say {listed}");
                }
        }
    }

    /// <summary>What the policy answers a client under every limit that trips no WAF rule.</summary>
    private static string Decide(SecurityPolicyItem policy, string ip, string path) =>
        FirstMatch(policy, ip, path) switch
        {
            { RateLimit: not null } => "allow",
            { } rule => rule.Action,
            null => "allow",
        };

    private static ArmorRule? FirstMatch(SecurityPolicyItem policy, string ip, string path) =>
        policy.Rules.OrderBy(r => r.Priority).FirstOrDefault(r => Matches(r, IPAddress.Parse(ip), path));

    private static bool Matches(ArmorRule rule, IPAddress ip, string path)
    {
        if (rule.SrcIpRanges is { } ranges) return ranges.Any(r => r == "*" || IPNetwork.Parse(r).Contains(ip));
        var expression = rule.Expression!;
        if (expression.StartsWith("evaluatePreconfiguredWaf(", StringComparison.Ordinal)) return false;   // a benign request
        // The planner's expressions: a path condition, optionally "&& (inIpRange(...) || ...)". Anything else fails the test.
        var match = PathAndRanges().Match(expression);
        Assert.True(match.Success, $"the test does not understand the expression {expression}");
        var pathMatches = match.Groups["op"].Value == "=="
            ? path == match.Groups["path"].Value
            : path.StartsWith(match.Groups["path"].Value, StringComparison.Ordinal);
        var rangeList = match.Groups["range"].Captures.Select(c => IPNetwork.Parse(c.Value)).ToList();
        return pathMatches && (rangeList.Count == 0 || rangeList.Any(n => n.Contains(ip)));
    }

    private static IPAddress Last(IPNetwork network)
    {
        var bytes = network.BaseAddress.GetAddressBytes();
        for (var bit = network.PrefixLength; bit < bytes.Length * 8; bit++) bytes[bit / 8] |= (byte)(0x80 >> (bit % 8));
        return new IPAddress(bytes);
    }

    [GeneratedRegex(@"^request\.path(?: (?<op>==) '(?<path>[^']*)'|\.(?<op>startsWith)\('(?<path>[^']*)'\))(?: && \((?:inIpRange\(origin\.ip, '(?<range>[^']+)'\)(?: \|\| )?)+\))?$")]
    private static partial Regex PathAndRanges();
}
