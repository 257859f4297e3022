namespace Callmap.Audit;

/// <summary>A service account as the IAM Admin API lists it.</summary>
public sealed record LiveAccount(string Email, string UniqueId, string DisplayName, bool Disabled);

/// <summary>Who made a key: Google manages system keys and rotates them; user-managed keys are files someone holds.</summary>
public enum KeyKind { SystemManaged, UserManaged }

/// <summary>
/// A service account key as the IAM Admin API lists it. <see cref="Origin"/> says whether Google generated
/// the key pair or someone uploaded a public key. The API gives no last use (Policy Analyzer's key activity does).
/// </summary>
public sealed record LiveKey(string Name, string AccountEmail, KeyKind Kind, string Origin, DateTimeOffset? ValidAfter, DateTimeOffset? ValidBefore, bool Disabled)
{
    /// <summary>The key id: the last segment of projects/P/serviceAccounts/A/keys/ID.</summary>
    public string Id => Name[(Name.LastIndexOf('/') + 1)..];
}

/// <summary>A predefined role with its permissions (the full view of ListRoles).</summary>
public sealed record LiveRole(string Name, string Title, string Stage, IReadOnlyList<string> Permissions);

/// <summary>One page of a listing and the token of the next, empty when it was the last.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string NextPageToken);

/// <summary>
/// The read-only calls the audit makes, page by page. infra/Audit implements it with the IAM Admin API;
/// tests implement it in memory. Nothing here can change a project.
/// </summary>
public interface IIamReader
{
    Task<Page<LiveAccount>> ListAccountsAsync(string project, string pageToken, CancellationToken cancellationToken);

    Task<IReadOnlyList<LiveKey>> ListKeysAsync(string accountEmail, CancellationToken cancellationToken);

    Task<Page<LiveRole>> ListRolesAsync(string pageToken, CancellationToken cancellationToken);
}

/// <summary>How far the audit is, for a progress display: accounts listed so far, and keys read of how many accounts.</summary>
public sealed record AuditProgress(int AccountsListed, int AccountsWithKeysRead, int AccountsTotal);
