using Callmap.Diagnostics;

namespace Callmap.Policies;

/// <summary>
/// A rule as the policy files configure it: its level and its parameters (the last file that sets a
/// value wins). Parameter values are kept as written; each rule reads the ones it declares.
/// </summary>
public sealed record RuleSettings(PolicyLevel Level, IReadOnlyDictionary<string, object> Parameters, SourceLocation? SetAt)
{
    public bool Bool(string name, bool fallback) => Parameters.TryGetValue(name, out var v) && v is bool b ? b : fallback;

    public string? Text(string name) => Parameters.TryGetValue(name, out var v) ? v as string : null;

    public int Days(string name, int fallback) => Parameters.TryGetValue(name, out var v) && v is int days ? days : fallback;

    public IReadOnlyList<string> List(string name) => Parameters.TryGetValue(name, out var v) && v is IReadOnlyList<string> list ? list : [];
}
