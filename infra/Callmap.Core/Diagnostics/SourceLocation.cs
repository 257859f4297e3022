using System.Text.Json;
using System.Text.Json.Serialization;

namespace Callmap.Diagnostics;

/// <summary>A place in a map file. Line and column are 1-based, as editors and SARIF count them.</summary>
[JsonConverter(typeof(SourceLocationJsonConverter))]
public readonly record struct SourceLocation(string File, int Line, int Column) : IComparable<SourceLocation>
{
    public int CompareTo(SourceLocation other)
    {
        var byFile = string.CompareOrdinal(File, other.File);
        if (byFile != 0) return byFile;
        var byLine = Line.CompareTo(other.Line);
        return byLine != 0 ? byLine : Column.CompareTo(other.Column);
    }

    public override string ToString() => $"{File}:{Line}:{Column}";
}

/// <summary>Writes a location as the one string editors and CI logs link: "stacks/dev.yaml:12:5".</summary>
public sealed class SourceLocationJsonConverter : JsonConverter<SourceLocation>
{
    public override SourceLocation Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString() ?? throw new JsonException("a source location must be a string");
        var parts = text.Split(':');
        return parts.Length >= 3 && int.TryParse(parts[^2], out var line) && int.TryParse(parts[^1], out var column)
            ? new SourceLocation(string.Join(':', parts[..^2]), line, column)
            : throw new JsonException($"'{text}' is not file:line:column");
    }

    /// <summary>Formatted in place, not as a string: the JSON plan writes one location per item, 240,000 at 20,000 services.</summary>
    public override void Write(Utf8JsonWriter writer, SourceLocation value, JsonSerializerOptions options)
    {
        Span<char> text = stackalloc char[256];
        if (text.TryWrite($"{value.File}:{value.Line}:{value.Column}", out var length)) writer.WriteStringValue(text[..length]);
        else writer.WriteStringValue(value.ToString());
    }
}
