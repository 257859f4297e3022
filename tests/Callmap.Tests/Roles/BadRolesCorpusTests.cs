using Callmap.Policies;
using Callmap.Reports;
using Callmap.Roles;
using Callmap.Tests.Support;

namespace Callmap.Tests.Roles;

/// <summary>One file per mistake under BadRoles/: refused with located errors in the file's own words, never an exception; snapshots of the text.</summary>
public class BadRolesCorpusTests
{
    public static TheoryData<string> BadRoles() =>
        new(Directory.GetFiles(Path.Combine(RepoPaths.Tests, "BadRoles"), "*.json").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(BadRoles))]
    public void A_bad_roles_file_is_refused_with_located_errors_and_no_type_names(string name)
    {
        var path = Path.Combine(RepoPaths.Tests, "BadRoles", name + ".json");

        var (catalog, errors) = RolesFileReader.Read(path, RepoPaths.Relative(path));

        Assert.Null(catalog);
        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.DoesNotContain("System.", e.Message, StringComparison.Ordinal));
        Snapshot.Match(DiagnosticsReport.Render(errors), $"BadRoles/{name}");
    }

    [Theory]
    [MemberData(nameof(BadRoles))]
    public void Check_with_a_bad_roles_file_exits_2_with_the_errors(string name)
    {
        var run = CallmapCli.Run("check", Path.Combine(RepoPaths.Stacks, "prod.yaml"), "--roles", Path.Combine(RepoPaths.Tests, "BadRoles", name + ".json"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"BadRoles/{name}.json:", run.Error.Split('\n')[0], StringComparison.Ordinal);
        Assert.Empty(run.Out);
    }

    [Fact]
    public void A_basic_role_is_never_recommended_even_when_a_file_says_it_is_the_smallest()
    {
        var catalog = new RoleCatalog(new Dictionary<string, RoleFacts>
        {
            ["roles/owner"] = new("Owner", "GA", ["run.routes.invoke"]),
            ["roles/browser"] = new("Browser", "GA", ["run.routes.invoke"]),
            ["roles/run.invoker"] = new("Cloud Run Invoker", "GA", ["run.routes.invoke", "run.jobs.run", "run.routes.get"]),
        });

        Assert.Equal("roles/run.invoker", catalog.SmallestRoleWith("run.routes.invoke"));
    }

    [SharedRolesFact]
    public void The_shared_export_of_Googles_roles_passes_every_sanity_check()
    {
        var (catalog, errors) = RolesFileReader.Read(RepoPaths.SharedRoles, "iam-roles.json");

        Assert.Empty(errors);
        Assert.Equal("roles/run.servicesInvoker", catalog!.SmallestRoleWith("run.routes.invoke"));
        foreach (var (role, permissions) in RolesFileReader.WellKnown)
            Assert.All(permissions, p => Assert.Contains(p, catalog.Roles[role].Permissions));
    }
}
