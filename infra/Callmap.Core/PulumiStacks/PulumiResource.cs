using System.Text.Json.Nodes;
using Callmap.Diagnostics;

namespace Callmap.PulumiStacks;

/// <summary>
/// One resource of a preview or a state export: its URN and type token, its properties, the resources
/// each property was computed from (Pulumi's propertyDependencies), and where in the file it is written.
/// </summary>
public sealed class PulumiResource(string urn, string type, JsonObject properties, IReadOnlyDictionary<string, IReadOnlyList<string>> propertyDependencies, SourceLocation at)
{
    public string Urn { get; } = urn;

    public string Type { get; } = type;

    /// <summary>The inputs (preview: what the program asks for) overlaid with outputs (state: what exists), per <see cref="PulumiStackReader"/>.</summary>
    public JsonObject Properties { get; } = properties;

    public IReadOnlyDictionary<string, IReadOnlyList<string>> PropertyDependencies { get; } = propertyDependencies;

    public SourceLocation At { get; } = at;

    /// <summary>The logical name: the last segment of the URN (urn:pulumi:STACK::PROJECT::TYPE::NAME).</summary>
    public string LogicalName => Urn[(Urn.LastIndexOf("::", StringComparison.Ordinal) + 2)..];

    /// <summary>A string property by dotted path ("template.serviceAccount"); numbers and booleans as their JSON text.</summary>
    public StackValue Value(string path) => Text(Node(path));

    /// <summary>The items of an array property; null when the array (or an object on its path) is unknown until apply.</summary>
    public IReadOnlyList<JsonNode?>? Items(string path) => Node(path) switch
    {
        JsonArray array => array.ToList(),
        JsonValue v when v.TryGetValue<string>(out var s) && s == StackValue.UnknownSentinel => null,
        _ => [],
    };

    /// <summary>The resources a property was computed from, as Pulumi recorded them.</summary>
    public IReadOnlyList<string> DependenciesOf(string property) => PropertyDependencies.TryGetValue(property, out var urns) ? urns : [];

    public JsonNode? Node(string path)
    {
        JsonNode? node = Properties;
        foreach (var part in path.Split('.'))
        {
            if (node is JsonArray { Count: > 0 } list) node = list[0];   // a one-element block (template, serviceConfig) in the provider's schema
            if (node is JsonValue v && v.TryGetValue<string>(out var s) && s == StackValue.UnknownSentinel) return node;
            if (node is not JsonObject obj || !obj.TryGetPropertyValue(part, out node)) return null;
        }
        return node;
    }

    public static StackValue Text(JsonNode? node) => node switch
    {
        null => StackValue.Missing,
        JsonValue v when v.TryGetValue<string>(out var s) => StackValue.Of(s),
        JsonValue v => new StackValue(v.ToJsonString(), false),
        _ => new StackValue(node.ToJsonString(), false),
    };
}
