using System.Buffers;
using System.Text;
using System.Text.Unicode;
using Callmap.Diagnostics;

namespace Callmap.Loading;

/// <summary>
/// Turns a map's bytes into text. Maps are UTF-8 (YAML 1.2 and the JSON Schema tooling assume it);
/// a byte sequence that is not UTF-8 is refused at its place instead of becoming U+FFFD, which would
/// silently plan a name nobody wrote.
/// </summary>
public static class MapText
{
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    /// <summary>The text, or null after reporting the line and column of the first byte that is not UTF-8.</summary>
    public static string? Decode(string file, ReadOnlySpan<byte> bytes, DiagnosticBag d)
    {
        if (bytes.StartsWith(Bom)) bytes = bytes[Bom.Length..];
        // Valid UTF-8 (every real map) is decoded straight into the string, without a second copy.
        if (Utf8.IsValid(bytes)) return Encoding.UTF8.GetString(bytes);
        var chars = new char[bytes.Length];
        var status = Utf8.ToUtf16(bytes, chars, out var read, out _, replaceInvalidSequences: false);
        if (status == OperationStatus.Done) throw new InvalidOperationException("UTF-8 that Utf8.IsValid refused decoded without error");

        // Everything before the bad byte is valid, so its line and column count as the parser's do.
        var lineStart = bytes[..read].LastIndexOf((byte)'\n') + 1;
        var line = bytes[..read].Count((byte)'\n') + 1;
        var column = Encoding.UTF8.GetCharCount(bytes[lineStart..read]) + 1;
        d.Add(DiagnosticCodes.Syntax, new SourceLocation(file, line, column),
            $"byte 0x{bytes[read]:X2} is not UTF-8; maps must be UTF-8 text",
            "save the file as UTF-8 (e.g. iconv -f LATIN1 -t UTF-8), or retype the character at this place");
        return null;
    }
}
