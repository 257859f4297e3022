namespace Callmap.Reports.TextLayout;

/// <summary>
/// How Spectre.Console shares a width between the two columns of a grid (its TableMeasurer, which
/// follows Rich): each column asks for its widest line; when both do not fit, the column that may
/// wrap gives up cells, down to one; if that is not enough, both give up cells evenly, the first
/// column the smaller half. The grids here have exactly one column that wraps.
/// </summary>
internal static class ColumnWidths
{
    /// <param name="total">The width the two columns share (the grid's width less its padding).</param>
    /// <param name="first">The first column's widest line, at most <paramref name="total"/>.</param>
    /// <param name="second">The second column's widest line, at most <paramref name="total"/>.</param>
    /// <param name="firstWraps">Whether the first column is the one that wraps (otherwise the second is).</param>
    public static (int First, int Second) Fit(int total, int first, int second, bool firstWraps)
    {
        if (first + second <= total) return (first, second);

        var excess = first + second - total;
        if (firstWraps) first -= Collapse(first, excess);
        else second -= Collapse(second, excess);
        if (first + second <= total) return (first, second);

        // The last resort: Spectre's Ratio.Reduce with equal ratios, in integers as it computes them.
        excess = first + second - total;
        var (firstRatio, secondRatio) = (first > 0 ? 1 : 0, second > 0 ? 1 : 0);
        var ratios = firstRatio + secondRatio;
        if (firstRatio != 0)
        {
            var cut = (int)Math.Min(first, Math.Round((double)(firstRatio * excess / ratios)));
            first -= cut;
            excess -= cut;
            ratios -= firstRatio;
        }
        if (secondRatio != 0 && ratios > 0) second -= (int)Math.Min(second, Math.Round((double)(secondRatio * excess / ratios)));
        return (first, second);
    }

    /// <summary>
    /// What the wrapping column gives up: the excess, but never its last cell. (A column of no cells
    /// gives up nothing; Spectre would loop forever there.)
    /// </summary>
    private static int Collapse(int width, int excess) => width > 1 ? Math.Min(excess, width - 1) : 0;
}
