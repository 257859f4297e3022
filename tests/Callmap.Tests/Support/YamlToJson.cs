using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Callmap.Diagnostics;
using Callmap.Yaml;

namespace Callmap.Tests.Support;

/// <summary>
/// A map as the JSON a YAML-aware editor validates against the schema: plain scalars typed by YAML 1.2's
/// core schema (numbers, booleans, null), quoted ones always strings. Null when the YAML is unreadable
/// (syntax errors, duplicate keys, limits).
/// </summary>
public static partial class YamlToJson
{
    public static JsonNode? Convert(string file, string text)
    {
        var problems = new DiagnosticBag();
        var root = YamlReader.Read(file, text, YamlLimits.Default, problems);
        // Duplicate keys and merge keys leave a tree behind, but no editor would call that YAML valid.
        return root is null || problems.HasErrors ? null : Node(root) ?? JsonValue.Create((string?)null);
    }

    private static JsonNode? Node(YNode node) => node switch
    {
        YMapping m => new JsonObject(m.Entries.Select(e => KeyValuePair.Create(e.Key.Value, Node(e.Value)))),
        YSequence s => new JsonArray(s.Items.Select(Node).ToArray()),
        YScalar { IsNull: true } => null,
        YScalar { IsPlain: true, Value: "true" or "false" } b => JsonValue.Create(b.Value == "true"),
        YScalar { IsPlain: true } i when Integer().IsMatch(i.Value) => JsonValue.Create(decimal.Parse(i.Value, CultureInfo.InvariantCulture)),
        YScalar { IsPlain: true } f when Float().IsMatch(f.Value) => JsonValue.Create(double.Parse(f.Value, CultureInfo.InvariantCulture)),
        YScalar s => JsonValue.Create(s.Value),
        _ => throw new ArgumentOutOfRangeException(nameof(node)),
    };

    [GeneratedRegex("^[-+]?[0-9]+$")] private static partial Regex Integer();
    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")] private static partial Regex Float();
}
