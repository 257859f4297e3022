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

/// <summary>Why the map does not let this caller call this service, and the line to write if it should.</summary>
public sealed record CallRefusal(string Message, string Fix, SourceLocation? At);
