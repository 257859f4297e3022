using Callmap.Audit;
using Callmap.Loading;
using Callmap.Planning;
using Callmap.Roles;
using Google.Cloud.Iam.Admin.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Callmap.AuditTool.Tests;

public class AuditToolTests
{
    private static readonly string ProdMap = Path.Combine(RepoPaths.Stacks, "prod.yaml");

    private static (int Exit, string Out, string Error) Run(FakeIamClient client, params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var exit = AuditCommands.Create(() => new IamAdminReader(client), stdout, stderr, null).Parse(args).InvokeAsync().GetAwaiter().GetResult();
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private static FakeIamClient ProdAsDeployed()
    {
        var map = AccessMapLoader.LoadFile(ProdMap).Map!;
        var client = new FakeIamClient();
        foreach (var account in Planner.Create(map).OfType<ServiceAccountItem>())
            client.Accounts.Add(new ServiceAccount { Email = account.Email, UniqueId = account.AccountId, DisplayName = account.DisplayName });
        return client;
    }

    [Fact]
    public async Task The_reader_walks_every_page_of_the_named_project_and_maps_accounts_and_keys()
    {
        var client = ProdAsDeployed();
        client.Accounts.Add(new ServiceAccount { Email = "deploy-bot@acme-shop-prod.iam.gserviceaccount.com", Disabled = true });
        client.Keys["deploy-bot@acme-shop-prod.iam.gserviceaccount.com"] =
        [
            new ServiceAccountKey
            {
                Name = "projects/acme-shop-prod/serviceAccounts/deploy-bot@acme-shop-prod.iam.gserviceaccount.com/keys/abc123",
                KeyType = ListServiceAccountKeysRequest.Types.KeyType.UserManaged,
                KeyOrigin = ServiceAccountKeyOrigin.UserProvided,
                ValidAfterTime = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 1, 2, 0, 0, 0, TimeSpan.Zero)),
                ValidBeforeTime = Timestamp.FromDateTimeOffset(new DateTimeOffset(2027, 1, 2, 0, 0, 0, TimeSpan.Zero)),
            },
        ];
        var reader = new IamAdminReader(client);

        var pages = new List<Page<LiveAccount>>();
        var token = "";
        do { pages.Add(await reader.ListAccountsAsync("acme-shop-prod", token, default)); token = pages[^1].NextPageToken; } while (token.Length > 0);
        var key = Assert.Single(await reader.ListKeysAsync("deploy-bot@acme-shop-prod.iam.gserviceaccount.com", default));

        Assert.Equal("projects/acme-shop-prod", client.ProjectRequested);
        Assert.Equal(["", "2", "4", "6", "8"], client.AccountPageTokens);
        Assert.Equal(9, pages.Sum(p => p.Items.Count));
        Assert.True(pages[^1].Items.Single().Disabled);
        Assert.Equal(new LiveKey(client.Keys.Values.Single()[0].Name, "deploy-bot@acme-shop-prod.iam.gserviceaccount.com", KeyKind.UserManaged, "USER_PROVIDED",
            new DateTimeOffset(2026, 1, 2, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2027, 1, 2, 0, 0, 0, TimeSpan.Zero), false), key);
        Assert.Equal("abc123", key.Id);
    }

    [Fact]
    public void A_project_as_deployed_passes_and_a_user_managed_key_fails_with_exit_1()
    {
        var clean = Run(ProdAsDeployed(), "audit", ProdMap);
        var withKey = ProdAsDeployed();
        withKey.Keys["run-payments@acme-shop-prod.iam.gserviceaccount.com"] =
            [new ServiceAccountKey { Name = "projects/acme-shop-prod/serviceAccounts/run-payments@acme-shop-prod.iam.gserviceaccount.com/keys/k1", KeyType = ListServiceAccountKeysRequest.Types.KeyType.UserManaged }];
        var failed = Run(withKey, "audit", ProdMap, "--format", "json");

        Assert.Equal(0, clean.Exit);
        Assert.Contains("0 mandatory violations", clean.Out);
        Assert.Equal(1, failed.Exit);
        Assert.Contains("\"rule\": \"live-user-managed-key\"", failed.Out);
    }

    [Fact]
    public void A_refused_call_exits_2_naming_the_permission_and_the_read_only_role()
    {
        var client = ProdAsDeployed();
        client.Failure = new RpcException(new Status(StatusCode.PermissionDenied, "Permission 'iam.serviceAccounts.list' denied"));

        var run = Run(client, "audit", ProdMap);

        Assert.Equal(2, run.Exit);
        Assert.Contains("lacks iam.serviceAccounts.list", run.Error);
        Assert.Contains("grant roles/iam.serviceAccountViewer", run.Error);
    }

    [Fact]
    public void Auditing_another_project_than_the_maps_is_refused_at_the_maps_project_line()
    {
        var run = Run(ProdAsDeployed(), "audit", ProdMap, "--project", "acme-shop-dev");

        Assert.Equal(2, run.Exit);
        Assert.Contains("the map is for project 'acme-shop-prod', not 'acme-shop-dev'", run.Error);
    }

    [Fact]
    public void Roles_refresh_writes_every_page_in_the_format_check_reads()
    {
        var client = new FakeIamClient();
        client.Roles.AddRange([
            new Role { Name = "roles/run.invoker", Title = "Cloud Run Invoker", Stage = Role.Types.RoleLaunchStage.Ga, IncludedPermissions = { "run.routes.invoke", "run.jobs.run" } },
            new Role { Name = "roles/run.servicesInvoker", Title = "Cloud Run Services Invoker", Stage = Role.Types.RoleLaunchStage.Ga, IncludedPermissions = { "run.routes.invoke" } },
            new Role { Name = "roles/x.beta", Title = "X", Stage = Role.Types.RoleLaunchStage.Beta, IncludedPermissions = { "run.routes.invoke" } },
        ]);
        var file = Path.Combine(Path.GetTempPath(), $"roles-{Guid.NewGuid():N}.json");

        var run = Run(client, "roles", "refresh", "--out", file);
        var (catalog, error) = RoleCatalog.LoadFile(file, "roles.json");
        File.Delete(file);

        Assert.Equal(0, run.Exit);
        Assert.Null(error);
        Assert.Equal(3, catalog!.Roles.Count);
        Assert.Equal("BETA", catalog.Roles["roles/x.beta"].Stage);
        Assert.Equal("roles/run.servicesInvoker", catalog.SmallestRoleWith("run.routes.invoke"));
    }
}
