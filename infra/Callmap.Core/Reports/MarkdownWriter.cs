using System.Runtime.CompilerServices;

namespace Callmap.Reports;

/// <summary>
/// Markdown written straight to a <see cref="TextWriter"/>, a piece at a time: each interpolated line is
/// written as it is formatted, map strings inside it as <see cref="Code"/> spans or <see cref="Text"/>
/// (escaped by <see cref="SafeText"/> on the way out), so a preview of any size holds no more than a line's
/// parts. Lines end in "\n" on every platform.
/// </summary>
internal sealed class MarkdownWriter(TextWriter output)
{
    public TextWriter Output => output;

    /// <summary>Writes the interpolated text and ends the line.</summary>
    public void Line([InterpolatedStringHandlerArgument("")] ref Handler text) => output.Write('\n');

    public void Line() => output.Write('\n');

    /// <summary>Writes the interpolated text; the line goes on.</summary>
    public void Write([InterpolatedStringHandlerArgument("")] ref Handler text) { }

    /// <summary>Writes values as code spans with a separator between them.</summary>
    public void Codes<T>(IReadOnlyList<T> values, Func<T, string> text, string separator = ", ") =>
        Codes(values, value => text(value).AsMemory(), separator);

    /// <inheritdoc cref="Codes{T}(IReadOnlyList{T}, Func{T, string}, string)"/>
    public void Codes<T>(IReadOnlyList<T> values, Func<T, ReadOnlyMemory<char>> text, string separator = ", ")
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (i > 0) output.Write(separator);
            SafeText.WriteCode(output, text(values[i]).Span);
        }
    }

    /// <summary>A map string shown literally in a code span.</summary>
    public readonly record struct Code(ReadOnlyMemory<char> Value);

    /// <summary>A map string shown as Markdown text, every mark escaped.</summary>
    public readonly record struct Text(ReadOnlyMemory<char> Value);

    /// <summary>Writes an interpolated string's parts as they come: code spans and text made safe, numbers formatted in place.</summary>
    [InterpolatedStringHandler]
    public readonly ref struct Handler
    {
        private readonly TextWriter _output;

        public Handler(int literalLength, int formattedCount, MarkdownWriter writer) => _output = writer.Output;

        public void AppendLiteral(string text) => _output.Write(text);

        public void AppendFormatted(string? text) => _output.Write(text);

        public void AppendFormatted(Code code) => SafeText.WriteCode(_output, code.Value.Span);

        public void AppendFormatted(Text text) => SafeText.WriteMarkdown(_output, text.Value.Span);

        public void AppendFormatted<T>(T value, string? format = null) where T : ISpanFormattable
        {
            Span<char> formatted = stackalloc char[64];
            if (value.TryFormat(formatted, out var written, format, null)) _output.Write(formatted[..written]);
            else _output.Write(value.ToString(format, null));
        }
    }
}
