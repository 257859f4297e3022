namespace Callmap.Tokens;

public enum TokenKind
{
    GoogleServiceAccountIdToken,
    GoogleUserIdToken,
    IdentityPlatformIdToken,
    GoogleAccessToken,
    OtherJwt,
}

/// <summary>One thing Cloud Run (or the app) checks, and whether this token passes it.</summary>
public sealed record TokenCheck(string Name, bool Passed, string Detail);

/// <summary>
/// What a token is, what Cloud Run would say to it for one service of the map, and the fix. The
/// signature is never verified (offline); <see cref="Claims"/> are shown as decoded.
/// </summary>
public sealed record TokenExplanation(
    TokenKind Kind,
    string KindText,
    IReadOnlyList<(string Name, string Value)> Claims,
    string Service,
    IReadOnlyList<TokenCheck> Checks,
    string Predicted,
    string? Fix);
