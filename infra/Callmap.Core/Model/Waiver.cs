using Callmap.Diagnostics;

namespace Callmap.Model;

/// <summary>
/// A finding the map accepts for a while: the rule, the subject the finding names (a caller, a service,
/// a domain), why, and until when. After <see cref="Expires"/> the waiver is itself a violation.
/// </summary>
public sealed record Waiver(string Rule, string Subject, string Reason, DateOnly Expires, SourceLocation At);
