using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Callmap.Reports;

namespace Callmap.Tests.Reports;

/// <summary>The JSON callmap writes escapes as the relaxed encoder does, plus the direction overrides: valid JSON, safe on a terminal.</summary>
public class TerminalSafeJsonEncoderTests
{
    private static readonly JavaScriptEncoder Safe = TerminalSafeJsonEncoder.Instance;
    private static readonly JavaScriptEncoder Relaxed = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    private static bool IsDirectionOverride(int c) => c is (>= 0x202A and <= 0x202E) or (>= 0x2066 and <= 0x2069);

    /// <summary>Escaped beyond the relaxed encoder: direction overrides, and '#' (GitHub Actions runs "##[…]" anywhere in a log line).</summary>
    private static bool IsOwnEscape(int c) => c == '#' || IsDirectionOverride(c);

    [Fact]
    public void Every_character_but_the_direction_overrides_and_the_hash_is_written_exactly_as_the_relaxed_encoder_writes_it()
    {
        var scalars = Enumerable.Range(0, 0x10000).Where(c => c is < 0xD800 or > 0xDFFF)
            .Concat(Enumerable.Range(0x10000, 0x100000).Where(c => c % 97 == 0 || c is 0x1F600 or 0xE0001 or 0x10FFFF));
        foreach (var scalar in scalars)
        {
            var text = char.ConvertFromUtf32(scalar);
            var expected = IsOwnEscape(scalar) ? $"\\u{scalar:X4}" : JsonEncodedText.Encode(text, Relaxed).Value;
            Assert.Equal(expected, JsonEncodedText.Encode(text, Safe).Value);
            Assert.Equal(expected, JsonEncodedText.Encode(Encoding.UTF8.GetBytes(text), Safe).Value);
        }
    }

    [Theory]
    [InlineData("plain text · with → arrows – and dashes")]
    [InlineData("\u202Eevil at the start")]
    [InlineData("in the \u2067middle\u2069 of <html> & \"quotes\"")]
    [InlineData("after an escape\u001b[2J\u202A and at the end\u202C")]
    [InlineData("separators\u2028\u2029, DEL\u007f, C1\u009b, tab\t, newline\n, emoji 😀\u202D")]
    [InlineData("a CI command mid-line: x ##[error]fake, ###[group] and README.md#anchor")]
    public void A_string_is_read_back_exactly_and_holds_nothing_a_terminal_would_obey(string value)
    {
        foreach (var utf8 in new[] { false, true })
        {
            var buffer = new ArrayBufferWriter<byte>();
            using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = Safe, Indented = true }))
            {
                json.WriteStartObject();
                if (utf8) json.WriteString("value"u8, Encoding.UTF8.GetBytes(value));
                else json.WriteString("value", value);
                json.WriteEndObject();
            }
            var written = Encoding.UTF8.GetString(buffer.WrittenSpan);

            Assert.Equal(value, JsonDocument.Parse(written).RootElement.GetProperty("value").GetString());
            Assert.Equal(written, SafeText.Terminal(written));
            Assert.DoesNotContain("##[", written);
        }
    }
}
