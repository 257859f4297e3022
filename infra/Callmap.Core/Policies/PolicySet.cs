namespace Callmap.Policies;

/// <summary>The settings of every rule after reading the policy files in order; a rule no file names is mandatory with its defaults.</summary>
public sealed record PolicySet(IReadOnlyList<string> Files, IReadOnlyDictionary<string, RuleSettings> Rules)
{
    public RuleSettings For(string ruleId) =>
        Rules.TryGetValue(ruleId, out var settings) ? settings : new RuleSettings(PolicyLevel.Mandatory, new Dictionary<string, object>(), null);
}
