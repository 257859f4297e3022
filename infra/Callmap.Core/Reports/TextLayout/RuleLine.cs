namespace Callmap.Reports.TextLayout;

/// <summary>
/// A section heading across the whole width, "── Title ───…", as Spectre.Console draws a left-justified
/// <c>Rule</c>: two rule characters, a space, the title, a space, and the rule to the width. A title
/// too long for the width less six is cut after its last whole word that fits with an ellipsis (or
/// inside its first word), as Spectre cuts it; a width that leaves no room draws the rule alone.
/// The title is the bold part and the rest of Spectre's markup, kept apart because Spectre's words
/// break where the bold ends.
/// </summary>
internal static class RuleLine
{
    private const int TitlePadding = 2;
    private const int TitleSpacing = 1;
    private const string Ellipsis = "…";

    /// <param name="rule">The rule's character as Spectre draws it for this output: the top of its square border, "─".</param>
    public static void Write(TextWriter output, ReadOnlySpan<char> bold, ReadOnlySpan<char> rest, int width, string rule)
    {
        if (bold.Contains('\n') || rest.Contains('\n'))
        {
            bold = OneLine(bold);
            rest = OneLine(rest);
        }
        rest = rest.TrimEnd();   // Spectre trims the title's markup, whose end is the rest (its start is the bold tag)
        var room = width - 2 * TitlePadding - 2 * TitleSpacing;
        if (room <= 0)
        {
            Repeat(output, rule, width);
            output.Write('\n');
            return;
        }

        var (boldKept, restKept, ellipsis) = (bold.Length, rest.Length, false);
        var cells = CellWidth.Of(bold) + CellWidth.Of(rest);
        if (cells > room)
        {
            (boldKept, restKept, cells) = Truncate(bold, rest, room - 1);   // Spectre keeps one cell for the ellipsis
            if (boldKept + restKept == 0)
            {
                Repeat(output, rule, width);
                output.Write('\n');
                return;
            }
            cells += CellWidth.Of(Ellipsis);
            ellipsis = true;
        }

        Repeat(output, rule, TitlePadding);
        output.Write(' ');
        output.Write(bold[..boldKept]);
        output.Write(rest[..restKept]);
        if (ellipsis) output.Write(Ellipsis);
        output.Write(' ');
        Repeat(output, rule, width - cells - (TitlePadding * CellWidth.Of(rule) + TitleSpacing) - TitleSpacing);
        output.Write('\n');
    }

    private static string OneLine(ReadOnlySpan<char> text) => text.ToString().Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\n', ' ');

    /// <summary>
    /// How much of the title Spectre keeps in <paramref name="room"/> cells: whole words (and whitespace
    /// runs) while they fit, or if not even the first fits, its characters while the kept ones are narrower
    /// than the room; then without the whitespace it ends with.
    /// </summary>
    private static (int Bold, int Others, int Cells) Truncate(ReadOnlySpan<char> bold, ReadOnlySpan<char> rest, int room)
    {
        var (kept, keptCells, solid, solidCells, first) = (0, 0, 0, 0, true);
        var all = bold.Length + rest.Length;
        for (int at = 0, next; at < all; at = next)
        {
            var part = at < bold.Length ? bold : rest;
            var offset = at < bold.Length ? 0 : bold.Length;
            var whitespace = char.IsWhiteSpace(part[at - offset]);
            next = at + 1;
            while (next - offset < part.Length && char.IsWhiteSpace(part[next - offset]) == whitespace) next++;
            var cells = CellWidth.Of(part.Slice(at - offset, next - at));
            if (keptCells + cells > room)
            {
                if (first) (solid, solidCells) = FirstWordCut(part.Slice(at - offset, next - at), room);
                break;
            }
            first = false;
            (kept, keptCells) = (next, keptCells + cells);
            if (!whitespace) (solid, solidCells) = (kept, keptCells);
        }
        return (Math.Min(solid, bold.Length), Math.Max(0, solid - bold.Length), solidCells);
    }

    /// <summary>The characters of a first word that does not fit: taken while those taken are narrower than the room.</summary>
    private static (int Length, int Cells) FirstWordCut(ReadOnlySpan<char> word, int room)
    {
        var (length, cells) = (0, 0);
        while (length < word.Length && cells < room) cells += CellWidth.Of(word[length++]);
        return word[..length].IsWhiteSpace() ? (0, 0) : (length, cells);
    }

    /// <summary>The rule <paramref name="count"/> times, written as slices of a run of it (a heading per workload adds up).</summary>
    private static void Repeat(TextWriter output, string rule, int count)
    {
        if (rule.Length != 1)
        {
            for (var i = 0; i < count; i++) output.Write(rule);
            return;
        }
        var run = rule[0] == Run[0] ? Run : new string(rule[0], Math.Max(count, 0));
        for (; count > 0; count -= run.Length) output.Write(run.AsSpan(0, Math.Min(count, run.Length)));
    }

    private static readonly string Run = new('─', 256);
}
