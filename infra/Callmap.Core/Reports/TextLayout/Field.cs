namespace Callmap.Reports.TextLayout;

/// <summary>
/// One row of a field grid ("runs as", "invoked by", …): a key and its value, which is either text,
/// wrapped in the value column, or pairs shown as two columns of their own inside it (each invoker and
/// its role), the left one wrapping first. The text may be a slice of a <see cref="TextBuffer"/>.
/// </summary>
internal readonly record struct Field(string Key, ReadOnlyMemory<char> Text, IReadOnlyList<(string Left, string Right)>? Pairs)
{
    public Field(string key, string text) : this(key, text.AsMemory(), null) { }

    public Field(string key, ReadOnlyMemory<char> text) : this(key, text, null) { }

    public Field(string key, IReadOnlyList<(string Left, string Right)> pairs) : this(key, ReadOnlyMemory<char>.Empty, pairs) { }
}
