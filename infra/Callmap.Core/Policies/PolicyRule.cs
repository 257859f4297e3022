using Callmap.Model;
using Callmap.Planning;

namespace Callmap.Policies;

/// <summary>What a rule sees: the map as written, the plan it yields, and the role facts minimality is judged by.</summary>
public sealed record PolicyContext(AccessMap Map, Plan Plan, Roles.RoleCatalog? RoleFacts = null, DateOnly? Today = null)
{
    /// <summary>The day waivers are judged on; the CLI passes the UTC date.</summary>
    public DateOnly Date => Today ?? DateOnly.FromDateTime(DateTime.UtcNow);

    /// <summary>The roles file given with --roles, or the facts callmap ships.</summary>
    public Roles.RoleCatalog Roles => RoleFacts ?? Callmap.Roles.RoleCatalog.Shipped;

    /// <summary>Set when the rules judge the resources of a Pulumi stack (a preview or a state export) instead of the map's plan.</summary>
    public PulumiStacks.StackFacts? Stack { get; init; }
}

/// <summary>
/// A least-privilege rule: a stable id (also its anchor in policies/README.md), a one-line title, the
/// parameters it accepts, and the check. Rules report what they find; levels are the policies' business.
/// </summary>
public sealed record PolicyRule(
    string Id,
    string Title,
    string Help,
    IReadOnlyDictionary<string, ParameterKind> Parameters,
    Func<PolicyContext, RuleSettings, IEnumerable<(Diagnostics.SourceLocation At, string Subject, string Message, string Fix)>> Check)
{
    public string DocsAnchor => $"policies/README.md#{Id}";

    /// <summary>
    /// The words a text parameter may take (policy.schema.json's enums; a test keeps the two equal). A
    /// misspelt word must be an error: a rule that reads "denyy" as "no demand" is a disabled check.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Choices { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
}

/// <summary>What a rule parameter holds: true/false, a word, a list of words, or a whole number of days (1–3650).</summary>
public enum ParameterKind { Bool, Text, List, Days }
