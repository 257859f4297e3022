namespace Callmap.Diagnostics;

/// <summary>
/// One problem with a map: where it is, what is wrong, and what to write instead.
/// <see cref="Code"/> is stable so that CI annotations and tests can key on it.
/// </summary>
public sealed record Diagnostic(string Code, SourceLocation At, string Message, string Fix)
{
    public override string ToString() => $"{At}: error[{Code}] {Message}";
}
