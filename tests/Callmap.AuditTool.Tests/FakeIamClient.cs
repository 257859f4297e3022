using Google.Api.Gax;
using Google.Api.Gax.Grpc;
using Google.Cloud.Iam.Admin.V1;
using Grpc.Core;

namespace Callmap.AuditTool.Tests;

/// <summary>
/// An IAMClient that serves accounts, keys and roles from memory, <see cref="PageSize"/> per page with
/// numeric page tokens, records the tokens it was asked for, and fails every call with <see cref="Failure"/> when set.
/// </summary>
public sealed class FakeIamClient : IAMClient
{
    public int PageSize { get; init; } = 2;
    public List<ServiceAccount> Accounts { get; } = [];
    public Dictionary<string, List<ServiceAccountKey>> Keys { get; } = [];
    public List<Role> Roles { get; } = [];
    public List<string> AccountPageTokens { get; } = [];
    public string? ProjectRequested { get; private set; }
    public RpcException? Failure { get; set; }

    public override PagedAsyncEnumerable<ListServiceAccountsResponse, ServiceAccount> ListServiceAccountsAsync(ListServiceAccountsRequest request, CallSettings? callSettings = null)
    {
        ProjectRequested = request.Name;
        AccountPageTokens.Add(request.PageToken);
        var (items, next) = Slice(Accounts, request.PageToken);
        return new OnePage<ListServiceAccountsResponse, ServiceAccount>(() => new ListServiceAccountsResponse { Accounts = { items }, NextPageToken = next }, Failure);
    }

    public override Task<ListServiceAccountKeysResponse> ListServiceAccountKeysAsync(ListServiceAccountKeysRequest request, CallSettings? callSettings = null)
    {
        if (Failure is not null) throw Failure;
        var email = request.Name.Split('/').Last();
        return Task.FromResult(new ListServiceAccountKeysResponse { Keys = { Keys.GetValueOrDefault(email) ?? [] } });
    }

    public override PagedAsyncEnumerable<ListRolesResponse, Role> ListRolesAsync(ListRolesRequest request, CallSettings? callSettings = null)
    {
        Assert.Equal(RoleView.Full, request.View);
        var (items, next) = Slice(Roles, request.PageToken);
        return new OnePage<ListRolesResponse, Role>(() => new ListRolesResponse { Roles = { items }, NextPageToken = next }, Failure);
    }

    private (List<T> Items, string Next) Slice<T>(List<T> all, string token)
    {
        var start = token.Length == 0 ? 0 : int.Parse(token);
        return (all.Skip(start).Take(PageSize).ToList(), start + PageSize < all.Count ? (start + PageSize).ToString() : "");
    }

    /// <summary>The raw response for one request; the reader asks for each page itself.</summary>
    private sealed class OnePage<TResponse, TResource>(Func<TResponse> response, RpcException? failure) : PagedAsyncEnumerable<TResponse, TResource>
    {
        public override async IAsyncEnumerable<TResponse> AsRawResponses()
        {
            await Task.Yield();
            if (failure is not null) throw failure;
            yield return response();
        }
    }
}
