using System.Buffers;
using System.Text;
using Callmap.Reports;

namespace Callmap.Cli;

/// <summary>
/// Every text a command writes passes <see cref="SafeText.Terminal"/>: map strings and token claims
/// cannot send escape sequences to the reader's terminal or CI log. Nor can they make a line a CI workflow
/// command. GitHub Actions runs "::command::" at the start of a line after any leading whitespace
/// (actions/runner ActionCommand.TryParseV2: message.TrimStart()), and "##[command]" anywhere in a line
/// (ActionCommandManager: IndexOf("##[")). So the first ':' of a line, past its leading whitespace, is
/// written \u{003a}, and in every run of '#' followed by '[' all but the last '#' are written \u{0023}.
/// callmap's own output never needs either.
/// Text is passed on in runs between the characters it changes, whatever form it is written in
/// (strings, spans, arrays, characters): a 20,000-service preview is 40 MB, written in pieces.
/// </summary>
public sealed class SafeWriter(TextWriter inner) : TextWriter
{
    private const string EscapedColon = "\\u{003a}";
    private const string EscapedHash = "\\u{0023}";

    /// <summary>Nothing but whitespace written on this line yet.</summary>
    private bool _atLineStart = true;

    /// <summary>How many '#' in a row wait for the character that says whether they start "##[".</summary>
    private int _heldHashes;

    /// <summary>
    /// The writer underneath, for output that is safe as it is produced and too large to filter twice: the JSON
    /// plan and SARIF, whose encoder escapes every control and direction character and '#'
    /// (<see cref="TerminalSafeJsonEncoder"/>), and whose lines start with indentation and then a quote or a
    /// bracket. Nothing may be written here after it.
    /// </summary>
    public TextWriter Unfiltered => inner;

    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value) => Write(new ReadOnlySpan<char>(in value));

    public override void Write(string? value) => Write(value.AsSpan());

    public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

    public override void Write(ReadOnlySpan<char> buffer)
    {
        while (!buffer.IsEmpty)
        {
            var c = buffer[0];
            if (_heldHashes > 0 && c != '#') ReleaseHashes(startsMarker: c == '[');
            if (c == '#')
            {
                _heldHashes++;
                _atLineStart = false;
                buffer = buffer[1..];
                continue;
            }
            if (_atLineStart && c != '\n')
            {
                if (c == ':')
                {
                    inner.Write(EscapedColon);
                    _atLineStart = false;
                    buffer = buffer[1..];
                    continue;
                }
                if (char.IsWhiteSpace(c) && !SafeText.IsTerminalHidden(c))
                {
                    inner.Write(c);
                    buffer = buffer[1..];
                    continue;
                }
                _atLineStart = false;
            }

            var next = buffer.IndexOfAny(NeedsALook);
            if (next < 0)
            {
                inner.Write(buffer);
                return;
            }
            if (next > 0)
            {
                inner.Write(buffer[..next]);
                buffer = buffer[next..];
                continue;
            }
            // A line break or a hidden character ('#' is taken above).
            if (c == '\n')
            {
                inner.Write('\n');
                _atLineStart = true;
            }
            else Shown(c);
            buffer = buffer[1..];
        }
    }

    public override void WriteLine(string? value)
    {
        Write(value);
        Write(inner.NewLine);
    }

    /// <summary>Passes on '#'s still waiting (the text ended with them), then flushes.</summary>
    public override void Flush()
    {
        ReleaseHashes(startsMarker: false);
        inner.Flush();
    }

    /// <summary>The '#'s held so far; before a '[', all but the last escaped, so no "##[" is left in the line.</summary>
    private void ReleaseHashes(bool startsMarker)
    {
        for (var i = 0; i < _heldHashes; i++)
            inner.Write(startsMarker && _heldHashes > 1 && i < _heldHashes - 1 ? EscapedHash : "#");
        _heldHashes = 0;
    }

    /// <summary>What the run search stops at: characters <see cref="SafeText.Terminal"/> shows as \u{XXXX}, line breaks and '#'.</summary>
    private static readonly SearchValues<char> NeedsALook = SearchValues.Create(
        Enumerable.Range(0, char.MaxValue + 1).Select(i => (char)i).Where(c => c is '\n' or '#' || SafeText.IsTerminalHidden(c)).ToArray());

    /// <summary>A character as <see cref="SafeText.Terminal"/> shows it: \u{XXXX}.</summary>
    private void Shown(char c)
    {
        Span<char> shown = stackalloc char[10];
        "\\u{".CopyTo(shown);
        ((int)c).TryFormat(shown[3..], out var digits, "x4");
        shown[3 + digits] = '}';
        inner.Write(shown[..(4 + digits)]);
    }
}
