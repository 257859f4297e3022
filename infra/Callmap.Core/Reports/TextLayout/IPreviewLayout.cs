using Spectre.Console;

namespace Callmap.Reports.TextLayout;

/// <summary>
/// What the text preview is made of, apart from how it is drawn: lines, section rules, key/value grids
/// and tables. <see cref="TextPreview"/> says what the preview holds once; <see cref="SpectreLayout"/>
/// draws it on an interactive terminal, <see cref="PlainLayout"/> writes the same characters as plain
/// text for files, pipes and tests.
/// </summary>
internal interface IPreviewLayout
{
    /// <summary>A line that opens in bold, wrapped at the width.</summary>
    void Line(string bold, string text);

    /// <summary>A line of text, wrapped at the width.</summary>
    void Line(ReadOnlyMemory<char> text);

    void Line(string text) => Line(text.AsMemory());

    void BlankLine();

    /// <summary>A section heading across the width: "── <paramref name="bold"/><paramref name="text"/> ───".</summary>
    void Rule(string bold, ReadOnlyMemory<char> text);

    void Rule(string bold, string text = "") => Rule(bold, text.AsMemory());

    /// <summary>A key/value grid, <paramref name="indent"/> spaces in.</summary>
    void Fields(IReadOnlyList<Field> fields, int indent = 0);

    /// <summary>Text wrapped <paramref name="indent"/> spaces in.</summary>
    void Indented(string text, int indent);

    /// <summary>A table: few rows (the public routes, a matrix small enough to draw), drawn by Spectre in both layouts.</summary>
    void Table(Table table);
}
