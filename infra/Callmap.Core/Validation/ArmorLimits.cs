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
}
