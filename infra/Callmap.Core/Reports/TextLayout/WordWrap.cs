namespace Callmap.Reports.TextLayout;

/// <summary>
/// Wraps text at a width in cells exactly as Spectre.Console wraps a <c>Text</c> (its Paragraph, 0.49):
/// the text's lines are cut into words and whitespace runs; a line takes words while they fit; the
/// whitespace run that does not fit is dropped; a word wider than the whole width starts a line of its
/// own and is cut every <c>width</c> cells. If no line is wider than the width, nothing is wrapped.
/// One quirk is kept on purpose: when a line ends in whitespace that exactly overflows it, Spectre
/// writes that line and the next with no break between them, and so does <see cref="WrappedLine.BreakAfter"/>.
/// The lines are slices of the text, so wrapping allocates nothing once its scratch lists have grown.
/// </summary>
internal sealed class WordWrap
{
    /// <summary>A line as Spectre builds it: how many segments it holds (an empty one counts), and the run they cover.</summary>
    private struct Building
    {
        public int Start, End, Segments, Cells;

        public static Building Empty => new() { Start = -1 };
    }

    private readonly List<Building> _built = [];
    private readonly List<(int Start, int End, int Cells)> _pieces = [];
    private ReadOnlyMemory<char> _text;
    private int _width;
    private Building _line;

    /// <summary>The widest line of the text in cells: what Spectre measures a Text's widest need as.</summary>
    public static int Widest(ReadOnlySpan<char> text)
    {
        var widest = int.MinValue;
        while (true)
        {
            var end = text.IndexOf('\n');
            if (end < 0) return Math.Max(widest, CellWidth.Of(text));
            var line = text[..end];
            if (line.EndsWith('\r')) line = line[..^1];   // "\r\n" is one line break
            widest = Math.Max(widest, CellWidth.Of(line));
            text = text[(end + 1)..];
        }
    }

    /// <summary>
    /// Appends the lines of <paramref name="text"/> wrapped at <paramref name="width"/> to <paramref name="into"/>.
    /// <paramref name="lineBreakAfter"/>: the text is written with a line break after it (Spectre's WriteLine),
    /// which wraps as one more, empty, line.
    /// </summary>
    public void Wrap(ReadOnlyMemory<char> text, int width, bool lineBreakAfter, List<WrappedLine> into)
    {
        if (width <= 0) return;   // nothing fits: Spectre writes nothing at all
        if (text.Span.IndexOf("\r\n") >= 0) text = text.ToString().Replace("\r\n", "\n", StringComparison.Ordinal).AsMemory();

        if (Widest(text.Span) <= width)
        {
            for (int start = 0, end; ; start = end + 1)
            {
                end = LineEnd(text.Span, start);
                var last = end == text.Length && !lineBreakAfter;
                into.Add(new WrappedLine(text[start..end], CellWidth.Of(text.Span[start..end]), BreakAfter: !last));
                if (end == text.Length) break;
            }
            if (lineBreakAfter) into.Add(new WrappedLine(ReadOnlyMemory<char>.Empty, 0, BreakAfter: false));
            return;
        }

        (_text, _width, _line) = (text, width, Building.Empty);
        _built.Clear();
        for (int start = 0, end; start <= text.Length; start = end + 1)
        {
            end = LineEnd(text.Span, start);
            if (start > 0) NewLine();
            if (start == end) _line.Segments++;   // an empty line is one empty segment
            else Words(start, end);
        }
        if (lineBreakAfter)
        {
            NewLine();
            _line.Segments++;
        }
        if (_line.Segments > 0) _built.Add(_line);

        // Spectre writes the first line and every line that holds a segment, and a break after a line
        // only when the next one holds a segment: an empty line in between joins its neighbours.
        for (var i = 0; i < _built.Count; i++)
        {
            var line = _built[i];
            if (i > 0 && line.Segments == 0) continue;
            var (start, length) = line.Start < 0 ? (0, 0) : (line.Start, line.End - line.Start);
            into.Add(new WrappedLine(text.Slice(start, length), line.Cells, BreakAfter: i + 1 < _built.Count && _built[i + 1].Segments > 0));
        }
        _text = default;
    }

    /// <summary>Where the line starting at <paramref name="start"/> ends: its '\n', or the end of the text.</summary>
    private static int LineEnd(ReadOnlySpan<char> text, int start) => text[start..].IndexOf('\n') is var at and >= 0 ? start + at : text.Length;

    private void NewLine()
    {
        _built.Add(_line);
        _line = Building.Empty;
    }

    /// <summary>The words and whitespace runs of one line of the text, each as Spectre's loop takes a segment.</summary>
    private void Words(int start, int end)
    {
        var text = _text.Span;
        for (int at = start, next; at < end; at = next)
        {
            var whitespace = char.IsWhiteSpace(text[at]);
            next = at + 1;
            while (next < end && char.IsWhiteSpace(text[next]) == whitespace) next++;
            Segment(at, next, CellWidth.Of(text[at..next]), whitespace);
        }
    }

    private void Segment(int start, int end, int cells, bool whitespace)
    {
        if (cells > _width)
        {
            var first = _pieces.Count;
            Cut(start, end);
            var last = _pieces.Count;
            // The first piece joins the line only if it fits there; otherwise the line ends before it.
            var from = first;
            if (_line.Cells + _pieces[first].Cells > _width) NewLine();
            else
            {
                Add(_pieces[first].Start, _pieces[first].End, _pieces[first].Cells);
                from++;
            }
            for (var i = from; i < last; i++)
            {
                var (s, e, c) = _pieces[i];
                // A piece wider than the width is a single character wider than it: Spectre would cut it
                // forever; it is taken as it is.
                if (c > _width) Add(s, e, c);
                else Segment(s, e, c, whitespace || s == e);
            }
            _pieces.RemoveRange(first, last - first);
            return;
        }
        if (_line.Cells + cells > _width)
        {
            _line.Segments++;   // Spectre ends the full line with an empty segment
            NewLine();
            if (whitespace) return;   // the whitespace at a break is dropped
        }
        Add(start, end, cells);
    }

    /// <summary>Cuts a segment wider than the width every time the next character would pass it (Spectre's SplitSegment).</summary>
    private void Cut(int start, int end)
    {
        var text = _text.Span;
        var (from, cells) = (start, 0);
        for (var i = start; i < end; i++)
        {
            var width = CellWidth.Of(text[i]);
            if (cells + width > _width)
            {
                _pieces.Add((from, i, cells));
                (from, cells) = (i, 0);
            }
            cells += width;
        }
        _pieces.Add((from, end, cells));
    }

    private void Add(int start, int end, int cells)
    {
        if (_line.Start < 0) _line.Start = start;
        _line.End = end;
        _line.Segments++;
        _line.Cells += cells;
    }
}
