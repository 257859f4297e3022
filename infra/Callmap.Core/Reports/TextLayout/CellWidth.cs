using Spectre.Console;

namespace Callmap.Reports.TextLayout;

/// <summary>
/// How many terminal columns a character takes, exactly as Spectre.Console counts it (its wcwidth table:
/// 2 for East Asian wide characters, 0 for combining marks, -1 for control characters). The plain
/// layout wraps and pads by these widths so its lines break where Spectre's do; Spectre is asked once
/// per distinct character and the answer is kept.
/// </summary>
internal static class CellWidth
{
    /// <summary>Each character's width plus 2 (so 0 means "not asked yet"); a race only asks twice.</summary>
    private static readonly sbyte[] Known = new sbyte[char.MaxValue + 1];

    public static int Of(char c)
    {
        var known = Known[c];
        if (known != 0) return known - 2;
        // Spectre's own cache has no slot for U+FFFF (a noncharacter, which no YAML document can hold).
        var width = c == char.MaxValue ? 1 : new string(c, 1).GetCellWidth();
        Known[c] = (sbyte)(width + 2);
        return width;
    }

    public static int Of(ReadOnlySpan<char> text)
    {
        // Printable ASCII is one column a character: most of a preview, counted at vector speed.
        if (!text.ContainsAnyExceptInRange(' ', '~')) return text.Length;
        var sum = 0;
        foreach (var c in text) sum += Of(c);
        return sum;
    }
}
