using Callmap.Diagnostics;
using Callmap.Model;
using Callmap.Planning;
using Callmap.Policies;

namespace Callmap.PulumiStacks;

/// <summary>
/// Checks a Pulumi stack with the same engine, rules and policy files as a map: the context carries the
/// stack's facts and an empty map and plan (a stack has no map, so no waivers), and the engine evaluates
/// the rules that judge resources.
/// </summary>
public static class StackCheck
{
    public static (CheckResult? Result, IReadOnlyList<Diagnostic> Errors) File(string path, string display, PulumiDocument document, PolicySet policies,
        Roles.RoleCatalog? roles = null, DateOnly? today = null, PulumiReadLimits? limits = null)
    {
        var (resources, errors) = PulumiStackReader.ReadFile(path, display, document, limits);
        return resources is null ? (null, errors) : (Check(StackFactsBuilder.From(display, document, resources), policies, roles, today), []);
    }

    /// <summary>Checks resources read from a stream (the CrossGuard pack's standard input).</summary>
    public static (CheckResult? Result, IReadOnlyList<Diagnostic> Errors) Stream(Stream input, string display, PulumiDocument document, PolicySet policies,
        Roles.RoleCatalog? roles = null, DateOnly? today = null, PulumiReadLimits? limits = null)
    {
        var (resources, errors) = PulumiStackReader.ReadStream(input, display, document, limits);
        return resources is null ? (null, errors) : (Check(StackFactsBuilder.From(display, document, resources), policies, roles, today), []);
    }

    public static CheckResult Check(StackFacts facts, PolicySet policies, Roles.RoleCatalog? roles = null, DateOnly? today = null) =>
        PolicyEngine.Check(Context(facts, roles, today), policies);

    public static PolicyContext Context(StackFacts facts, Roles.RoleCatalog? roles = null, DateOnly? today = null)
    {
        var none = new Located<string>("", new SourceLocation(facts.File, 1, 1));
        var map = new AccessMap(facts.File, none, none, none, [], []);
        var plan = new Plan(facts.File, "", "", "", [], PublicSurface.None);
        return new PolicyContext(map, plan, roles, today) { Stack = facts };
    }
}
