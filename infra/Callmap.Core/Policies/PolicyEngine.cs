namespace Callmap.Policies;

/// <summary>A finding the map waives, and the waiver that does it.</summary>
public sealed record WaivedFinding(Finding Finding, Model.Waiver Waiver);

/// <summary>
/// The outcome of checking one map: the findings that count, sorted by location; those active waivers
/// set aside; the active waivers themselves; and how each rule fared.
/// </summary>
public sealed record CheckResult(IReadOnlyList<Finding> Findings, IReadOnlyList<(PolicyRule Rule, PolicyLevel Level)> Evaluated,
    IReadOnlyList<WaivedFinding> Waived, IReadOnlyList<Model.Waiver> ActiveWaivers)
{
    public bool HasMandatoryViolations => Findings.Any(f => f.Level == PolicyLevel.Mandatory);

    /// <summary>Rules the policy files switched off: every report names them, so turning a rule off is never silent.</summary>
    public IReadOnlyList<string> Disabled { get; init; } = [];
}

public static class PolicyEngine
{
    /// <summary>The rule that judges waivers themselves; its findings cannot be waived.</summary>
    public const string ExpiredWaiverRule = "expired-waiver";

    public static CheckResult Check(PolicyContext context, PolicySet policies)
    {
        var judged = BuiltInRules.All.Where(r => PulumiStacks.StackRules.Judges(r.Id, context)).Select(r => (Rule: r, policies.For(r.Id).Level)).ToList();
        var evaluated = judged.Where(p => p.Level != PolicyLevel.Disabled).ToList();
        var findings = context.Stack is null
            ? evaluated.SelectMany(p => p.Rule.Check(context, policies.For(p.Rule.Id)).Select(f => new Finding(p.Rule.Id, p.Level, f.At, f.Message, f.Fix, f.Subject)))
            // A stack has no waivers; its findings are named by the resource's URN.
            : evaluated.SelectMany(p => PulumiStacks.StackRules.Check(p.Rule.Id, context, policies.For(p.Rule.Id))
                .Select(f => new Finding(p.Rule.Id, p.Level, f.At, f.Message, f.Fix, f.Resource.Urn, f.Resource.Urn)));
        return Verdict(findings, evaluated, context.Map, context.Date) with
        {
            Disabled = judged.Where(p => p.Level == PolicyLevel.Disabled).Select(p => p.Rule.Id).ToList(),
        };
    }

    /// <summary>Sorts findings by location and sets aside those the map's active waivers cover; shared by `check` and `audit`.</summary>
    public static CheckResult Verdict(IEnumerable<Finding> findings, IReadOnlyList<(PolicyRule Rule, PolicyLevel Level)> evaluated, Model.AccessMap map, DateOnly date)
    {
        var all = findings.OrderBy(f => f.At).ThenBy(f => f.RuleId, StringComparer.Ordinal).ToList();
        // A waiver sets aside the one finding of its rule whose subject it repeats exactly, until it expires.
        // A subject that names several findings waives none of them (a waiver is a decision about one
        // finding), and the waiver rule's own findings are never waivable: a waiver cannot excuse itself.
        var active = (map.Waivers ?? []).Where(w => w.Expires >= date).ToList();
        var waived = all.Where(f => f.RuleId != ExpiredWaiverRule)
            .GroupBy(f => (f.RuleId, f.Subject)).Where(g => g.Count() == 1).Select(g => g.Single())
            .Select(f => (f, waiver: active.FirstOrDefault(w => w.Rule == f.RuleId && w.Subject == f.Subject)))
            .Where(p => p.waiver is not null).Select(p => new WaivedFinding(p.f, p.waiver!)).ToList();
        return new CheckResult(all.Except(waived.Select(w => w.Finding)).ToList(), evaluated, waived, active);
    }
}
