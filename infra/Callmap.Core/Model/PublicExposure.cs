using Callmap.Diagnostics;

namespace Callmap.Model;

/// <summary>How the end users of a public service are authenticated (gcp-facts.md § End users).</summary>
public enum EndUserAuth
{
    /// <summary>
    /// Identity Platform / Firebase users; the service verifies their ID token itself. The invoker IAM
    /// check is disabled (those users are not IAM principals), and only the load balancer reaches it.
    /// </summary>
    InApp,
    /// <summary>IAP on the load balancer backend, with Google or Identity Platform identities.</summary>
    Iap,
    /// <summary>Anonymous content; always reported with the justification the map gives.</summary>
    None,
}

public enum IapIdentities
{
    /// <summary>Google accounts and groups, named in <see cref="IapSettings.Members"/>.</summary>
    Google,
    /// <summary>External identities from Identity Platform, signed in on <see cref="IapSettings.LoginPage"/>.</summary>
    IdentityPlatform,
}

/// <summary>Who IAP admits, and how they sign in.</summary>
public sealed record IapSettings(IapIdentities Identities, IReadOnlyList<Located<string>> Members, string? LoginPage, IReadOnlyList<string> Tenants);

/// <summary>
/// The <c>public:</c> block of a service: the hosts and paths it serves on the load balancer, how its
/// end users authenticate, and which Cloud Armor policy guards it.
/// </summary>
public sealed record PublicExposure(
    SourceLocation At,
    IReadOnlyList<Located<string>> Hosts,
    IReadOnlyList<Located<string>> Paths,
    Located<EndUserAuth> Auth,
    string? Reason,
    IapSettings? Iap,
    Located<string>? Armor);
