using Callmap.Diagnostics;

namespace Callmap.Policies;

/// <summary>One violation of one rule, at the line of the map that causes it, with the fix; on a Pulumi stack, <paramref name="Resource"/> is the resource's URN.</summary>
public sealed record Finding(string RuleId, PolicyLevel Level, SourceLocation At, string Message, string Fix, string? Resource = null);
