using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace Callmap.Tokens;

/// <summary>
/// The header and claims of a compact JWS (header.payload.signature), read leniently: a claim of an
/// unexpected type (an exp in quotes, a numeric aud) is reported as odd instead of making the whole
/// token "not a token". <see cref="Parse"/> answers null only when the text is not a JWS at all.
/// </summary>
public sealed record TokenClaims(string? Algorithm, string? Issuer, string? Subject, string? Email, IReadOnlyList<string> Audiences,
    DateTimeOffset? Expires, IReadOnlyList<string> Oddities, bool Unsigned)
{
    /// <summary>Compact JWE (RFC 7516 §7.1): five parts, the payload encrypted.</summary>
    public static bool IsEncrypted(string token) => token.Split('.') is { Length: 5 } parts && parts[0].Length > 0 && Header(parts[0]) is { } header
        && header.TryGetProperty("enc", out _);

    public static TokenClaims? Parse(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3 || Header(parts[0]) is not { } header || Json(parts[1]) is not { ValueKind: JsonValueKind.Object } payload) return null;
        var oddities = new List<string>();
        string? Text(JsonElement from, string name)
        {
            if (!from.TryGetProperty(name, out var value)) return null;
            if (value.ValueKind == JsonValueKind.String) return value.GetString();
            oddities.Add($"{name} is {Kind(value)}, not a text");
            return null;
        }
        var algorithm = Text(header, "alg");
        var audiences = new List<string>();
        if (payload.TryGetProperty("aud", out var aud))
        {
            if (aud.ValueKind == JsonValueKind.String) audiences.Add(aud.GetString()!);
            else if (aud.ValueKind == JsonValueKind.Array && aud.EnumerateArray().All(a => a.ValueKind == JsonValueKind.String))
                audiences.AddRange(aud.EnumerateArray().Select(a => a.GetString()!));
            else oddities.Add($"aud is {Kind(aud)}, not a text or a list of texts");
        }
        DateTimeOffset? expires = null;
        if (payload.TryGetProperty("exp", out var exp))
        {
            if (exp.ValueKind == JsonValueKind.Number && exp.TryGetDouble(out var seconds)
                && seconds >= DateTimeOffset.MinValue.ToUnixTimeSeconds() && seconds <= DateTimeOffset.MaxValue.ToUnixTimeSeconds())
                expires = DateTimeOffset.FromUnixTimeSeconds((long)seconds);
            else oddities.Add(exp.ValueKind == JsonValueKind.Number ? "exp is out of any date's range" : $"exp is {Kind(exp)}, not a number of seconds");
        }
        var unsigned = string.Equals(algorithm, "none", StringComparison.OrdinalIgnoreCase) || parts[2].Length == 0;
        return new TokenClaims(algorithm, Text(payload, "iss"), Text(payload, "sub"), Text(payload, "email"), audiences, expires, oddities, unsigned);
    }

    private static JsonElement? Header(string part) => Json(part) is { ValueKind: JsonValueKind.Object } header ? header : null;

    private static readonly System.Text.UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static JsonElement? Json(string part)
    {
        try
        {
            var bytes = Base64UrlEncoder.DecodeBytes(part);
            // JSON is UTF-8 (RFC 8259 §8.1); JsonDocument checks strings only when they are read, so check first.
            _ = StrictUtf8.GetCharCount(bytes);
            return JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 16 }).RootElement;
        }
        catch (Exception e) when (e is FormatException or JsonException or ArgumentException) { return null; }
    }

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "a text",
        JsonValueKind.Number => "a number",
        JsonValueKind.Array => "a list",
        JsonValueKind.Object => "an object",
        JsonValueKind.Null => "null",
        _ => "true or false",
    };
}
