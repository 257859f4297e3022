using Callmap.Diagnostics;

namespace Callmap.Model;

/// <summary>
/// The <c>edge:</c> section: the global external Application Load Balancer in front of the public
/// services, its certificates and its Cloud Armor policies. Planned only when a service is public.
/// </summary>
public sealed record Edge(SourceLocation At, string? CertificateMap, IReadOnlyList<ArmorPolicy> Armor)
{
    public static Edge Default(SourceLocation at) => new(at, null, []);

    /// <summary>The name of the policy a public service gets unless it names another.</summary>
    public const string DefaultPolicy = "default";
}

/// <summary>What a request that matches no rule gets: allowed, or denied with a status.</summary>
public sealed record ArmorDefaultAction(bool Allow, int DenyStatus)
{
    public string GoogleAction => Allow ? "allow" : $"deny({DenyStatus})";
}

public enum RateLimitKey { Ip, XffIp, All, Path, Header }

/// <summary>
/// A rate limit: <see cref="Requests"/> per <see cref="IntervalSeconds"/> per key. Over it a client is
/// throttled (429), or banned for <see cref="BanSeconds"/> when that is set.
/// </summary>
public sealed record RateLimit(SourceLocation At, int Requests, int IntervalSeconds, RateLimitKey Key, string? KeyName, int? BanSeconds);

/// <summary>A rate limit that applies only to requests whose path matches <see cref="Path"/>.</summary>
public sealed record PathRateLimit(string Path, RateLimit Limit);

/// <summary>One Cloud Armor policy as the map writes it; the planner turns it into prioritised rules.</summary>
public sealed record ArmorPolicy(
    string Name,
    SourceLocation At,
    Located<ArmorDefaultAction> DefaultAction,
    RateLimit? RateLimit,
    IReadOnlyList<PathRateLimit> PathLimits,
    IReadOnlyList<Located<string>> Waf,
    int WafSensitivity,
    bool AdaptiveProtection,
    IReadOnlyList<Located<string>> AllowRanges,
    IReadOnlyList<Located<string>> DenyRanges);
