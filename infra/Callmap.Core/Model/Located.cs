using Callmap.Diagnostics;

namespace Callmap.Model;

/// <summary>A value together with the place in the map it was written, for errors and findings.</summary>
public readonly record struct Located<T>(T Value, SourceLocation At)
{
    public override string ToString() => Value?.ToString() ?? "";
}
