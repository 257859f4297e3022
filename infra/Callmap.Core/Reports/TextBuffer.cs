using System.Runtime.CompilerServices;

namespace Callmap.Reports;

/// <summary>
/// Where a renderer composes the text of one workload's block before writing it: interpolated strings
/// are formatted straight into one reused array, and each piece is handed out as a slice of it. A
/// 20,000-service preview composes some 300,000 such pieces; as strings they would cost more memory
/// than the preview writes. A slice stays valid until <see cref="Clear"/> (growing moves later text to a
/// new array and leaves the old one as it was).
/// </summary>
internal sealed class TextBuffer
{
    private char[] _chars;

    public TextBuffer(int capacity = 4096) => _chars = new char[capacity];

    public int Length { get; private set; }

    /// <summary>Appends the interpolated text and returns it.</summary>
    public ReadOnlyMemory<char> Add([InterpolatedStringHandlerArgument("")] ref Handler text) => Since(text.Start);

    /// <summary>Appends the interpolated text.</summary>
    public void Append([InterpolatedStringHandlerArgument("")] ref Handler text) { }

    public void Append(ReadOnlySpan<char> text) => text.CopyTo(Room(text.Length));

    public void Append(char c) => Room(1)[0] = c;

    /// <summary>What was appended since <paramref name="start"/> (a <see cref="Length"/> read before).</summary>
    public ReadOnlyMemory<char> Since(int start) => _chars.AsMemory(start, Length - start);

    /// <summary>Starts over: every slice handed out so far may be overwritten.</summary>
    public void Clear() => Length = 0;

    public override string ToString() => new(_chars, 0, Length);

    private Span<char> Room(int count)
    {
        if (Length + count > _chars.Length)
        {
            // The text since the last Clear moves along; slices of it keep the old array.
            var grown = new char[Math.Max(_chars.Length * 2, Length + count)];
            _chars.AsSpan(0, Length).CopyTo(grown);
            _chars = grown;
        }
        var room = _chars.AsSpan(Length, count);
        Length += count;
        return room;
    }

    /// <summary>Formats an interpolated string into the buffer, with no string of its own.</summary>
    [InterpolatedStringHandler]
    public readonly ref struct Handler
    {
        private readonly TextBuffer _buffer;

        public Handler(int literalLength, int formattedCount, TextBuffer buffer)
        {
            _buffer = buffer;
            Start = buffer.Length;
        }

        public int Start { get; }

        public void AppendLiteral(string text) => _buffer.Append(text);

        public void AppendFormatted(string? text) => _buffer.Append(text);

        public void AppendFormatted(ReadOnlySpan<char> text) => _buffer.Append(text);

        public void AppendFormatted(ReadOnlyMemory<char> text) => _buffer.Append(text.Span);

        public void AppendFormatted<T>(T value, string? format = null) where T : ISpanFormattable
        {
            Span<char> formatted = stackalloc char[64];
            if (value.TryFormat(formatted, out var written, format, null)) _buffer.Append(formatted[..written]);
            else _buffer.Append(value.ToString(format, null));
        }
    }
}
