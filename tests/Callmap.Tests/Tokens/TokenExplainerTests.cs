using System.Security.Cryptography;
using Callmap.Loading;
using Callmap.Model;
using Callmap.Planning;
using Callmap.Tests.Support;
using Callmap.Tokens;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Callmap.Tests.Tokens;

/// <summary>Tokens built here with the claim sets Google and Identity Platform issue, signed with a throwaway key.</summary>
public class TokenExplainerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
    private static readonly AccessMap Map = LoadDev();
    private static readonly Plan Plan = Planner.Create(Map);
    private static readonly RsaSecurityKey Key = new(RSA.Create(2048)) { KeyId = "6f7254101f56e41cf35c9926de84a2d552b4c6f1" };
    private const string OrdersUrl = "https://orders-123456789012.europe-west1.run.app";
    private const string ApiAccount = "run-api@acme-shop-dev.iam.gserviceaccount.com";

    private static AccessMap LoadDev()
    {
        var path = Path.Combine(RepoPaths.Stacks, "dev.yaml");
        return AccessMapLoader.Load("stacks/dev.yaml", File.ReadAllText(path)).Map!;
    }

    /// <summary>What the metadata server or a google-auth library returns: iss, aud, azp, email, sub, iat, exp.</summary>
    private static string GoogleIdToken(string email, string? audience, TimeSpan expiresIn, string issuer = "https://accounts.google.com")
    {
        var claims = new Dictionary<string, object>
        {
            ["sub"] = "113945209382058372611",
            ["azp"] = "113945209382058372611",
            ["email"] = email,
            ["email_verified"] = true,
        };
        return Sign(issuer, audience, expiresIn, claims);
    }

    /// <summary>What a Firebase / Identity Platform client SDK returns for a signed-in user.</summary>
    private static string FirebaseIdToken(string project, TimeSpan expiresIn) => Sign($"https://securetoken.google.com/{project}", project, expiresIn,
        new Dictionary<string, object>
        {
            ["sub"] = "kJ8sN2xQ7vRtYb3mWq1zLp0aH4c2",
            ["user_id"] = "kJ8sN2xQ7vRtYb3mWq1zLp0aH4c2",
            ["email"] = "shopper@example.com",
            ["auth_time"] = Now.AddMinutes(-10).ToUnixTimeSeconds(),
            ["firebase"] = new Dictionary<string, object> { ["sign_in_provider"] = "password" },
        });

    private static string Sign(string issuer, string? audience, TimeSpan expiresIn, Dictionary<string, object> claims) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = (Now + expiresIn - TimeSpan.FromHours(1)).UtcDateTime,
            Expires = (Now + expiresIn).UtcDateTime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(Key, SecurityAlgorithms.RsaSha256),
        });

    private static TokenExplanation Explain(string token, string service) => TokenExplainer.Explain(token, Map, Plan, service, Now)!;

    [Fact]
    public void A_service_accounts_token_for_the_right_audience_with_a_grant_is_let_in()
    {
        var e = Explain(GoogleIdToken(ApiAccount, OrdersUrl, TimeSpan.FromMinutes(45)), "orders");

        Assert.Equal(TokenKind.GoogleServiceAccountIdToken, e.Kind);
        Assert.StartsWith("200", e.Predicted);
        Assert.All(e.Checks, c => Assert.True(c.Passed));
        Assert.Null(e.Fix);
        Snapshot.Match(TokenReport.Render(e, "stacks/dev.yaml"), "Tokens/service-account-200");
    }

    [Fact]
    public void A_workload_without_the_grant_gets_403_and_the_caller_line_to_write()
    {
        var e = Explain(GoogleIdToken("run-payments@acme-shop-dev.iam.gserviceaccount.com", OrdersUrl, TimeSpan.FromMinutes(45)), "orders");

        Assert.StartsWith("403", e.Predicted);
        Assert.Equal("let 'payments' call it: payments: [orders]", e.Fix);
        Snapshot.Match(TokenReport.Render(e, "stacks/dev.yaml"), "Tokens/service-account-403");
    }

    [Fact]
    public void An_outside_account_without_the_grant_is_told_the_member_line()
    {
        var e = Explain(GoogleIdToken("deployer@acme-ci.iam.gserviceaccount.com", OrdersUrl, TimeSpan.FromMinutes(45)), "orders");

        Assert.Equal("add under callers: serviceAccount:deployer@acme-ci.iam.gserviceaccount.com: [orders]", e.Fix);
    }

    [Theory]
    [InlineData("https://payments-123456789012.europe-west1.run.app", "is not https://orders")]
    [InlineData("https://orders-123456789012.europe-west1.run.app/", "trailing '/'")]
    [InlineData(null, "no audience")]
    public void A_wrong_or_missing_audience_is_401_with_the_audience_to_request(string? audience, string detail)
    {
        var e = Explain(GoogleIdToken(ApiAccount, audience, TimeSpan.FromMinutes(45)), "orders");

        Assert.StartsWith("401", e.Predicted);
        Assert.Contains(detail, e.Checks.Single(c => c.Name == "audience").Detail);
        Assert.Equal($"request the audience {OrdersUrl} exactly", e.Fix);
    }

    [Fact]
    public void An_expired_token_is_401_and_says_how_long_ago()
    {
        var e = Explain(GoogleIdToken(ApiAccount, OrdersUrl, TimeSpan.FromMinutes(-20)), "orders");

        Assert.StartsWith("401", e.Predicted);
        Assert.Equal("expired 20 min ago", e.Checks.Single(c => c.Name == "expiry").Detail);
        Snapshot.Match(TokenReport.Render(e, "stacks/dev.yaml"), "Tokens/expired-401");
    }

    [Fact]
    public void A_developers_gcloud_token_passes_only_through_group_membership_which_offline_cannot_check()
    {
        var e = Explain(GoogleIdToken("jane@acme.shop", "32555940559.apps.googleusercontent.com", TimeSpan.FromMinutes(50)), "orders");

        Assert.Equal(TokenKind.GoogleUserIdToken, e.Kind);
        Assert.Equal("200 OK if the user is in the group, otherwise 403 Forbidden", e.Predicted);
        Assert.Contains("group:backend-devs@acme.shop", e.Checks.Single(c => c.Name == "grant").Detail);
        Assert.Contains("documented rule names only", e.Checks.Single(c => c.Name == "audience").Detail);
    }

    [Fact]
    public void A_firebase_token_on_a_private_service_is_401_because_end_users_are_not_iam_principals()
    {
        var e = Explain(FirebaseIdToken("acme-shop-dev", TimeSpan.FromMinutes(55)), "orders");

        Assert.Equal(TokenKind.IdentityPlatformIdToken, e.Kind);
        Assert.StartsWith("401", e.Predicted);
        Assert.Contains("not IAM principals", e.Checks.Last().Detail);
        Assert.Contains("auth mode in-app", e.Fix);
        Snapshot.Match(TokenReport.Render(e, "stacks/dev.yaml"), "Tokens/firebase-private-401");
    }

    [Fact]
    public void A_firebase_token_reaches_an_in_app_service_through_the_load_balancer_and_the_app_checks_the_project()
    {
        var ok = Explain(FirebaseIdToken("acme-shop-dev", TimeSpan.FromMinutes(55)), "api");
        Assert.Equal("200 OK if sent to https://api.dev.acme.shop/ and the app verifies it", ok.Predicted);

        var otherProject = Explain(FirebaseIdToken("acme-shop-prod", TimeSpan.FromMinutes(55)), "api");
        Assert.Equal("401 from the app", otherProject.Predicted);
        Assert.Equal("sign the user in to the acme-shop-dev project", otherProject.Fix);
    }

    [Fact]
    public void A_firebase_token_on_an_iap_service_for_google_identities_is_refused()
    {
        var e = Explain(FirebaseIdToken("acme-shop-dev", TimeSpan.FromMinutes(55)), "admin");

        Assert.StartsWith("401", e.Predicted);
        Assert.Contains("identity-platform", e.Fix);
    }

    [Fact]
    public void A_google_token_sent_straight_to_a_public_service_is_refused_by_its_ingress()
    {
        var e = Explain(GoogleIdToken(ApiAccount, "https://admin-123456789012.europe-west1.run.app", TimeSpan.FromMinutes(45)), "admin");

        Assert.Equal("refused unless sent through IAP", e.Predicted);
        Assert.Equal("call https://admin.dev.acme.shop/ through IAP", e.Fix);
    }

    [Fact]
    public void Access_tokens_and_other_issuers_are_401_with_what_to_send_instead()
    {
        var access = Explain("ya29.a0AfB_byC3xQexample", "orders");
        Assert.Equal((TokenKind.GoogleAccessToken, "401 Unauthorized"), (access.Kind, access.Predicted));

        var other = Explain(GoogleIdToken("jane@acme.shop", OrdersUrl, TimeSpan.FromMinutes(30), issuer: "https://acme.eu.auth0.com/"), "orders");
        Assert.Equal((TokenKind.OtherJwt, "401 Unauthorized"), (other.Kind, other.Predicted));
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("a.b")]
    [InlineData("eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.c2ln")]
    [InlineData("")]
    public void Malformed_input_is_not_explained(string input) =>
        Assert.Null(TokenExplainer.Explain(input, Map, Plan, "orders", Now));

    [Fact]
    public void A_bearer_prefix_is_ignored()
    {
        var e = Explain("Bearer " + GoogleIdToken(ApiAccount, OrdersUrl, TimeSpan.FromMinutes(45)), "orders");

        Assert.StartsWith("200", e.Predicted);
    }

    /// <summary>A compact JWS built by hand from JSON, for claims no well-behaved library writes.</summary>
    private static string Raw(string header, string payload, string signature = "c2ln") =>
        $"{Base64UrlEncoder.Encode(header)}.{Base64UrlEncoder.Encode(payload)}.{signature}";

    private static string GoodPayload(string exp) =>
        $$"""{"iss":"https://accounts.google.com","aud":"{{OrdersUrl}}","email":"{{ApiAccount}}","sub":"1","exp":{{exp}}}""";

    [Fact]
    public void An_unsigned_token_is_401_because_google_rejects_unsigned_tokens_whatever_it_claims()
    {
        var e = Explain(Raw("""{"alg":"none","typ":"JWT"}""", GoodPayload(Now.AddMinutes(30).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)), ""), "orders");

        Assert.Equal("401 Unauthorized", e.Predicted);
        Assert.Contains(e.Checks, c => c is { Name: "signature", Passed: false });
        Snapshot.Match(TokenReport.Render(e, "stacks/dev.yaml"), "Tokens/unsigned-401");
    }

    [Fact]
    public void An_encrypted_five_part_token_is_named_as_such_and_predicted_401()
    {
        var jwe = $"{Base64UrlEncoder.Encode("""{"alg":"RSA-OAEP","enc":"A256GCM"}""")}.ZW5jcnlwdGVka2V5.aXY.Y2lwaGVydGV4dA.dGFn";

        var e = Explain(jwe, "orders");

        Assert.Equal("401 Unauthorized", e.Predicted);
        Assert.StartsWith("an encrypted JWT (JWE", e.KindText, StringComparison.Ordinal);
        Snapshot.Match(TokenReport.Render(e, "stacks/dev.yaml"), "Tokens/encrypted-401");
    }

    [Fact]
    public void Odd_but_well_formed_claims_are_explained_and_named_not_called_a_malformed_token()
    {
        var e = Explain(Raw("""{"alg":"RS256"}""", $$"""{"iss":"https://accounts.google.com","aud":42,"email":"{{ApiAccount}}","sub":"1","exp":"tomorrow"}"""), "orders");

        Assert.Equal("401 Unauthorized", e.Predicted);
        Assert.Equal(["aud is a number, not a text or a list of texts", "exp is a text, not a number of seconds"],
            e.Claims.Where(c => c.Name == "odd claim").Select(c => c.Value));
        Snapshot.Match(TokenReport.Render(e, "stacks/dev.yaml"), "Tokens/odd-claims-401");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-62135596800")]
    [InlineData("1e300")]
    public void A_long_expired_or_absurd_expiry_never_prints_a_negative_overflowed_duration(string exp)
    {
        var text = TokenReport.Render(Explain(Raw("""{"alg":"RS256"}""", GoodPayload(exp)), "orders"), "stacks/dev.yaml");

        Assert.DoesNotContain("-", string.Join("\n", text.Split('\n').Where(l => l.Contains("expire", StringComparison.Ordinal)).Select(l => l.Split(" UTC ")[^1])));
        Assert.Contains("Predicted: 401 Unauthorized", text);
    }

    [Fact]
    public void A_token_expiring_at_the_unix_epoch_says_it_expired_that_many_days_ago()
    {
        var e = Explain(Raw("""{"alg":"RS256"}""", GoodPayload("0")), "orders");

        Assert.Equal("expired 20779 days ago", e.Checks.Single(c => c.Name == "expiry").Detail);
    }

    [Fact]
    public void A_token_file_larger_than_any_token_is_refused_without_reading_it_all()
    {
        var file = Path.Combine(Path.GetTempPath(), $"callmap-token-{Guid.NewGuid():N}.txt");
        File.WriteAllText(file, new string('a', (int)Callmap.Loading.InputKind.Token.MaxBytes + 10));

        var run = CallmapCli.Run("explain-token", file, "--service", "orders", "--map", Path.Combine(RepoPaths.Stacks, "dev.yaml"));
        File.Delete(file);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"is larger than {Callmap.Loading.InputKind.Token.MaxBytes:N0} bytes, the most callmap reads", run.Error);
    }
}
