using System.Text;

namespace Callmap.Reports;

/// <summary>
/// Passes text on line by line with "\n" endings and no trailing spaces (what a fixed-width renderer
/// pads lines with), holding only the current line: plain output for files, pipes and snapshot tests.
/// </summary>
public sealed class TrimmingLineWriter(TextWriter inner) : TextWriter
{
    private readonly StringBuilder _line = new();

    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value)
    {
        switch (value)
        {
            case '\r':
                break;
            case '\n':
                EndLine();
                inner.Write('\n');
                break;
            default:
                _line.Append(value);
                break;
        }
    }

    public override void Write(string? value) => Write(value.AsSpan());

    /// <summary>
    /// The one path every write takes (TextWriter would otherwise pass spans and arrays on a character at a
    /// time): the text up to each line break joins the current line, and each break ends it.
    /// </summary>
    public override void Write(ReadOnlySpan<char> buffer)
    {
        for (var i = buffer.IndexOfAny('\r', '\n'); i >= 0; i = buffer.IndexOfAny('\r', '\n'))
        {
            _line.Append(buffer[..i]);
            Write(buffer[i]);
            buffer = buffer[(i + 1)..];
        }
        _line.Append(buffer);
    }

    public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

    /// <summary>
    /// Nothing: the current line waits for its end to be trimmed, and the inner writer is flushed by its
    /// owner (a renderer flushes after every piece, which would cost a system call each on a console).
    /// </summary>
    public override void Flush() { }

    /// <summary>Writes the last line (trimmed, without a line break of its own); the inner writer stays open.</summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing) EndLine();
        base.Dispose(disposing);
    }

    private void EndLine()
    {
        var end = _line.Length;
        while (end > 0 && char.IsWhiteSpace(_line[end - 1])) end--;
        foreach (var chunk in _line.GetChunks())
        {
            var take = Math.Min(chunk.Length, end);
            if (take <= 0) break;
            inner.Write(chunk.Span[..take]);
            end -= take;
        }
        _line.Clear();
    }
}
