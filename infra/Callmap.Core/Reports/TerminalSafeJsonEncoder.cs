using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace Callmap.Reports;

/// <summary>
/// The escaping of the JSON callmap writes (the plan, SARIF): as <see cref="JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/>
/// (text as written, not \u-escaped, since the output is JSON, not HTML), and also the invisible direction overrides
/// U+202A–U+202E and U+2066–U+2069, which the relaxed encoder writes as they are, and '#' (so no string can hold
/// "##[", which GitHub Actions runs as a command anywhere in a log line). The relaxed encoder already escapes
/// control characters and the line and paragraph separators, so the JSON holds nothing <see cref="SafeText.Terminal"/>
/// would change: it can go to a terminal or CI log as it is, and a reader of the JSON gets the map's string back
/// exactly (where SafeText's "\u{202e}" in a JSON string is not a JSON escape, and made the document invalid).
/// </summary>
public sealed class TerminalSafeJsonEncoder : JavaScriptEncoder
{
    public static TerminalSafeJsonEncoder Instance { get; } = new();

    private static readonly JavaScriptEncoder Relaxed = UnsafeRelaxedJsonEscaping;

    private TerminalSafeJsonEncoder()
    {
    }

    public override int MaxOutputCharactersPerInputCharacter => Math.Max(Relaxed.MaxOutputCharactersPerInputCharacter, 6);

    public override bool WillEncode(int unicodeScalar) => IsOwnEscape(unicodeScalar) || Relaxed.WillEncode(unicodeScalar);

    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength)
    {
        var relaxed = Relaxed.FindFirstCharacterToEncode(text, textLength);
        var before = new ReadOnlySpan<char>(text, relaxed < 0 ? textLength : relaxed);
        var own = IndexOfOwnEscape(before);
        return own >= 0 ? own : relaxed;
    }

    public override int FindFirstCharacterToEncodeUtf8(ReadOnlySpan<byte> utf8Text)
    {
        var relaxed = Relaxed.FindFirstCharacterToEncodeUtf8(utf8Text);
        var before = relaxed < 0 ? utf8Text : utf8Text[..relaxed];
        var hash = before.IndexOf((byte)'#');
        var direction = IndexOfDirectionOverride(hash < 0 ? before : before[..hash]);
        return direction >= 0 ? direction : hash >= 0 ? hash : relaxed;
    }

    /// <summary>A direction override or '#' as \uXXXX (upper-case hex, as the relaxed encoder writes its escapes); anything else as the relaxed encoder does.</summary>
    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
    {
        if (!IsOwnEscape(unicodeScalar))
            return Relaxed.TryEncodeUnicodeScalar(unicodeScalar, buffer, bufferLength, out numberOfCharactersWritten);
        numberOfCharactersWritten = 0;
        if (bufferLength < 6) return false;
        var escape = new Span<char>(buffer, 6);
        escape[0] = '\\';
        escape[1] = 'u';
        if (!unicodeScalar.TryFormat(escape[2..], out var digits, "X4", CultureInfo.InvariantCulture) || digits != 4) return false;
        numberOfCharactersWritten = 6;
        return true;
    }

    private static bool IsDirectionOverride(int c) => c is (>= 0x202A and <= 0x202E) or (>= 0x2066 and <= 0x2069);

    /// <summary>
    /// What this encoder escapes beyond the relaxed one: direction overrides, and '#', since GitHub Actions runs a
    /// "##[command]" found anywhere in a log line (actions/runner ActionCommandManager: IndexOf("##[")) and a map
    /// string may hold one. '#' appears in JSON only inside strings, where \u0023 reads back as '#'.
    /// </summary>
    private static bool IsOwnEscape(int c) => c == '#' || IsDirectionOverride(c);

    private static int IndexOfOwnEscape(ReadOnlySpan<char> text)
    {
        var hash = text.IndexOf('#');
        var direction = IndexOfDirectionOverride(hash < 0 ? text : text[..hash]);
        return direction >= 0 ? direction : hash;
    }

    /// <summary>
    /// Searched with <see cref="SearchValues{T}"/>, built once: IndexOfAnyInRange, compiled ahead of time
    /// (ReadyToRun), allocated about 200 bytes a call, and this runs for every string the plan writes.
    /// </summary>
    private static readonly SearchValues<char> DirectionOverrides = SearchValues.Create("\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069");

    /// <summary>Most strings are ASCII, which one vectorized pass tells.</summary>
    private static int IndexOfDirectionOverride(ReadOnlySpan<char> text) => Ascii.IsValid(text) ? -1 : text.IndexOfAny(DirectionOverrides);

    /// <summary>In UTF-8, U+202A–U+202E are E2 80 AA–AE and U+2066–U+2069 are E2 81 A6–A9.</summary>
    private static int IndexOfDirectionOverride(ReadOnlySpan<byte> utf8)
    {
        for (var from = 0; ;)
        {
            var lead = utf8[from..].IndexOf((byte)0xE2);
            if (lead < 0) return -1;
            var at = from + lead;
            if (at + 2 < utf8.Length
                && ((utf8[at + 1] == 0x80 && utf8[at + 2] is >= 0xAA and <= 0xAE) || (utf8[at + 1] == 0x81 && utf8[at + 2] is >= 0xA6 and <= 0xA9)))
                return at;
            from = at + 1;
        }
    }
}
