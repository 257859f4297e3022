namespace Callmap.Planning;

/// <summary>
/// What an in-app service must check in its users' Identity Platform / Firebase ID tokens, and the
/// environment variables that tell it (gcp-facts.md § End users: iss and aud of those tokens).
/// </summary>
public static class EndUserTokens
{
    public const string IssuerVariable = "END_USER_TOKEN_ISSUER";
    public const string AudienceVariable = "END_USER_TOKEN_AUDIENCE";

    public static string Issuer(string project) => $"https://securetoken.google.com/{project}";

    public static string Audience(string project) => project;
}
