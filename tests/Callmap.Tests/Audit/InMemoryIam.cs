using Callmap.Audit;

namespace Callmap.Tests.Audit;

/// <summary>
/// A project's IAM as the IAM Admin API would list it, held in memory: accounts and roles come in pages
/// of <see cref="PageSize"/> with opaque tokens, keys per account. Every call is counted.
/// </summary>
public sealed class InMemoryIam(int pageSize = 100) : IIamReader
{
    public int PageSize { get; } = pageSize;

    public List<LiveAccount> Accounts { get; } = [];

    public Dictionary<string, List<LiveKey>> Keys { get; } = new(StringComparer.OrdinalIgnoreCase);

    public List<LiveRole> Roles { get; } = [];

    public int AccountPagesServed { get; private set; }

    public int KeyListsServed;

    public string? ProjectAsked { get; private set; }

    public Task<Page<LiveAccount>> ListAccountsAsync(string project, string pageToken, CancellationToken cancellationToken)
    {
        ProjectAsked = project;
        AccountPagesServed++;
        return Task.FromResult(Slice(Accounts, pageToken));
    }

    public Task<IReadOnlyList<LiveKey>> ListKeysAsync(string accountEmail, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref KeyListsServed);
        return Task.FromResult<IReadOnlyList<LiveKey>>(Keys.GetValueOrDefault(accountEmail) ?? []);
    }

    public Task<Page<LiveRole>> ListRolesAsync(string pageToken, CancellationToken cancellationToken) => Task.FromResult(Slice(Roles, pageToken));

    public void AddKey(string email, KeyKind kind, string origin, DateTimeOffset validAfter, DateTimeOffset validBefore, bool disabled = false)
    {
        var project = email.Split('@')[1].Split('.')[0];
        var id = Convert.ToHexStringLower(System.Security.Cryptography.SHA1.HashData(System.Text.Encoding.UTF8.GetBytes($"{email}{validAfter:O}{kind}")));
        if (!Keys.TryGetValue(email, out var list)) Keys[email] = list = [];
        list.Add(new LiveKey($"projects/{project}/serviceAccounts/{email}/keys/{id}", email, kind, origin, validAfter, validBefore, disabled));
    }

    /// <summary>Tokens are "page-N", as opaque to the caller as Google's.</summary>
    private Page<T> Slice<T>(List<T> all, string pageToken)
    {
        var start = pageToken.Length == 0 ? 0 : int.Parse(pageToken["page-".Length..]) * PageSize;
        var items = all.Skip(start).Take(PageSize).ToList();
        var next = start + PageSize < all.Count ? $"page-{start / PageSize + 1}" : "";
        return new Page<T>(items, next);
    }
}
