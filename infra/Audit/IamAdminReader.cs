using Callmap.Audit;
using Google.Api.Gax;
using Google.Api.Gax.Grpc;
using Google.Cloud.Iam.Admin.V1;
using Grpc.Core;

namespace Callmap.AuditTool;

/// <summary>
/// <see cref="IIamReader"/> over the IAM Admin API: one request per page, read-only methods only. Retries
/// are the client library's own (IAMSettings' defaults back off on Unavailable and DeadlineExceeded).
/// </summary>
internal sealed class IamAdminReader(IAMClient client) : IIamReader
{
    /// <summary>The largest page ListServiceAccounts serves.</summary>
    private const int AccountsPerPage = 100;

    /// <summary>The largest page ListRoles serves.</summary>
    private const int RolesPerPage = 1000;

    public Task<Page<LiveAccount>> ListAccountsAsync(string project, string pageToken, CancellationToken cancellationToken) =>
        Call("ListServiceAccounts", () => Accounts(project, pageToken, cancellationToken));

    public Task<IReadOnlyList<LiveKey>> ListKeysAsync(string accountEmail, CancellationToken cancellationToken) =>
        Call("ListServiceAccountKeys", () => Keys(accountEmail, cancellationToken));

    public Task<Page<LiveRole>> ListRolesAsync(string pageToken, CancellationToken cancellationToken) =>
        Call("ListRoles", () => Roles(pageToken, cancellationToken));

    private async Task<Page<LiveAccount>> Accounts(string project, string pageToken, CancellationToken cancellationToken)
    {
        var request = new ListServiceAccountsRequest { Name = $"projects/{project}", PageSize = AccountsPerPage, PageToken = pageToken };
        var response = await FirstPage(client.ListServiceAccountsAsync(request, CallSettings.FromCancellationToken(cancellationToken)), cancellationToken);
        return new Page<LiveAccount>(response?.Accounts.Select(a => new LiveAccount(a.Email, a.UniqueId, a.DisplayName, a.Disabled)).ToList() ?? [],
            response?.NextPageToken ?? "");
    }

    private async Task<IReadOnlyList<LiveKey>> Keys(string accountEmail, CancellationToken cancellationToken)
    {
        // "-" lets the API find the account's project from its email. No key type filter: system keys are counted too.
        var request = new ListServiceAccountKeysRequest { Name = $"projects/-/serviceAccounts/{accountEmail}" };
        var response = await client.ListServiceAccountKeysAsync(request, CallSettings.FromCancellationToken(cancellationToken));
        return response.Keys.Select(k => new LiveKey(k.Name, accountEmail,
            k.KeyType == ListServiceAccountKeysRequest.Types.KeyType.UserManaged ? KeyKind.UserManaged : KeyKind.SystemManaged,
            k.KeyOrigin == ServiceAccountKeyOrigin.UserProvided ? "USER_PROVIDED" : "GOOGLE_PROVIDED",
            k.ValidAfterTime?.ToDateTimeOffset(), k.ValidBeforeTime?.ToDateTimeOffset(), k.Disabled)).ToList();
    }

    private async Task<Page<LiveRole>> Roles(string pageToken, CancellationToken cancellationToken)
    {
        // No parent: the predefined roles. The full view carries each role's permissions.
        var request = new ListRolesRequest { View = RoleView.Full, PageSize = RolesPerPage, PageToken = pageToken };
        var response = await FirstPage(client.ListRolesAsync(request, CallSettings.FromCancellationToken(cancellationToken)), cancellationToken);
        // The roles file writes stages as the IAM export does: GA, BETA, ALPHA, DEPRECATED, DISABLED, EAP.
        return new Page<LiveRole>(response?.Roles.Select(r => new LiveRole(r.Name, r.Title, r.Stage.ToString().ToUpperInvariant(), r.IncludedPermissions.ToList())).ToList() ?? [],
            response?.NextPageToken ?? "");
    }

    /// <summary>A failed call, named, so that the core can say which permission or API it needed.</summary>
    private static async Task<T> Call<T>(string name, Func<Task<T>> call)
    {
        try { return await call(); }
        catch (RpcException e) { throw new IamCallFailed(name, e.StatusCode.ToString(), e.Status.Detail, e); }
    }

    /// <summary>The response for the request's own page token; the core asks for the next page itself.</summary>
    private static async Task<TResponse?> FirstPage<TResponse, TResource>(PagedAsyncEnumerable<TResponse, TResource> paged, CancellationToken cancellationToken)
        where TResponse : class
    {
        await foreach (var response in paged.AsRawResponses().WithCancellation(cancellationToken))
            return response;
        return null;
    }
}
