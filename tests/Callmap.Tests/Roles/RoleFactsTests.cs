using Callmap.Roles;
using Callmap.Tests.Support;

namespace Callmap.Tests.Roles;

public class RoleFactsTests
{
    private static RoleCatalog SharedCatalog()
    {
        using var stream = File.OpenRead(RepoPaths.SharedRoles);
        return RoleCatalog.Parse(stream);
    }

    [Fact]
    public void The_planner_grants_roles_that_hold_exactly_the_one_permission_they_are_for()
    {
        Assert.Equal("roles/run.servicesInvoker", GrantRoles.RunInvoker);
        Assert.Equal(["run.routes.invoke"], RoleCatalog.Shipped.Roles[GrantRoles.RunInvoker].Permissions);
        Assert.Equal("roles/cloudfunctions.invoker", GrantRoles.FunctionInvoker);
        Assert.Equal("roles/secretmanager.secretAccessor", GrantRoles.SecretAccessor);
    }

    [Fact]
    public void Run_invoker_is_passed_over_because_it_also_runs_jobs()
    {
        Assert.Contains("run.jobs.run", RoleCatalog.Shipped.Roles["roles/run.invoker"].Permissions);
        Assert.DoesNotContain("run.jobs.run", RoleCatalog.Shipped.Roles[GrantRoles.RunInvoker].Permissions);
    }

    [SharedRolesFact]
    public void The_shipped_role_facts_match_the_shared_role_dataset()
    {
        var shared = SharedCatalog();

        foreach (var (name, facts) in RoleCatalog.Shipped.Roles)
        {
            Assert.True(shared.Roles.ContainsKey(name), $"{name} is not in the shared dataset");
            Assert.Equal(shared.Roles[name].Title, facts.Title);
            Assert.Equal(shared.Roles[name].Stage, facts.Stage);
            Assert.Equal(shared.Roles[name].Permissions.Order(StringComparer.Ordinal), facts.Permissions.Order(StringComparer.Ordinal));
        }
    }

    [SharedRolesFact]
    public void Among_all_predefined_roles_the_planners_roles_are_the_smallest_holding_each_permission()
    {
        var shared = SharedCatalog();

        Assert.True(shared.Roles.Count > 2000);
        Assert.Equal(shared.SmallestRoleWith(GrantRoles.RunInvokePermission), GrantRoles.RunInvoker);
        Assert.Equal(shared.SmallestRoleWith(GrantRoles.FunctionInvokePermission), GrantRoles.FunctionInvoker);
        Assert.Equal(shared.SmallestRoleWith(GrantRoles.SecretAccessPermission), GrantRoles.SecretAccessor);
    }
}
