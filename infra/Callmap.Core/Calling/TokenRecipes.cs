namespace Callmap.Calling;

/// <summary>One way to get a Google-signed ID token for an audience, ready to paste.</summary>
public sealed record TokenRecipe(string Title, string Code);

/// <summary>
/// How code fetches an ID token for an audience (gcp-facts.md § Getting a token): the metadata server
/// and the google-auth libraries of five languages. <paramref name="audience"/> is an expression in each
/// language, so a workload of the map can read the variable callmap sets instead of a literal.
/// </summary>
public static class TokenRecipes
{
    public static IReadOnlyList<TokenRecipe> FromRuntime(string audienceLiteral, string? audienceVariable, string? urlVariable)
    {
        string Env(string lang) => audienceVariable is null ? Quote(audienceLiteral) : lang switch
        {
            "cs" => $"Environment.GetEnvironmentVariable(\"{audienceVariable}\")",
            "go" => $"os.Getenv(\"{audienceVariable}\")",
            "js" => $"process.env.{audienceVariable}",
            "py" => $"os.environ[\"{audienceVariable}\"]",
            _ => $"System.getenv(\"{audienceVariable}\")",
        };
        var url = urlVariable is null ? "URL" : $"${urlVariable}";
        return
        [
            new("Metadata server (any language, on Cloud Run, functions, GKE, Compute Engine)",
                $"curl -s -H \"Metadata-Flavor: Google\" \\\n  \"http://metadata.google.internal/computeMetadata/v1/instance/service-accounts/default/identity?audience={(audienceVariable is null ? audienceLiteral : "$" + audienceVariable)}\""),
            new("C# (Google.Apis.Auth)",
                $"var credential = await GoogleCredential.GetApplicationDefaultAsync();\n"
                + $"var oidc = await credential.GetOidcTokenAsync(OidcTokenOptions.FromTargetAudience({Env("cs")}));\n"
                + "var token = await oidc.GetAccessTokenAsync();\n"
                + "http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(\"Bearer\", token);"),
            new("Go (google.golang.org/api/idtoken)",
                $"client, err := idtoken.NewClient(ctx, {Env("go")})\n// client adds the token to every request: client.Get(...)"),
            new("Node.js (google-auth-library)",
                $"const client = await new GoogleAuth().getIdTokenClient({Env("js")});\nconst res = await client.request({{ url: {(urlVariable is null ? "'URL'" : $"process.env.{urlVariable}")} }});"),
            new("Python (google-auth)",
                $"token = google.oauth2.id_token.fetch_id_token(google.auth.transport.requests.Request(), {Env("py")})\n"
                + "headers = {\"Authorization\": f\"Bearer {token}\"}"),
            new("Java (google-auth-library-oauth2-http)",
                "GoogleCredentials credentials = GoogleCredentials.getApplicationDefault();\n"
                + $"IdTokenCredentials idToken = IdTokenCredentials.newBuilder()\n    .setIdTokenProvider((IdTokenProvider) credentials)\n    .setTargetAudience({Env("java")}).build();\n"
                + "idToken.refresh();\nString token = idToken.getIdToken().getTokenValue();"),
        ];
    }

    private static string Quote(string value) => $"\"{value}\"";
}
