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

    public override void Write(string? value)
    {
        if (value is null) return;
        var start = 0;
        for (var i = value.IndexOfAny(LineBreaks); i >= 0; i = value.IndexOfAny(LineBreaks, start))
        {
            _line.Append(value, start, i - start);
            Write(value[i]);
            start = i + 1;
        }
        _line.Append(value, start, value.Length - start);
    }

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

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

    private static readonly char[] LineBreaks = ['\r', '\n'];

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
