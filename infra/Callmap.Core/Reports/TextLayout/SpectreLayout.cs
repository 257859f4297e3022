using Spectre.Console;
using Spectre.Console.Rendering;

namespace Callmap.Reports.TextLayout;

/// <summary>The preview drawn by Spectre.Console: in colour, at the terminal's own width.</summary>
internal sealed class SpectreLayout(IAnsiConsole console) : IPreviewLayout
{
    private static readonly Style Bold = new(decoration: Decoration.Bold);

    /// <summary>
    /// A console that writes Spectre's layout as plain characters at a fixed width: no colour, no ANSI,
    /// and none of the CI detection that would turn ANSI on, so the characters depend on the width and
    /// the writer's encoding only (Unicode, or ASCII rules).
    /// </summary>
    public static IAnsiConsole PlainConsole(TextWriter output, int width)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Enrichment = new ProfileEnrichment { UseDefaultEnrichers = false },
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = width;
        return console;
    }

    public void Line(string bold, string text) => console.Write(new Paragraph().Append(bold, Bold).Append(text + "\n"));

    public void Line(ReadOnlyMemory<char> text) => console.WriteLine(text.ToString());

    public void BlankLine() => console.WriteLine();

    public void Rule(string bold, ReadOnlyMemory<char> text) =>
        console.Write(new Rule($"[bold]{Markup.Escape(bold)}[/]{Markup.Escape(text.ToString())}").LeftJustified());

    public void Fields(IReadOnlyList<Field> fields, int indent = 0) =>
        console.Write(indent == 0 ? Grid(fields) : new Padder(Grid(fields), new Padding(indent, 0, 0, 0)));

    public void Indented(string text, int indent) => console.Write(new Padder(new Text(text), new Padding(indent, 0, 0, 0)));

    public void Table(Table table) => console.Write(table);

    /// <summary>Keys that never wrap and two spaces; values wrap. The same grid <see cref="FieldGrid"/> copies.</summary>
    public static Grid Grid(IReadOnlyList<Field> fields)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap().PadRight(2)).AddColumn();
        foreach (var field in fields)
            grid.AddRow(new Text(field.Key), field.Pairs is { } pairs ? Pairs(pairs) : new Text(field.Text.ToString()));
        return grid;
    }

    private static Grid Pairs(IReadOnlyList<(string Left, string Right)> pairs)
    {
        var grid = new Grid().AddColumn(new GridColumn().PadRight(2)).AddColumn(new GridColumn().NoWrap());
        foreach (var (left, right) in pairs) grid.AddRow(new Text(left), new Text(right));
        return grid;
    }
}
