using System.Text.Json;
using System.Text.Json.Nodes;
using Callmap.Loading;
using Callmap.Model;
using Callmap.Planning;
using YamlDotNet.RepresentationModel;

namespace Callmap.Deploy.Tests;

/// <summary>
/// A stack the repository ships (<c>stacks/Pulumi.STACK.yaml</c>), read with YamlDotNet, and its config
/// in the form the Pulumi CLI hands it to a program: the <c>PULUMI_CONFIG</c> JSON object of full keys
/// (<c>gcp:project</c>, <c>callmap:map</c>) to strings, where a list or an object is itself a JSON string,
/// and <c>PULUMI_CONFIG_SECRET_KEYS</c>, the JSON list of the keys that are secrets.
/// </summary>
public sealed class ShippedStack
{
    private ShippedStack(string name, IReadOnlyDictionary<string, string> config, AccessMap map)
    {
        Name = name;
        Config = config;
        Map = map;
        Plan = Planner.Create(map);
        // The secrets the map reads from config: the stack file cannot hold them in clear, so tests use stand-in values.
        Secrets = ConfigSecrets.Keys(Plan).ToDictionary(key => $"{Stacks.StackSettings.ConfigNamespace}:{key}", TestSecretValue, StringComparer.Ordinal);
    }

    public static IReadOnlyList<string> Names { get; } = Directory.GetFiles(RepoPaths.Stacks, "Pulumi.*.yaml")
        .Select(path => Path.GetFileName(path)["Pulumi.".Length..^".yaml".Length]).Order(StringComparer.Ordinal).ToList();

    public static ShippedStack Read(string name) => Cache.GetOrAdd(name, Load);

    /// <summary>The project number the shipped map for <paramref name="projectId"/> declares, or null when no shipped map is for that project.</summary>
    public static string? ProjectNumberOf(string projectId) =>
        Names.Select(Read).FirstOrDefault(s => s.Map.Project.Value == projectId)?.Map.ProjectNumber.Value;

    public string Name { get; }

    /// <summary>The stack file's plain config, full keys to the strings Pulumi passes.</summary>
    public IReadOnlyDictionary<string, string> Config { get; }

    /// <summary>Each config secret the map reads (full key) with its stand-in value.</summary>
    public IReadOnlyDictionary<string, string> Secrets { get; }

    /// <summary>The access map the stack names in <c>callmap:map</c>.</summary>
    public AccessMap Map { get; }

    public Plan Plan { get; }

    public static string TestSecretValue(string fullKey) => $"test-value-of-{fullKey}";

    /// <summary>The <c>PULUMI_CONFIG</c> JSON: plain config and secrets (Pulumi passes secrets decrypted, and names them in the secret keys).</summary>
    public string PulumiConfigJson(IEnumerable<string>? withoutKeys = null)
    {
        var left = withoutKeys?.ToHashSet(StringComparer.Ordinal) ?? [];
        return PulumiConfigJson(Config.Concat(Secrets).Where(c => !left.Contains(c.Key)));
    }

    /// <summary>The <c>PULUMI_CONFIG_SECRET_KEYS</c> JSON list.</summary>
    public string PulumiConfigSecretKeysJson() => PulumiConfigSecretKeysJson(Secrets.Keys);

    /// <summary>
    /// <c>PULUMI_CONFIG</c> for any config, full keys to the strings Pulumi passes: also for stacks that are
    /// not shipped (the deploy benchmark writes synthetic ones), so they reach the program the same way.
    /// </summary>
    public static string PulumiConfigJson(IEnumerable<KeyValuePair<string, string>> config)
    {
        var json = new JsonObject();
        foreach (var (key, value) in config) json[key] = value;
        return json.ToJsonString();
    }

    public static string PulumiConfigSecretKeysJson(IEnumerable<string> secretKeys) => JsonSerializer.Serialize(secretKeys.Order(StringComparer.Ordinal));

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, ShippedStack> Cache = new(StringComparer.Ordinal);

    private static ShippedStack Load(string name)
    {
        var file = Path.Combine(RepoPaths.Stacks, $"Pulumi.{name}.yaml");
        var config = ReadConfig(file);
        var mapPath = config[$"{Stacks.StackSettings.ConfigNamespace}:map"];
        var loaded = AccessMapLoader.LoadFile(Path.Combine(RepoPaths.Root, mapPath), relativeTo: RepoPaths.Root);
        if (!loaded.Succeeded) throw new InvalidOperationException($"{mapPath} (named by {file}) does not load:\n{string.Join("\n", loaded.Diagnostics)}");
        return new ShippedStack(name, config, loaded.Map!);
    }

    /// <summary>The <c>config:</c> of a <c>Pulumi.STACK.yaml</c> file, full keys to the strings Pulumi passes to the program.</summary>
    public static Dictionary<string, string> ReadConfig(string file)
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(file)) yaml.Load(reader);
        var root = (YamlMappingNode)yaml.Documents.Single().RootNode;
        return ((YamlMappingNode)root.Children[new YamlScalarNode("config")]).Children
            .ToDictionary(c => ((YamlScalarNode)c.Key).Value!, c => ConfigValue(file, c.Value), StringComparer.Ordinal);
    }

    /// <summary>A scalar as its text; a list or an object as the JSON string Pulumi passes for structured config.</summary>
    private static string ConfigValue(string file, YamlNode node) => node switch
    {
        YamlMappingNode m when m.Children.ContainsKey(new YamlScalarNode("secure")) =>
            throw new InvalidOperationException($"{file}:{node.Start.Line}: an encrypted value; the tests give only the map's config secrets stand-in values"),
        YamlScalarNode s => s.Value ?? "",
        _ => Json(node)!.ToJsonString(),
    };

    private static JsonNode? Json(YamlNode node) => node switch
    {
        YamlScalarNode s => JsonValue.Create(s.Value),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(Json).ToArray()),
        YamlMappingNode map => new JsonObject(map.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, Json(c.Value)))),
        _ => throw new InvalidOperationException($"unsupported YAML node {node.NodeType}"),
    };
}
