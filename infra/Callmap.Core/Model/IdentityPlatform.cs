using Callmap.Diagnostics;

namespace Callmap.Model;

/// <summary>
/// The <c>identityPlatform:</c> section: how end users sign in (gcp-facts.md § Identity Platform).
/// One per project; Google cannot delete it once created.
/// </summary>
public sealed record IdentityPlatform(
    SourceLocation At,
    bool EmailSignIn,
    bool EmailPasswordRequired,
    bool PhoneSignIn,
    bool AnonymousSignIn,
    IReadOnlyList<IdentityProvider> Providers,
    IReadOnlyList<Located<string>> AuthorizedDomains,
    string MfaState,
    IReadOnlyList<string> MfaProviders,
    SignUpQuota? SignUpQuota,
    IReadOnlyList<BlockingFunction> BlockingFunctions);

/// <summary>A built-in identity provider such as google.com; the client secret is always a Pulumi config secret.</summary>
public sealed record IdentityProvider(string IdpId, SourceLocation At, string ClientId, string ClientSecretConfigKey);

/// <summary>At most <see cref="Count"/> sign-ups per <see cref="Seconds"/> (Identity Platform's sign-up quota).</summary>
public sealed record SignUpQuota(int Count, int Seconds, DateTimeOffset Start);

/// <summary>A function of the map that Identity Platform calls before an account is created or a user signs in.</summary>
public sealed record BlockingFunction(string EventType, Located<string> Function);
