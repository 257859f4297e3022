namespace Callmap.Reports.TextLayout;

/// <summary>
/// The preview's key/value block laid out as Spectre.Console lays out its two-column <c>Grid</c>
/// (keys that never wrap, two spaces, values wrapped in what is left), including a value that is a
/// grid of pairs itself. Every cell is wrapped before anything is written, so a grid Spectre would draw
/// in a way this does not copy (a wrapped line wider than its column, a grid that does not fit at all)
/// is left to Spectre: <see cref="TryWrite"/> then writes nothing and says so.
/// </summary>
internal sealed class FieldGrid
{
    /// <summary>The padding right of the key column (and of the pairs' left column); the last column has none.</summary>
    private const int Gap = 2;

    /// <summary>A row's cells: ranges of <see cref="_lines"/>, and the column widths of its pairs.</summary>
    private readonly record struct Row(int Key, int Value, int PairsFrom, int PairsTo, int LeftWidth);

    private readonly WordWrap _wrap = new();
    private readonly List<WrappedLine> _lines = [];
    private readonly List<(int From, int To)> _cells = [];
    private readonly List<Row> _rows = [];

    /// <summary>Writes the grid <paramref name="indent"/> spaces in, in <paramref name="width"/> columns; false (having written nothing) if Spectre's layout is not copied here.</summary>
    public bool TryWrite(TextWriter output, IReadOnlyList<Field> fields, int width, int indent)
    {
        _lines.Clear();
        _cells.Clear();
        _rows.Clear();

        // Spectre measures every cell against the room of both columns, then shares the room.
        var room = width - indent;
        var cellRoom = room - Gap;
        var (keys, values) = (0, 0);
        foreach (var field in fields)
        {
            keys = Math.Max(keys, Math.Min(WordWrap.Widest(field.Key), cellRoom));
            values = Math.Max(values, field.Pairs is { } pairs ? PairsWidest(pairs, cellRoom) : Math.Min(WordWrap.Widest(field.Text.Span), cellRoom));
        }
        var (keyWidth, valueWidth) = ColumnWidths.Fit(cellRoom, keys, values, firstWraps: false);
        if (!Fits(keyWidth, valueWidth, room)) return false;

        foreach (var field in fields)
        {
            if (!TryCell(field.Key.AsMemory(), keyWidth, out var key)) return false;
            if (field.Pairs is not { } pairs)
            {
                if (!TryCell(field.Text, valueWidth, out var value)) return false;
                _rows.Add(new Row(key, value, 0, 0, 0));
                continue;
            }
            var (left, right) = ColumnWidths.Fit(valueWidth - Gap, ColumnWidest(pairs, valueWidth - Gap, left: true),
                ColumnWidest(pairs, valueWidth - Gap, left: false), firstWraps: true);
            if (!Fits(left, right, valueWidth)) return false;
            var from = _cells.Count;
            foreach (var (l, r) in pairs)
                if (!TryCell(l.AsMemory(), left, out _) || !TryCell(r.AsMemory(), right, out _)) return false;
            _rows.Add(new Row(key, -1, from, _cells.Count, left));
        }

        foreach (var row in _rows) Write(output, row, keyWidth, indent);
        return true;
    }

    /// <summary>What Spectre measures a grid of pairs as: both columns' widest lines in the room less their gap, and the gap.</summary>
    private static int PairsWidest(IReadOnlyList<(string Left, string Right)> pairs, int room) =>
        ColumnWidest(pairs, room - Gap, left: true) + ColumnWidest(pairs, room - Gap, left: false) + Gap;

    private static int ColumnWidest(IReadOnlyList<(string Left, string Right)> pairs, int room, bool left)
    {
        var widest = 0;
        foreach (var (l, r) in pairs) widest = Math.Max(widest, Math.Min(WordWrap.Widest(left ? l : r), room));
        return widest;
    }

    /// <summary>Spectre draws "…" instead of a grid whose columns do not fit its width.</summary>
    private static bool Fits(int first, int second, int room) => first >= 0 && second >= 0 && first + second + Gap > 0 && first + second + Gap <= room;

    /// <summary>
    /// Wraps one cell. Its lines must be lines of their own (no two joined without a break) and no wider
    /// than the column; otherwise Spectre widens and cuts the row, which is not copied here.
    /// </summary>
    private bool TryCell(ReadOnlyMemory<char> text, int width, out int cell)
    {
        var from = _lines.Count;
        _wrap.Wrap(text, width, lineBreakAfter: false, _lines);
        cell = _cells.Count;
        _cells.Add((from, _lines.Count));
        for (var i = from; i < _lines.Count; i++)
            if (_lines[i].Cells > width || (!_lines[i].BreakAfter && i + 1 < _lines.Count)) return false;
        return true;
    }

    private int Lines(int cell) => _cells[cell].To - _cells[cell].From;

    private void Write(TextWriter output, Row row, int keyWidth, int indent)
    {
        var valueLines = 0;
        if (row.Value >= 0) valueLines = Lines(row.Value);
        else for (var p = row.PairsFrom; p < row.PairsTo; p += 2) valueLines += PairHeight(p);
        var height = Math.Max(1, Math.Max(Lines(row.Key), valueLines));

        var (pair, lineOfPair) = (row.PairsFrom, 0);
        for (var line = 0; line < height; line++)
        {
            Spaces(output, indent);
            Padded(output, row.Key, line, keyWidth);
            Spaces(output, Gap);
            if (row.Value >= 0) Unpadded(output, row.Value, line);
            else if (pair < row.PairsTo)
            {
                Padded(output, pair, lineOfPair, row.LeftWidth);
                Spaces(output, Gap);
                Unpadded(output, pair + 1, lineOfPair);
                if (++lineOfPair == PairHeight(pair)) (pair, lineOfPair) = (pair + 2, 0);
            }
            output.Write('\n');
        }
    }

    private int PairHeight(int pair) => Math.Max(1, Math.Max(Lines(pair), Lines(pair + 1)));

    /// <summary>A cell's line padded to its column (a cell shorter than its row is blank below).</summary>
    private void Padded(TextWriter output, int cell, int line, int width)
    {
        var cells = 0;
        if (line < Lines(cell))
        {
            var wrapped = _lines[_cells[cell].From + line];
            output.Write(wrapped.Text.Span);
            cells = wrapped.Cells;
        }
        Spaces(output, width - cells);
    }

    /// <summary>A cell's line in the last column: its padding would end the line, where it is trimmed anyway.</summary>
    private void Unpadded(TextWriter output, int cell, int line)
    {
        if (line < Lines(cell)) output.Write(_lines[_cells[cell].From + line].Text.Span);
    }

    private const string Blank = "                                                                ";

    private static void Spaces(TextWriter output, int count)
    {
        for (; count > 0; count -= Blank.Length) output.Write(Blank.AsSpan(0, Math.Min(count, Blank.Length)));
    }
}
