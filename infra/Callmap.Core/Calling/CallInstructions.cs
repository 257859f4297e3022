using Callmap.Diagnostics;
using Callmap.Planning;

namespace Callmap.Calling;

/// <summary>Everything one caller needs to invoke one service: where, which audience, which grant makes it work, and how to get the token.</summary>
public sealed record CallInstructions(
    string Caller,
    string Service,
    string Url,
    string Audience,
    GrantItem Grant,
    IReadOnlyList<string> Notes,
    IReadOnlyList<TokenRecipe> Recipes);

/// <summary>
/// Why the map does not let this caller call this service, and what to do. <paramref name="Line"/> is the
/// line to write under <c>callers:</c> (replacing the one at <paramref name="At"/> when there is one), and
/// always one the loader accepts; null when no line would make the edge valid.
/// </summary>
public sealed record CallRefusal(string Message, string Fix, SourceLocation? At, string? Line = null);
