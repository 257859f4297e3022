namespace Callmap.Policies;

/// <summary>The outcome of checking one map: every finding, sorted by location, and how each rule fared.</summary>
public sealed record CheckResult(IReadOnlyList<Finding> Findings, IReadOnlyList<(PolicyRule Rule, PolicyLevel Level)> Evaluated)
{
    public bool HasMandatoryViolations => Findings.Any(f => f.Level == PolicyLevel.Mandatory);
}

public static class PolicyEngine
{
    public static CheckResult Check(PolicyContext context, PolicySet policies)
    {
        var evaluated = BuiltInRules.All.Select(r => (Rule: r, policies.For(r.Id).Level)).Where(p => p.Level != PolicyLevel.Disabled).ToList();
        var findings = evaluated
            .SelectMany(p => p.Rule.Check(context, policies.For(p.Rule.Id)).Select(f => new Finding(p.Rule.Id, p.Level, f.At, f.Message, f.Fix)))
            .OrderBy(f => f.At).ThenBy(f => f.RuleId, StringComparer.Ordinal)
            .ToList();
        return new CheckResult(findings, evaluated);
    }
}
