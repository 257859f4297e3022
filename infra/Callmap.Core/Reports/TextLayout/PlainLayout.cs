using Spectre.Console;
using Spectre.Console.Rendering;

namespace Callmap.Reports.TextLayout;

/// <summary>
/// The preview as plain text at a fixed width, written line by line: the same characters Spectre.Console
/// writes without colour at that width (PlainTextPreviewTests holds them to it), without building
/// Spectre's renderables, which cost a 20,000-service preview seconds and gigabytes. Tables, which are few
/// and small, and any grid whose layout is not copied here (see <see cref="FieldGrid"/>) are drawn by
/// Spectre itself onto the same writer.
/// </summary>
/// <param name="output">Where the lines go; trailing spaces are trimmed there (<see cref="TrimmingLineWriter"/>).</param>
internal sealed class PlainLayout(TextWriter output, int width) : IPreviewLayout
{
    private readonly WordWrap _wrap = new();
    private readonly List<WrappedLine> _lines = [];
    private readonly FieldGrid _grid = new();
    private IAnsiConsole? _spectre;

    /// <summary>Spectre's rule character for this writer, asked as Spectre asks it (by whether the encoding's name says Unicode).</summary>
    private readonly string _rule = BoxBorder.Square.GetSafeBorder(safe: !output.Encoding.EncodingName.Contains("Unicode", StringComparison.Ordinal))
        .GetPart(BoxBorderPart.Top);

    private IAnsiConsole Fallback => _spectre ??= SpectreLayout.PlainConsole(output, width);

    public void Line(string bold, string text) => Line((bold + text).AsMemory());

    public void Line(ReadOnlyMemory<char> text)
    {
        _lines.Clear();
        _wrap.Wrap(text, width, lineBreakAfter: true, _lines);
        foreach (var line in _lines)
        {
            output.Write(line.Text.Span);
            if (line.BreakAfter) output.Write('\n');
        }
    }

    public void BlankLine() => output.Write('\n');

    public void Rule(string bold, ReadOnlyMemory<char> text) => RuleLine.Write(output, bold, text.Span, width, _rule);

    public void Fields(IReadOnlyList<Field> fields, int indent = 0)
    {
        if (!_grid.TryWrite(output, fields, width, indent)) new SpectreLayout(Fallback).Fields(fields, indent);
    }

    /// <summary>Spectre's padder: each line of the text wrapped in the width less the indent, the indent before it.</summary>
    public void Indented(string text, int indent)
    {
        _lines.Clear();
        _wrap.Wrap(text.AsMemory(), width - indent, lineBreakAfter: false, _lines);
        var atLineStart = true;
        foreach (var line in _lines)
        {
            if (atLineStart) Indent(indent);
            output.Write(line.Text.Span);
            atLineStart = line.BreakAfter;
            if (atLineStart) output.Write('\n');
        }
        if (!atLineStart) output.Write('\n');
    }

    public void Table(Table table) => Fallback.Write(table);

    private void Indent(int indent)
    {
        for (var i = 0; i < indent; i++) output.Write(' ');
    }
}
