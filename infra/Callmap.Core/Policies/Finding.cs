using Callmap.Diagnostics;

namespace Callmap.Policies;

/// <summary>
/// One violation of one rule, at the line of the map that causes it, with the fix. <see cref="Subject"/>
/// names this one finding among the rule's (a grant as "MEMBER on TARGET", a workload, a domain): a
/// waiver must repeat it exactly, so a waiver can never set aside more than the finding it names. On a
/// Pulumi stack, <paramref name="Resource"/> is the resource's URN.
/// </summary>
public sealed record Finding(string RuleId, PolicyLevel Level, SourceLocation At, string Message, string Fix, string Subject, string? Resource = null);
