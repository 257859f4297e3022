using Callmap.Diagnostics;
using Callmap.Loading;
using Callmap.Yaml;

namespace Callmap.Policies;

/// <summary>
/// Reads policy files (YAML: <c>rules: { RULE: LEVEL }</c> or <c>RULE: { level: LEVEL, PARAM: VALUE }</c>)
/// in order, each overriding the ones before, with the same located errors as maps.
/// </summary>
public static class PolicyLoader
{
    private static string ListExample(string parameter) => parameter switch
    {
        "regions" => "europe-west1",
        "projects" => "acme-ci",
        "poolProjects" => "555555555555",
        "requiredWaf" => "sqli-v33-stable",
        _ => "acme.shop",
    };

    /// <summary>The rule that ends waivers; no policy may turn it down.</summary>
    private const string ExpiredWaiverRule = "expired-waiver";

    private static readonly Dictionary<string, PolicyLevel> Levels = new()
    {
        ["mandatory"] = PolicyLevel.Mandatory,
        ["advisory"] = PolicyLevel.Advisory,
        ["disabled"] = PolicyLevel.Disabled,
    };

    /// <summary>The range of a days parameter (policy.schema.json says the same).</summary>
    public const int MinDays = 1, MaxDays = 3650;

    /// <summary>The rules a policy file may configure: those `check` runs on the map, and those `audit` runs on the live project.</summary>
    public static IReadOnlyList<PolicyRule> KnownRules { get; } = [.. BuiltInRules.All, .. Audit.AuditRules.All];

    public static (PolicySet? Policies, IReadOnlyList<Diagnostic> Diagnostics) Load(IReadOnlyList<(string File, string Text)> files)
    {
        var d = new DiagnosticBag();
        var rules = new Dictionary<string, RuleSettings>(StringComparer.Ordinal);
        foreach (var (file, text) in files)
        {
            if (IsEmpty(text))
            {
                d.Add(DiagnosticCodes.MissingKey, new SourceLocation(file, 1, 1), "the policy file is empty",
                    "start from policies/baseline.yaml: a policy is rules: { RULE: LEVEL } or { RULE: { level: LEVEL, PARAMETER: VALUE } }");
                continue;
            }
            if (YamlReader.Read(file, text, YamlLimits.Default, d) is not { } root) continue;
            if (Nodes.Mapping(root, "the policy", d, "rules: { no-public-members: mandatory }") is not { } top) continue;
            var reader = new MappingReader(top, "the policy", d, "rules");
            if (reader.Required("rules", "{ no-public-members: mandatory }") is not { } rulesNode
                || Nodes.Mapping(rulesNode, "rules", d, "{ no-public-members: mandatory }") is not { } ruleMap) continue;
            foreach (var entry in ruleMap.Entries)
                if (Rule(entry, rules, d) is { } settings)
                    rules[entry.Key.Value] = settings;
        }
        return d.HasErrors ? (null, d.Sorted()) : (new PolicySet(files.Select(f => f.File).ToList(), rules), []);
    }

    /// <summary>Loads policy files in order; locations name them relative to <paramref name="relativeTo"/> (default: the current directory).</summary>
    public static (PolicySet? Policies, IReadOnlyList<Diagnostic> Diagnostics) LoadFiles(IEnumerable<string> paths, string? relativeTo = null)
    {
        var files = new List<(string, string)>();
        foreach (var path in paths)
        {
            var display = DisplayPath.Of(path, relativeTo);
            var read = BoundedFile.Read(path, display, InputKind.Policy);
            if (!read.Succeeded) return (null, [read.Error!]);
            files.Add((display, read.Text!));
        }
        return Load(files);
    }

    /// <summary>Nothing but blank lines, comments and document markers: YAML's empty stream, which the map reader would call "the map is empty".</summary>
    private static bool IsEmpty(string text) =>
        text.Split('\n').Select(l => l.Trim()).All(l => l.Length == 0 || l[0] == '#' || l is "---" or "...");

    private static RuleSettings? Rule(YEntry entry, Dictionary<string, RuleSettings> earlier, DiagnosticBag d)
    {
        var id = entry.Key.Value;
        if (KnownRules.FirstOrDefault(r => r.Id == id) is not { } rule)
        {
            d.Add(DiagnosticCodes.UnknownKey, entry.Key.At, $"'{id}' is not a callmap rule",
                $"{Suggestions.DidYouMean(id, KnownRules.Select(r => r.Id))}rules: {string.Join(", ", KnownRules.Select(r => r.Id))}");
            return null;
        }
        var previous = earlier.GetValueOrDefault(id);
        var parameters = new Dictionary<string, object>(previous?.Parameters ?? new Dictionary<string, object>(), StringComparer.Ordinal);
        if (entry.Value is YScalar)
        {
            if (Nodes.Choice(entry.Value, $"rules.{id}", Levels, d) is not { } level) return null;
            if (id == ExpiredWaiverRule && level != PolicyLevel.Mandatory)
            {
                d.Add(DiagnosticCodes.InvalidValue, entry.Value.At, $"'{ExpiredWaiverRule}' must stay mandatory: below it, an expired waiver would go on waiving",
                    "remove this line (it is mandatory); to allow longer waivers, raise maxDays (at most 3650)");
                return null;
            }
            return new RuleSettings(level, parameters, entry.Key.At);
        }

        if (Nodes.Mapping(entry.Value, $"rules.{id}", d, "{ level: mandatory }") is not { } body) return null;
        var reader = new MappingReader(body, $"rule '{id}'", d, ["level", .. rule.Parameters.Keys]);
        var levelValue = reader.Optional("level") is { } l ? Nodes.Choice(l, $"rules.{id}.level", Levels, d) : previous?.Level ?? PolicyLevel.Mandatory;
        foreach (var (name, kind) in rule.Parameters)
        {
            if (reader.Optional(name) is not { } node) continue;
            object? value = kind switch
            {
                ParameterKind.Bool => Nodes.Bool(node, $"rules.{id}.{name}", d),
                ParameterKind.Text => rule.Choices.TryGetValue(name, out var words)
                    ? Nodes.Word(node, $"rules.{id}.{name}", words.ToDictionary(w => w, w => w, StringComparer.Ordinal), d)
                    : Nodes.Text(node, $"rules.{id}.{name}", d, "value"),
                ParameterKind.Days => Nodes.Int(node, $"rules.{id}.{name}", MinDays, MaxDays, d),
                _ => Nodes.Sequence(node, $"rules.{id}.{name}", d, "[europe-west1]") is { } list
                    ? list.Items.Select(i => Nodes.Text(i, $"rules.{id}.{name}[]", d, "value")).OfType<string>().ToList() : null,
            };
            // An empty allow list reads as "nothing allowed" but each rule treats a missing list as "no restriction":
            // written out, it can only be a mistake or a way to switch the rule off.
            if (value is List<string> { Count: 0 })
            {
                d.Add(DiagnosticCodes.InvalidValue, node.At, $"rules.{id}.{name} is an empty list, which this rule reads as no restriction at all",
                    $"list what is allowed, e.g. {name}: [{ListExample(name)}], or remove '{name}' to say so plainly");
                continue;
            }
            if (value is not null) parameters[name] = value;
        }
        if (id == ExpiredWaiverRule && levelValue is not null and not PolicyLevel.Mandatory)
        {
            // Waivers end: turning this rule down would let every waiver last forever.
            d.Add(DiagnosticCodes.InvalidValue, reader.Optional("level")?.At ?? entry.Key.At, $"'{ExpiredWaiverRule}' must stay mandatory: below it, an expired waiver would go on waiving",
                "remove the level (it is mandatory); to allow longer waivers, raise maxDays (at most 3650)");
            return null;
        }
        return levelValue is null ? null : new RuleSettings(levelValue.Value, parameters, entry.Key.At);
    }
}
