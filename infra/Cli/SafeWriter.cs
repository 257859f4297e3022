using System.Buffers;
using System.Text;
using Callmap.Reports;

namespace Callmap.Cli;

/// <summary>
/// Every text a command writes passes <see cref="SafeText.Terminal"/>: map strings and token claims
/// cannot send escape sequences to the reader's terminal or CI log. Nor can they start a line as a CI
/// workflow command (GitHub Actions reads "::error::…", "::add-mask::…", "##[…]" at the start of any
/// output line): a ':' opening a line, and "##[", are written as \u{003a} and \u{0023}#[. callmap's own
/// output never starts a line so.
/// Text is passed on in runs between the characters it changes, whatever form it is written in
/// (strings, spans, arrays, characters): a 20,000-service preview is 40 MB, written in pieces.
/// </summary>
public sealed class SafeWriter(TextWriter inner) : TextWriter
{
    private bool _atLineStart = true;

    /// <summary>How many '#' opened the current line and wait for the character that says whether they start "##[".</summary>
    private int _heldHashes;

    /// <summary>
    /// The writer underneath, for output that is safe as it is produced and too large to filter twice: the JSON
    /// plan, whose encoder escapes every control and direction character (<see cref="TerminalSafeJsonEncoder"/>)
    /// and whose every line starts with indentation or a bracket. Nothing may be written here after it.
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
            if (_atLineStart || _heldHashes > 0)
            {
                buffer = LineStart(buffer);
                continue;
            }
            var next = buffer.IndexOfAny(HiddenOrLineBreak);
            if (next < 0)
            {
                inner.Write(buffer);
                return;
            }
            inner.Write(buffer[..next]);
            if (buffer[next] == '\n')
            {
                inner.Write('\n');
                _atLineStart = true;
            }
            else Shown(buffer[next]);
            buffer = buffer[(next + 1)..];
        }
    }

    /// <summary>
    /// Takes the first character of a line, or the one after the '#'s that opened it: a ':' is shown as
    /// \u{003a}, '#'s are held until it is clear whether "##[" follows (then the first is shown as \u{0023}).
    /// What it does not take is left for <see cref="Write(ReadOnlySpan{char})"/>, no longer at a line's start.
    /// </summary>
    private ReadOnlySpan<char> LineStart(ReadOnlySpan<char> buffer)
    {
        var c = buffer[0];
        if (_heldHashes > 0)
        {
            if (c == '#' && _heldHashes == 1)
            {
                _heldHashes = 2;
                return buffer[1..];
            }
            inner.Write(c == '[' && _heldHashes == 2 ? "\\u{0023}#" : _heldHashes == 2 ? "##" : "#");
            _heldHashes = 0;
            return buffer;
        }
        _atLineStart = false;
        switch (c)
        {
            case ':':
                inner.Write("\\u{003a}");
                return buffer[1..];
            case '#':
                _heldHashes = 1;
                return buffer[1..];
            default:
                return buffer;
        }
    }

    /// <summary>What <see cref="Write(ReadOnlySpan{char})"/> looks for: characters <see cref="SafeText.Terminal"/> shows as \u{XXXX}, and line breaks.</summary>
    private static readonly SearchValues<char> HiddenOrLineBreak = SearchValues.Create(
        Enumerable.Range(0, char.MaxValue + 1).Select(i => (char)i).Where(c => c == '\n' || SafeText.IsTerminalHidden(c)).ToArray());

    public override void WriteLine(string? value)
    {
        Write(value);
        Write(inner.NewLine);
    }

    /// <summary>Passes on '#'s still waiting (the text ended with them), then flushes.</summary>
    public override void Flush()
    {
        if (_heldHashes > 0) inner.Write(_heldHashes == 2 ? "##" : "#");
        _heldHashes = 0;
        inner.Flush();
    }

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
