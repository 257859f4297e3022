namespace Callmap.Reports.TextLayout;

/// <summary>
/// One line of wrapped text: a slice of its source (wrapping never copies), its width in cells, and
/// whether a line break follows it. Spectre sometimes writes two wrapped lines without a break between
/// them (see <see cref="WordWrap"/>), so the break is part of the line, not implied.
/// </summary>
internal readonly record struct WrappedLine(ReadOnlyMemory<char> Text, int Cells, bool BreakAfter);
