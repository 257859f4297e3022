namespace Callmap.Diff;

/// <summary>How a change moves access. The first three are risks and lead every report.</summary>
public enum ChangeKind
{
    /// <summary>Something new answers on the internet.</summary>
    NewPublicSurface,
    /// <summary>Someone may now do something they could not.</summary>
    Widened,
    /// <summary>A protection is gone or weaker: a rate limit, WAF rule, MFA, ingress restriction.</summary>
    RemovedProtection,
    /// <summary>A resource is deleted and created again: unavailable in between, and refused while deletion protection is on.</summary>
    Replaced,
    /// <summary>Someone may no longer do something.</summary>
    Narrowed,
    /// <summary>Neither wider nor narrower by itself (a new account, a different path).</summary>
    Changed,
}

/// <summary>One access change in a reviewer's words: "api may now invoke payments".</summary>
public sealed record AccessChange(ChangeKind Kind, string Text)
{
    public bool IsRisk => Kind is ChangeKind.NewPublicSurface or ChangeKind.Widened or ChangeKind.RemovedProtection;
}
