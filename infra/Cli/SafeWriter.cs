using System.Text;
using Callmap.Reports;

namespace Callmap.Cli;

/// <summary>
/// Every text a command writes passes <see cref="SafeText.Terminal"/>: map strings and token claims
/// cannot send escape sequences to the reader's terminal or CI log. Nor can they start a line as a CI
/// workflow command (GitHub Actions reads "::error::…", "::add-mask::…", "##[…]" at the start of any
/// output line): a ':' opening a line, and "##[", are written as \u{003a} and \u{0023}#[. callmap's own
/// output never starts a line so.
/// </summary>
/// <remarks>
/// Text is passed on in runs between the characters that need a look (found by a vectorised search), never
/// copied character by character: a 20,000-service plan is hundreds of megabytes of JSON.
/// </remarks>
public sealed class SafeWriter(TextWriter inner) : TextWriter
{
    private const string EscapedColon = "\\u{003a}";
    private const string EscapedHash = "\\u{0023}";
    private const string WorkflowMarker = "##[";

    private bool _atLineStart = true;

    /// <summary>A line's start that could still become "##[" when the next write arrives ("#" or "##").</summary>
    private string _heldAtLineStart = "";

    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value) => Write(new ReadOnlySpan<char>(in value));

    public override void Write(string? value) => Write(value.AsSpan());

    public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

    public override void WriteLine(string? value)
    {
        Write(value.AsSpan());
        Write(inner.NewLine.AsSpan());
    }

    public override void Write(ReadOnlySpan<char> text)
    {
        if (_heldAtLineStart.Length > 0)
        {
            // Rare: a write ended in "#" or "##" at a line's start; judge it together with what follows.
            var joined = _heldAtLineStart + text.ToString();
            _heldAtLineStart = "";
            Pass(joined);
            return;
        }
        Pass(text);
    }

    public override void Flush()
    {
        inner.Write(_heldAtLineStart);
        _heldAtLineStart = "";
        inner.Flush();
    }

    private void Pass(ReadOnlySpan<char> text)
    {
        while (!text.IsEmpty)
        {
            if (_atLineStart)
            {
                if (text[0] == ':')
                {
                    inner.Write(EscapedColon);
                    text = text[1..];
                    _atLineStart = false;
                    continue;
                }
                if (text[0] == '#' && text.Length < WorkflowMarker.Length && WorkflowMarker.AsSpan().StartsWith(text))
                {
                    _heldAtLineStart = text.ToString();
                    return;
                }
                if (text.StartsWith(WorkflowMarker))
                {
                    inner.Write(EscapedHash);
                    text = text[1..];
                }
                _atLineStart = false;
            }

            // Up to the next character that is hidden or ends a line; everything before it goes on as it is.
            var next = NextToLookAt(text);
            if (next < 0)
            {
                inner.Write(text);
                return;
            }
            inner.Write(text[..next]);
            var c = text[next];
            if (c == '\n')
            {
                inner.Write('\n');
                _atLineStart = true;
            }
            else inner.Write(SafeText.Escaped(c));
            text = text[(next + 1)..];
        }
    }

    /// <summary>The end of the current line, or a hidden character before it: searched within the line, so a long text costs one pass.</summary>
    private static int NextToLookAt(ReadOnlySpan<char> text)
    {
        var newline = text.IndexOf('\n');
        var hidden = SafeText.IndexOfTerminalHidden(newline < 0 ? text : text[..newline]);
        return hidden >= 0 ? hidden : newline;
    }
}
