using System.Globalization;
using Callmap.Model;
using Callmap.Planning;

namespace Callmap.Tokens;

/// <summary>
/// Predicts what a service of the map answers to a token (gcp-facts.md § Who Cloud Run lets in): Cloud
/// Run's invoker check admits a Google-signed ID token of an IAM principal whose audience is the
/// service's URL or a custom audience, before it expires, when that principal holds the invoker role.
/// Identity Platform users are not IAM principals; public services answer them through the load balancer.
/// </summary>
public static class TokenExplainer
{
    private const string GoogleIssuer = "https://accounts.google.com";
    private const string IdentityPlatformIssuerPrefix = "https://securetoken.google.com/";

    /// <summary>Null when <paramref name="token"/> is not a token at all (the caller reports that as bad input).</summary>
    public static TokenExplanation? Explain(string token, AccessMap map, Plan plan, string service, DateTimeOffset now)
    {
        token = token.Trim();
        if (token.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) token = token[7..].Trim();
        var target = plan.OfType<WorkloadItem>().Single(w => w.Workload == service);
        var route = plan.PublicSurface.Routes.FirstOrDefault(r => r.Workload == service);

        if (token.StartsWith("ya29.", StringComparison.Ordinal))
            return new TokenExplanation(TokenKind.GoogleAccessToken, "Google OAuth 2.0 access token (not a JWT)", [], service,
                [new TokenCheck("token type", false, "Cloud Run's invoker check takes ID tokens; access tokens are not documented as accepted")],
                "401 Unauthorized", $"send an ID token for audience {target.Audience} instead: callmap how-to-call CALLER {service} --map {map.File}");

        if (TokenClaims.IsEncrypted(token))
            return new TokenExplanation(TokenKind.OtherJwt, "an encrypted JWT (JWE, five parts): its claims cannot be read without the recipient's key", [], service,
                [new TokenCheck("token type", false, "Cloud Run's invoker check takes signed Google ID tokens (three parts), not encrypted ones")],
                "401 Unauthorized", $"send a Google-signed ID token for audience {target.Audience}: callmap how-to-call CALLER {service} --map {map.File}");

        if (TokenClaims.Parse(token) is not { } jwt) return null;

        var email = jwt.Email;
        var issuer = jwt.Issuer is "accounts.google.com" ? GoogleIssuer : jwt.Issuer ?? "";
        var audiences = jwt.Audiences.ToList();
        var claims = new List<(string, string)> { ("issuer", jwt.Issuer ?? "(none)"), ("subject", jwt.Subject ?? "(none)") };
        if (email is not null) claims.Add(("email", email));
        claims.Add(("audience", audiences.Count == 0 ? "(none)" : string.Join(", ", audiences)));
        var expires = jwt.Expires;
        claims.Add(("expires", expires is null ? "(no usable exp claim)"
            : $"{expires.Value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC ({(expires.Value > now ? $"in {Relative(expires.Value - now)}" : $"{Relative(now - expires.Value)} ago")})"));
        foreach (var odd in jwt.Oddities) claims.Add(("odd claim", odd));
        var expiry = expires is { } when && when > now
            ? new TokenCheck("expiry", true, $"valid for {Relative(when - now)}")
            : new TokenCheck("expiry", false, expires is null ? "the token has no usable expiry" : $"expired {Relative(now - expires.Value)} ago");

        if (jwt.Unsigned)
            return new TokenExplanation(TokenKind.OtherJwt, "an unsigned JWT (alg: none)", claims, service,
                [new TokenCheck("signature", false, "the token is unsigned; Google rejects unsigned tokens, whatever its claims say"), expiry],
                "401 Unauthorized", $"send a Google-signed ID token for audience {target.Audience}: callmap how-to-call CALLER {service} --map {map.File}");

        if (issuer.StartsWith(IdentityPlatformIssuerPrefix, StringComparison.Ordinal))
            return EndUser(jwt, issuer, claims, expiry, map, target, route);

        if (issuer != GoogleIssuer)
            return new TokenExplanation(TokenKind.OtherJwt, jwt.Issuer is null ? "a JWT without an issuer" : $"a JWT from {jwt.Issuer}", claims, service,
                [new TokenCheck("issuer", false, "Cloud Run admits only Google-signed ID tokens (issuer https://accounts.google.com)"), expiry],
                "401 Unauthorized", $"exchange it for a Google-signed ID token for audience {target.Audience}; callmap how-to-call shows how");

        var isServiceAccount = email?.EndsWith(".gserviceaccount.com", StringComparison.OrdinalIgnoreCase) == true;
        var kind = isServiceAccount ? TokenKind.GoogleServiceAccountIdToken : TokenKind.GoogleUserIdToken;
        var kindText = isServiceAccount ? "Google-signed ID token of a service account" : "Google-signed ID token of a user account";
        var checks = new List<TokenCheck> { new("issuer", true, "Google") , expiry };

        if (route is not null)
        {
            checks.Add(new TokenCheck("path", false, $"'{service}' is public (auth {route.Auth}) and refuses requests that do not come through the load balancer"));
            return new TokenExplanation(kind, kindText, claims, service, checks,
                route.Auth == "iap" ? "refused unless sent through IAP" : "refused at its own URL; no IAM check through the load balancer",
                $"call https://{route.Host}{route.Path.TrimEnd('*')}{(route.Auth == "iap" ? " through IAP" : "")}");
        }

        var accepted = audiences.Where(a => a == target.Url || (target is RunServiceItem run && run.CustomAudiences.Contains(a)) || a == target.Audience).ToList();
        // A user's token from gcloud carries gcloud's OAuth client as audience. Google's guides test private
        // services with it, but the documented rule names only the URL and custom audiences (gcp-facts.md (?)).
        var oauthClient = !isServiceAccount && accepted.Count == 0 && audiences.Count == 1 && audiences[0].EndsWith(".apps.googleusercontent.com", StringComparison.Ordinal);
        checks.Add(oauthClient
            ? new TokenCheck("audience", true, $"{audiences[0]} is an OAuth client (gcloud's for 'gcloud auth print-identity-token'); Google's guides test with such user tokens, the documented rule names only {target.Url}")
            : audiences.Count == 0
            ? new TokenCheck("audience", false, "the token has no audience")
            : accepted.Count > 0
                ? new TokenCheck("audience", true, $"{accepted[0]} is one the service accepts")
                : new TokenCheck("audience", false, audiences.Any(a => a.TrimEnd('/') == target.Url)
                    ? $"{audiences[0]} differs from {target.Url} by a trailing '/'; Google does not document that it is accepted"
                    : $"{string.Join(", ", audiences)} is not {target.Url}{(target.Audience != target.Url ? $" nor {target.Audience}" : "")}"));

        var member = email is null ? null : isServiceAccount ? $"serviceAccount:{email.ToLowerInvariant()}" : $"user:{email.ToLowerInvariant()}";
        var grants = plan.OfType<GrantItem>().Where(g => g is RunInvokerGrantItem or FunctionInvokerGrantItem && g.Target == service).ToList();
        var grant = grants.FirstOrDefault(g => g.Member == member);
        var groups = grants.Where(g => g.Member.StartsWith("group:", StringComparison.Ordinal)).Select(g => g.Member).ToList();
        checks.Add(grant is not null
            ? new TokenCheck("grant", true, $"{grant.Member} holds {grant.Role} on {service} (map line {grant.Source})")
            : groups.Count > 0 && !isServiceAccount
                ? new TokenCheck("grant", false, $"no grant for {member}; {string.Join(", ", groups)} {(groups.Count == 1 ? "holds" : "hold")} the invoker role: it passes only if {email} is a member (not checked offline)")
                : new TokenCheck("grant", false, member is null ? "the token names no principal (no email claim)" : $"{member} holds no invoker role on {service}"));

        if (!expiry.Passed)
            return new(kind, kindText, claims, service, checks, "401 Unauthorized", "fetch a new token: ID tokens last one hour, and the libraries in callmap how-to-call refresh them");
        if (!checks.Single(c => c.Name == "audience").Passed)
            return new(kind, kindText, claims, service, checks, "401 Unauthorized", $"request the audience {target.Audience} exactly");
        if (grant is not null)
            return new(kind, kindText, claims, service, checks, "200 OK (the request reaches the service)", null);
        if (groups.Count > 0 && !isServiceAccount)
            return new(kind, kindText, claims, service, checks, "200 OK if the user is in the group, otherwise 403 Forbidden", $"check group membership, or add under callers: {member}: [{service}]");
        var workload = map.Services.FirstOrDefault(s => member == $"serviceAccount:{AccountIds.Email(AccountIds.ForWorkload(s), map.Project.Value)}");
        var existing = workload is null ? null : map.Callers.FirstOrDefault(c => c.Key == workload.Name);
        return new(kind, kindText, claims, service, checks, "403 Forbidden",
            member is null ? "call with a token that carries the caller's email (request it with the email claim included)"
            : workload is null ? $"add under callers: {member}: [{service}]"
            : $"let '{workload.Name}' call it: {workload.Name}: [{string.Join(", ", (existing?.Targets.Select(t => t.Value) ?? []).Append(service))}]");
    }

    private static TokenExplanation EndUser(TokenClaims jwt, string issuer, List<(string, string)> claims, TokenCheck expiry, AccessMap map,
        WorkloadItem target, PublicRoute? route)
    {
        var project = issuer[IdentityPlatformIssuerPrefix.Length..];
        const string kindText = "Firebase / Identity Platform ID token of an end user";
        var checks = new List<TokenCheck> { expiry };
        if (route?.Auth == "in-app")
        {
            var audienceOk = jwt.Audiences.Contains(EndUserTokens.Audience(map.Project.Value)) && project == map.Project.Value;
            checks.Add(new TokenCheck("project", audienceOk,
                audienceOk ? $"issued for {project}, which the app expects" : $"issued for {project}, but the app verifies tokens of {map.Project.Value}"));
            checks.Add(new TokenCheck("IAM", true, "the service has no invoker check; the app verifies the token itself"));
            var ok = expiry.Passed && audienceOk;
            return new TokenExplanation(TokenKind.IdentityPlatformIdToken, kindText, claims, target.Workload, checks,
                ok ? $"200 OK if sent to https://{route.Host}{route.Path.TrimEnd('*')} and the app verifies it" : "401 from the app",
                ok ? null : expiry.Passed ? $"sign the user in to the {map.Project.Value} project" : "refresh the user's ID token (the client SDK does: getIdToken(true))");
        }
        if (route?.Auth == "iap")
            return new TokenExplanation(TokenKind.IdentityPlatformIdToken, kindText, claims, target.Workload,
                [.. checks, new TokenCheck("IAP", false, "IAP takes Identity Platform tokens only when set up for external identities (iap: { identities: identity-platform })")],
                "401 unless IAP admits Identity Platform users", $"send it as 'Authorization: Bearer' to https://{route.Host}/ with IAP set up for identity-platform");
        return new TokenExplanation(TokenKind.IdentityPlatformIdToken, kindText, claims, target.Workload,
            [.. checks, new TokenCheck("IAM principal", false, "end users are not IAM principals: Cloud Run's invoker check rejects their tokens whatever is granted")],
            "401 Unauthorized",
            $"mark '{target.Workload}' public with auth mode in-app and verify the token in the app: public: {{ hosts: [HOST], auth: in-app }}; or put it behind IAP");
    }

    /// <summary>A duration for people; callers pass it positive (the words say before or after). Whole units, never overflowing.</summary>
    private static string Relative(TimeSpan span)
    {
        span = span.Duration();
        return span.TotalMinutes < 1 ? $"{(long)span.TotalSeconds} s"
            : span.TotalHours < 2 ? $"{(long)span.TotalMinutes} min"
            : span.TotalDays < 2 ? $"{(long)span.TotalHours} h" : $"{(long)span.TotalDays} days";
    }
}
