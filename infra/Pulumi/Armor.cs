using Callmap.Planning;
using Pulumi;
using Gcp = Pulumi.Gcp;
using Compute = Pulumi.Gcp.Compute.Inputs;

namespace Callmap.Deploy;

/// <summary>Cloud Armor policies, with the rules in the plan's priorities.</summary>
internal static class Armor
{
    /// <summary>ArmorRule.SrcIpRanges is matched with Google's versioned expression for source ranges.</summary>
    private const string SourceRanges = "SRC_IPS_V1";

    public static CustomResource Policy(SecurityPolicyItem item, Declared d) =>
        new Gcp.Compute.SecurityPolicy(item.Name, new Gcp.Compute.SecurityPolicyArgs
        {
            Name = item.PolicyName,
            Rules = item.Rules.Select(Rule).ToList(),
            // Always stated, so turning it off in the map turns it off in Google.
            AdaptiveProtectionConfig = new Compute.SecurityPolicyAdaptiveProtectionConfigArgs
            {
                Layer7DdosDefenseConfig = new Compute.SecurityPolicyAdaptiveProtectionConfigLayer7DdosDefenseConfigArgs { Enable = item.AdaptiveProtection },
            },
        }, d.Options(item));

    private static Compute.SecurityPolicyRuleArgs Rule(ArmorRule rule) => new()
    {
        Priority = rule.Priority,
        Action = rule.Action,
        Description = rule.Description,
        Match = rule.SrcIpRanges is { } ranges
            ? new Compute.SecurityPolicyRuleMatchArgs
            {
                VersionedExpr = SourceRanges,
                Config = new Compute.SecurityPolicyRuleMatchConfigArgs { SrcIpRanges = ranges.ToList() },
            }
            : new Compute.SecurityPolicyRuleMatchArgs
            {
                Expr = new Compute.SecurityPolicyRuleMatchExprArgs { Expression = rule.Expression! },
            },
        RateLimitOptions = Inputs.Optional(rule.RateLimit is { } limit
            ? new Compute.SecurityPolicyRuleRateLimitOptionsArgs
            {
                ConformAction = limit.ConformAction,
                ExceedAction = limit.ExceedAction,
                EnforceOnKey = limit.EnforceOnKey,
                EnforceOnKeyName = Inputs.Optional(limit.EnforceOnKeyName),
                BanDurationSec = Inputs.Optional(limit.BanDurationSec),
                RateLimitThreshold = new Compute.SecurityPolicyRuleRateLimitOptionsRateLimitThresholdArgs
                {
                    Count = limit.Count,
                    IntervalSec = limit.IntervalSec,
                },
            }
            : null),
    };
}
