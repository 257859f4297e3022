using System.Text.Json;
using Callmap.Audit;
using Callmap.Planning;
using Callmap.Policies;
using Callmap.Roles;
using Callmap.Tests.Support;

namespace Callmap.Tests.Audit;

/// <summary>`roles refresh` writes what `check --roles` reads; the audit's error advice names real roles.</summary>
public class RolesFileTests
{
    /// <summary>The shared dataset served as ListRoles would serve it: every role, in pages.</summary>
    private static InMemoryIam SharedRolesAsApi()
    {
        var iam = new InMemoryIam(pageSize: 300);
        using var doc = JsonDocument.Parse(File.ReadAllText(RepoPaths.SharedRoles));
        foreach (var role in doc.RootElement.EnumerateObject())
            iam.Roles.Add(new LiveRole(role.Name, role.Value.GetProperty("title").GetString()!, role.Value.GetProperty("stage").GetString()!,
                role.Value.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()!).ToList()));
        return iam;
    }

    [SharedRolesFact]
    public async Task A_refreshed_roles_file_built_from_the_shared_dataset_loads_and_drives_the_minimality_rule()
    {
        var iam = SharedRolesAsApi();
        var file = Path.Combine(Path.GetTempPath(), $"callmap-roles-{Guid.NewGuid():N}.json");

        var roles = await RolesFile.ReadAllAsync(iam);
        File.WriteAllText(file, RolesFile.Render(roles));
        var (catalog, error) = RoleCatalog.LoadFile(file, "roles.json");
        File.Delete(file);

        Assert.Null(error);
        Assert.Equal(iam.Roles.Count, catalog!.Roles.Count);
        Assert.Equal(GrantRoles.RunInvoker, catalog.SmallestRoleWith("run.routes.invoke"));
        var prod = Maps.Valid(File.ReadAllText(Path.Combine(RepoPaths.Stacks, "prod.yaml")), "stacks/prod.yaml");
        var result = PolicyEngine.Check(new PolicyContext(prod, Planner.Create(prod), catalog), PolicyLoader.Load([("p.yaml", "rules:\n  minimal-role: mandatory\n")]).Policies!);
        Assert.DoesNotContain(result.Findings, f => f.RuleId == "minimal-role");
    }

    [Fact]
    public async Task Roles_are_read_across_all_pages_and_written_sorted_so_refreshes_diff_cleanly()
    {
        var iam = new InMemoryIam(pageSize: 2);
        iam.Roles.AddRange([
            new LiveRole("roles/run.invoker", "Cloud Run Invoker", "GA", ["run.routes.invoke", "run.jobs.run"]),
            new LiveRole("roles/a.viewer", "A Viewer", "BETA", ["a.things.get"]),
            new LiveRole("roles/run.servicesInvoker", "Cloud Run Services Invoker", "GA", ["run.routes.invoke"]),
        ]);

        var first = RolesFile.Render(await RolesFile.ReadAllAsync(iam));
        iam.Roles.Reverse();
        var second = RolesFile.Render(await RolesFile.ReadAllAsync(iam));

        Assert.Equal(first, second);
        Assert.True(first.IndexOf("roles/a.viewer", StringComparison.Ordinal) < first.IndexOf("roles/run.invoker", StringComparison.Ordinal));
        Assert.True(first.IndexOf("run.jobs.run", StringComparison.Ordinal) < first.IndexOf("run.routes.invoke", StringComparison.Ordinal));
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(first));
        Assert.Equal("roles/run.servicesInvoker", RoleCatalog.Parse(stream).SmallestRoleWith("run.routes.invoke"));
    }

    /// <summary>The file `roles refresh` writes, byte for byte: indented, keyed by role, text as Google wrote it (not \u-escaped).</summary>
    [Fact]
    public void A_roles_file_is_written_exactly_as_committed()
    {
        LiveRole[] roles = [
            new("roles/run.invoker", "Cloud Run Invoker", "GA", ["run.routes.invoke", "run.jobs.run"]),
            new("roles/x.admin", "X Admin <beta> – \"Zoë's\" & co", "BETA", []),
            new("roles/a.viewer", "A Viewer", "DEPRECATED", ["a.things.get"]),
        ];

        Snapshot.Match(RolesFile.Render(roles), "Audit/roles-file", "json");
    }

    [SharedRolesFact]
    public void The_role_the_audit_asks_for_on_a_refused_call_holds_that_calls_permission()
    {
        var catalog = RoleCatalog.Parse(File.OpenRead(RepoPaths.SharedRoles));

        Assert.All(IamErrors.Calls, c => Assert.Contains(c.Value.Permission, catalog.Roles[c.Value.Role].Permissions));
    }

    [Fact]
    public void A_refused_call_names_the_permission_and_role_and_a_disabled_API_names_the_command_to_enable_it()
    {
        var denied = IamErrors.Explain("ListServiceAccountKeys", "PermissionDenied", "Permission denied", "acme-shop-prod");
        var disabled = IamErrors.Explain("ListServiceAccounts", "PermissionDenied",
            "Identity and Access Management (IAM) API has not been used in project 234567890123 before or it is disabled. reason: SERVICE_DISABLED", "acme-shop-prod");
        var missing = IamErrors.Explain("ListServiceAccounts", "NotFound", "project not found", "acme-shop-prd");

        Assert.Equal("ListServiceAccountKeys was refused on project acme-shop-prod: the caller lacks iam.serviceAccountKeys.list\n"
            + "    fix: grant roles/iam.serviceAccountViewer (read-only) to the identity the audit runs as on project acme-shop-prod", denied);
        Assert.EndsWith("fix: gcloud services enable iam.googleapis.com --project acme-shop-prod", disabled);
        Assert.StartsWith("ListServiceAccounts: project acme-shop-prd was not found", missing);
    }
}
