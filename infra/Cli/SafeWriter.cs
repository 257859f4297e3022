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
public sealed class SafeWriter(TextWriter inner) : TextWriter
{
    private bool _atLineStart = true;

    /// <summary>
    /// The writer underneath, for output that is safe as it is produced and too large to filter twice: the JSON
    /// plan, whose encoder escapes every control and direction character (<see cref="TerminalSafeJsonEncoder"/>)
    /// and whose every line starts with indentation or a bracket. Nothing may be written here after it.
    /// </summary>
    public TextWriter Unfiltered => inner;

    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value) => Write(value.ToString());

    public override void Write(string? value)
    {
        if (value is null) return;
        inner.Write(Neutralise(SafeText.Terminal(value)));
    }

    public override void WriteLine(string? value)
    {
        Write(value);
        Write(inner.NewLine);
    }

    public override void Flush() => inner.Flush();

    private string Neutralise(string text)
    {
        if (text.Length == 0) return text;
        var safe = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (_atLineStart && c == ':') safe.Append("\\u{003a}");
            else if (_atLineStart && c == '#' && string.CompareOrdinal(text, i, "##[", 0, 3) == 0) safe.Append("\\u{0023}");
            else safe.Append(c);
            _atLineStart = c is '\n' or '\r';
        }
        return safe.ToString();
    }
}
