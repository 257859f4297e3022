namespace Callmap.Validation;

/// <summary>What Cloud Armor accepts (gcp-facts.md § Cloud Armor).</summary>
public static class ArmorLimits
{
    /// <summary>The counting intervals a rate-limit threshold may use, in seconds.</summary>
    public static readonly IReadOnlyList<int> Intervals = [10, 30, 60, 120, 180, 240, 300, 600, 900, 1200, 1800, 2700, 3600];

    /// <summary>How long a rate-based ban may last, in seconds.</summary>
    public static readonly IReadOnlyList<int> BanDurations = [60, 120, 180, 240, 300, 600, 900, 1200, 1800, 2700, 3600];

    /// <summary>Source ranges one rule may match; longer lists are split over several rules.</summary>
    public const int RangesPerRule = 10;

    /// <summary>
    /// Subexpressions one advanced match condition may hold (cloud.google.com/armor/docs/rules-language-reference:
    /// "an expression with up to five subexpressions").
    /// </summary>
    public const int SubexpressionsPerRule = 5;

    /// <summary>The longest rule description Google accepts (SecurityPolicyRuleArgs.Description: "Max size is 64").</summary>
    public const int DescriptionLength = 64;

    /// <summary>A rule description cut to Google's limit; the preview shows the rule's full match anyway.</summary>
    public static string Description(string text) =>
        text.Length <= DescriptionLength ? text : text[..(DescriptionLength - 3)] + "...";
}
