using System.Text;

namespace Callmap.Fuzz;

/// <summary>
/// Text mutations of the kinds careless users and attackers make: spans deleted, duplicated, swapped or
/// spliced in from another file, indentation changed, and values replaced with hostile ones (huge, deep,
/// control characters, look-alikes, numbers that overflow, YAML and JSON syntax). Deterministic per seed.
/// </summary>
public sealed class Mutator(Random random)
{
    private static readonly string[] Hostile =
    [
        "", ":", ": ", "- ", "[", "]", "{", "}", ",", "'", "\"", "|", ">", "&a ", "*a", "!!str ", "!!binary ", "? ", "<<: *a", "~", "null", "true",
        "-1", "0", "1e309", "NaN", "-0", "2147483648", "9223372036854775808", new string('9', 400), "0x1F", "..", "../", "/", "\\",
        "\t", "\n", "\r\n", "\u0000", "\u001b[2J", "\u001b]8;;http://x\u0007", "\u202e", "\u200b", "\uFEFF", "\ud800", "é", "аpi", "ΑΡΙ",
        "allUsers", "allAuthenticatedUsers", "domain:gmail.com", "serviceAccount:*", "principalSet://goog/public:all",
        "principal://iam.googleapis.com/locations/global/workforcePools/p/subject/x", "group:a@b.c", "user:", "schedule/", "push/x",
        "eventarc/", "tasks/", "iap", "identity-platform", "run", "function", "generation: 1", "public: { hosts: [x.y], auth: in-app }",
        "roles/owner", "roles/run.invoker", "<!--", "-->", "`", "*", "_", "#", "%YAML 1.1\n", "---\n", "...\n",
        "{ \"a\": ", "\"permissions\": null", "\"permissions\": []", "\"stage\": \"GA\"", "{}", "[]", "null", "\"\"",
    ];

    public int Next(int max) => random.Next(max);

    public T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    /// <summary>One to five mutations of <paramref name="text"/>; <paramref name="others"/> donate spans.</summary>
    public string Mutate(string text, IReadOnlyList<string> others)
    {
        var count = 1 + random.Next(5);
        for (var i = 0; i < count; i++) text = MutateOnce(text, others);
        return text;
    }

    private string MutateOnce(string text, IReadOnlyList<string> others)
    {
        var at = random.Next(text.Length + 1);
        switch (random.Next(10))
        {
            case 0: // delete a span
                return text.Remove(at, Math.Min(random.Next(40), text.Length - at));
            case 1: // insert a hostile token
            case 2:
                return text.Insert(at, Pick(Hostile));
            case 3: // replace the value after a ':' with a hostile or huge one
            {
                var colon = text.IndexOf(": ", at, StringComparison.Ordinal);
                if (colon < 0) return text.Insert(at, Pick(Hostile));
                var end = text.IndexOfAny(['\n', ',', '}', ']'], colon + 2);
                end = end < 0 ? text.Length : end;
                return text[..(colon + 2)] + HostileValue() + text[end..];
            }
            case 4: // duplicate or repeat a line
            {
                var lines = text.Split('\n').ToList();
                var line = random.Next(lines.Count);
                // Up to 2,000 copies, and at most about 2 MB: enough to pass every limit but the map's 16 MiB, which has its own test.
                var times = random.Next(4) == 0 ? Math.Min(1 + random.Next(2_000), 1 + 2_000_000 / (lines[line].Length + 1)) : 1;
                lines.InsertRange(line, Enumerable.Repeat(lines[line], times));
                return string.Join('\n', lines);
            }
            case 5: // swap two lines
            {
                var lines = text.Split('\n');
                var (a, b) = (random.Next(lines.Length), random.Next(lines.Length));
                (lines[a], lines[b]) = (lines[b], lines[a]);
                return string.Join('\n', lines);
            }
            case 6: // change the indentation of a line
            {
                var lines = text.Split('\n');
                var line = random.Next(lines.Length);
                lines[line] = Pick(["", " ", "  ", "\t", "      "]) + lines[line].TrimStart(' ');
                return string.Join('\n', lines);
            }
            case 7: // splice a span of another file in
            {
                var other = others.Count == 0 ? text : Pick(others);
                var from = random.Next(other.Length + 1);
                return text.Insert(at, other.Substring(from, Math.Min(random.Next(200), other.Length - from)));
            }
            case 8: // flip a character
                return at < text.Length ? text.Remove(at, 1).Insert(at, ((char)random.Next(1, 0x3000)).ToString()) : text;
            default: // nest deeply
            {
                var depth = 1 + random.Next(60);
                var open = random.Next(2) == 0 ? "[" : "{ a: ";
                var close = open == "[" ? "]" : " }";
                return text.Insert(at, string.Concat(Enumerable.Repeat(open, depth)) + "x" + string.Concat(Enumerable.Repeat(close, depth)));
            }
        }
    }

    /// <summary>A value no map should hold: long, repeated, odd characters.</summary>
    public string HostileValue() => random.Next(6) switch
    {
        0 => new string('a', 1 + random.Next(100_000)),
        1 => string.Join(", ", Enumerable.Range(0, 1 + random.Next(3_000)).Select(i => $"s{i}")),
        2 => "[" + string.Join(", ", Enumerable.Range(0, 1 + random.Next(3_000)).Select(i => $"missing-{i}")) + "]",
        _ => Pick(Hostile),
    };

    /// <summary>A JWT-shaped string: 1–5 base64url parts from (possibly mutated) JSON, or an access token.</summary>
    public string Token(string audience, string email, DateTimeOffset clock)
    {
        if (random.Next(10) == 0) return "ya29." + Mutate("a0AfB_byC3xQexample", []);
        var now = clock.ToUnixTimeSeconds();
        var header = Pick(["{\"alg\":\"RS256\",\"kid\":\"k\",\"typ\":\"JWT\"}", "{\"alg\":\"none\"}", "{\"alg\":\"HS256\"}", "{\"alg\":\"RSA-OAEP\",\"enc\":\"A256GCM\"}", "{}", "[]", "null"]);
        var exp = Pick(new long[] { now + 3600, now - 10, 0, -1, long.MaxValue, 253402300800, 1L << 40 });
        var payload = $"{{\"iss\":\"{Pick(["https://accounts.google.com", "accounts.google.com", "https://securetoken.google.com/acme-shop-dev", "x"])}\","
            + $"\"aud\":{Pick([$"\"{audience}\"", $"[\"{audience}\",\"x\"]", "\"\"", "1", "null", "{}"])},"
            + $"\"email\":\"{email}\",\"sub\":\"1\",\"iat\":{now},\"exp\":{exp},\"email_verified\":true}}";
        if (random.Next(2) == 0) payload = Mutate(payload, [header]);
        if (random.Next(4) == 0) header = Mutate(header, [payload]);
        var parts = new List<string> { Base64Url(header), Base64Url(payload), random.Next(3) == 0 ? "" : "c2lnbmF0dXJl" };
        var extra = random.Next(6);
        if (extra == 0) parts.RemoveAt(parts.Count - 1);
        if (extra == 1) parts.AddRange(["ZW5j", "dGFn"]);
        var token = string.Join('.', parts);
        return random.Next(5) == 0 ? Mutate(token, []) : random.Next(8) == 0 ? "Bearer " + token : token;
    }

    private static string Base64Url(string text) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
