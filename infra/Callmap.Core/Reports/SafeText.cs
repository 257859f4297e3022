using System.Text;

namespace Callmap.Reports;

/// <summary>
/// The one place map-supplied strings and token claims are made safe to show. A map key or claim can hold
/// anything YAML or JSON can: a newline followed by <c>&lt;!--</c> hides the rest of a rendered PR comment,
/// an ESC sequence clears or rewrites a terminal. Markdown renderers wrap every such value in
/// <see cref="Markdown"/> or <see cref="Code"/>; text output passes through <see cref="Terminal"/>.
/// </summary>
public static class SafeText
{
    /// <summary>
    /// Plain Markdown text: control characters become spaces (so a value stays on its line), and every
    /// mark that could start emphasis, a link, an image, HTML (<c>&lt;!--</c>), an entity, a table cell or,
    /// at the start, a heading or list is backslash-escaped (CommonMark §2.4).
    /// </summary>
    public static string Markdown(string value)
    {
        var text = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            if (IsHidden(c)) text.Append(' ');
            else if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '!' or '|' or '~' or '&'
                     || (text.Length == 0 && c is '#' or '-' or '+' or '=')) text.Append('\\').Append(c);
            else text.Append(c);
        }
        return text.ToString();
    }

    /// <summary>A Markdown code span holding the value literally: one line, fenced by more backticks than it holds, with '|' escaped for GFM tables.</summary>
    public static string Code(string value)
    {
        var line = new string(value.Select(c => IsHidden(c) ? ' ' : c).ToArray()).Replace("|", "\\|", StringComparison.Ordinal);
        var longest = 0;
        for (int i = 0, run = 0; i < line.Length; i++) longest = Math.Max(longest, run = line[i] == '`' ? run + 1 : 0);
        var fence = new string('`', longest + 1);
        var pad = line.StartsWith('`') || line.EndsWith('`') ? " " : "";
        return $"{fence}{pad}{line}{pad}{fence}";
    }

    /// <summary>A Mermaid label inside a quoted label: one line, and nothing that could end the quote, the label or the ```mermaid fence.</summary>
    public static string Mermaid(string label)
    {
        var text = new StringBuilder(label.Length);
        foreach (var c in label)
            text.Append(IsHidden(c) ? " " : c switch { '"' => "#quot;", '`' => "#96;", '<' => "#lt;", '>' => "#gt;", '|' => "#124;", _ => c.ToString() });
        return text.ToString();
    }

    /// <summary>
    /// Text for a terminal or a log: control characters other than newline and tab, and the invisible
    /// direction overrides, are shown as \u{XXXX} instead of acting on the terminal.
    /// </summary>
    public static string Terminal(string text)
    {
        if (IndexOfTerminalHidden(text) < 0) return text;
        var safe = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (IsTerminalHidden(c)) safe.Append($"\\u{{{(int)c:x4}}}");
            else safe.Append(c);
        }
        return safe.ToString();
    }

    /// <summary>Where the first character <see cref="Terminal"/> would show as \u{XXXX} is, or -1: text a terminal may take as it is.</summary>
    private static int IndexOfTerminalHidden(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
            if (IsTerminalHidden(text[i])) return i;
        return -1;
    }

    /// <summary>A character <see cref="Terminal"/> shows as \u{XXXX}.</summary>
    public static bool IsTerminalHidden(char c) => c is not '\n' and not '\t' && IsHidden(c);

    /// <summary>C0, DEL, C1, line and paragraph separators, and bidirectional overrides (which reorder what a reader sees).</summary>
    private static bool IsHidden(char c) =>
        char.IsControl(c) || c is '\u2028' or '\u2029' || c is >= '\u202a' and <= '\u202e' || c is >= '\u2066' and <= '\u2069';
}
