using System.Buffers;
using System.Text;

namespace Callmap.Reports;

/// <summary>
/// The one place map-supplied strings and token claims are made safe to show. A map key or claim can hold
/// anything YAML or JSON can: a newline followed by <c>&lt;!--</c> hides the rest of a rendered PR comment,
/// an ESC sequence clears or rewrites a terminal. Markdown renderers wrap every such value in
/// <see cref="Markdown"/> or <see cref="Code"/>; text output passes through <see cref="Terminal"/>.
/// The Markdown forms also write straight to a <see cref="TextWriter"/> (<see cref="WriteMarkdown"/>,
/// <see cref="WriteCode"/>): a preview of 20,000 services makes a few hundred thousand of them, and
/// writing each as runs of the value costs no string of its own.
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
        var text = new StringWriter(new StringBuilder(value.Length + 8));
        WriteMarkdown(text, value);
        return text.ToString();
    }

    /// <inheritdoc cref="Markdown"/>
    public static void WriteMarkdown(TextWriter output, ReadOnlySpan<char> value)
    {
        if (value.IsEmpty) return;
        if (value[0] is '#' or '-' or '+' or '=')
        {
            output.Write('\\');
            output.Write(value[0]);
            value = value[1..];
        }
        for (var next = value.IndexOfAny(HiddenOrMarkdownMark); next >= 0; next = value.IndexOfAny(HiddenOrMarkdownMark))
        {
            output.Write(value[..next]);
            if (IsHidden(value[next])) output.Write(' ');
            else
            {
                output.Write('\\');
                output.Write(value[next]);
            }
            value = value[(next + 1)..];
        }
        output.Write(value);
    }

    /// <summary>A Markdown code span holding the value literally: one line, fenced by more backticks than it holds, with '|' escaped for GFM tables.</summary>
    public static string Code(string value)
    {
        var text = new StringWriter(new StringBuilder(value.Length + 4));
        WriteCode(text, value);
        return text.ToString();
    }

    /// <inheritdoc cref="Code"/>
    public static void WriteCode(TextWriter output, ReadOnlySpan<char> value)
    {
        var longest = 0;
        if (value.Contains('`'))
            for (int i = 0, run = 0; i < value.Length; i++) longest = Math.Max(longest, run = value[i] == '`' ? run + 1 : 0);
        var pad = value.Length > 0 && (value[0] == '`' || value[^1] == '`');
        Fence(output, longest + 1);
        if (pad) output.Write(' ');
        for (var next = value.IndexOfAny(HiddenOrPipe); next >= 0; next = value.IndexOfAny(HiddenOrPipe))
        {
            output.Write(value[..next]);
            output.Write(value[next] == '|' ? "\\|" : " ");
            value = value[(next + 1)..];
        }
        output.Write(value);
        if (pad) output.Write(' ');
        Fence(output, longest + 1);
    }

    private static void Fence(TextWriter output, int backticks)
    {
        if (backticks == 1) output.Write('`');
        else output.Write(new string('`', backticks));
    }

    /// <summary>A Mermaid label inside a quoted label: one line, and nothing that could end the quote, the label or the ```mermaid fence.</summary>
    public static string Mermaid(string label)
    {
        // Most labels (names, roles) need nothing: returned as they are, without a copy.
        if (label.AsSpan().IndexOfAny(MermaidSpecial) < 0 && IndexOfTerminalHidden(label) < 0 && label.AsSpan().IndexOfAny('\n', '\t') < 0) return label;
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
        var first = IndexOfTerminalHidden(text);
        if (first < 0) return text;
        var safe = new StringBuilder(text.Length + 16).Append(text, 0, first);
        foreach (var c in text.AsSpan(first))
        {
            if (IsTerminalHidden(c)) AppendEscaped(safe, c);
            else safe.Append(c);
        }
        return safe.ToString();
    }

    /// <summary>
    /// A map-supplied value inside one line of a text report: as <see cref="Terminal"/>, and newlines and tabs
    /// shown too (\u{000a}), so a value cannot start a line of its own that reads like callmap's ("0 mandatory
    /// violations ...").
    /// </summary>
    public static string OneLine(string value)
    {
        var terminal = Terminal(value);
        return terminal.AsSpan().IndexOfAny('\n', '\t') < 0 ? terminal : terminal.Replace("\n", Escaped('\n')).Replace("\t", Escaped('\t'));
    }

    /// <summary>Where the first character <see cref="Terminal"/> would escape is, or -1: a vectorised search, for outputs of hundreds of megabytes.</summary>
    public static int IndexOfTerminalHidden(ReadOnlySpan<char> text) => text.IndexOfAny(TerminalHidden);

    /// <summary>How <see cref="Terminal"/> shows a hidden character: \u{001b}.</summary>
    public static string Escaped(char c) => $"\\u{{{(int)c:x4}}}";

    private static void AppendEscaped(StringBuilder text, char c) => text.Append(Escaped(c));

    /// <summary>A character <see cref="Terminal"/> shows as \\u{XXXX}.</summary>
    public static bool IsTerminalHidden(char c) => c is not '\n' and not '\t' && IsHidden(c);

    private static readonly System.Buffers.SearchValues<char> MermaidSpecial = System.Buffers.SearchValues.Create("\"`<>|");

    /// <summary>Every character <see cref="IsHidden"/> names, except newline and tab.</summary>
    private static readonly System.Buffers.SearchValues<char> TerminalHidden = System.Buffers.SearchValues.Create(
        Enumerable.Range(0, 0x10000).Select(i => (char)i).Where(IsTerminalHidden).ToArray());

    /// <summary>C0, DEL, C1, line and paragraph separators, and bidirectional overrides (which reorder what a reader sees).</summary>
    private static bool IsHidden(char c) =>
        char.IsControl(c) || c is '\u2028' or '\u2029' || c is >= '\u202a' and <= '\u202e' || c is >= '\u2066' and <= '\u2069';

    /// <summary>Every character for which <paramref name="matches"/> holds, to find the next one at vector speed.</summary>
    private static SearchValues<char> Where(Func<char, bool> matches) =>
        SearchValues.Create(Enumerable.Range(0, char.MaxValue + 1).Select(i => (char)i).Where(matches).ToArray());

    /// <summary>What a Markdown text changes: hidden characters (to spaces) and marks (escaped).</summary>
    private static readonly SearchValues<char> HiddenOrMarkdownMark =
        Where(c => IsHidden(c) || c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '!' or '|' or '~' or '&');

    /// <summary>What a code span changes: hidden characters (to spaces) and '|' (escaped for GFM tables).</summary>
    private static readonly SearchValues<char> HiddenOrPipe = Where(c => IsHidden(c) || c == '|');
}
