using System.Xml.Linq;
using Callmap.Tests.Support;

namespace Callmap.Tests.Policies;

public class CheckFormatsAndRolesTests
{
    private static readonly string Dev = Path.Combine(RepoPaths.Stacks, "dev.yaml");
    private static readonly string Prod = Path.Combine(RepoPaths.Stacks, "prod.yaml");
    private static readonly string[] UnderProd =
        ["--policy", Path.Combine(RepoPaths.Root, "policies", "baseline.yaml"), "--policy", Path.Combine(RepoPaths.Root, "policies", "prod.yaml")];

    private static string FromRoot(string output) =>
        RootRelative.Of(output);

    [Fact]
    public void Junit_has_one_test_case_per_rule_and_fails_those_with_mandatory_findings()
    {
        var run = CallmapCli.Run(["check", Dev, .. UnderProd, "--format", "junit"]);

        var suite = XDocument.Parse(run.Out).Root!.Element("testsuite")!;
        Assert.Equal(MapRules.Count, suite.Elements("testcase").Count());
        Assert.Equal(["identity-platform", "people-invokers"], suite.Elements("testcase").Where(c => c.Element("failure") is not null).Select(c => (string)c.Attribute("name")!).Order());
        Assert.Equal("2", (string)suite.Attribute("failures")!);
        Snapshot.Match(FromRoot(run.Out), "Check/dev-under-prod.junit", "xml");
    }

    [Fact]
    public void A_role_as_small_as_the_smallest_is_no_finding_when_a_roles_file_has_a_tie()
    {
        // Another role holding exactly run.routes.invoke, sorting before roles/run.servicesInvoker: a tie, not a broader grant.
        var facts = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "infra", "Callmap.Core", "Roles", "roles.json")))!.AsObject();
        facts["roles/aaa.invoker"] = System.Text.Json.Nodes.JsonNode.Parse("""{ "title": "A", "stage": "GA", "permissions": ["run.routes.invoke"] }""");
        var file = Path.Combine(Directory.CreateTempSubdirectory("callmap-tie-").FullName, "roles.json");
        File.WriteAllText(file, facts.ToJsonString());

        var run = CallmapCli.Run("check", Path.Combine(RepoPaths.Stacks, "prod.yaml"), "--roles", file);

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("minimal-role (mandatory)", run.Out);
        Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
    }

    [Fact]
    public void Markdown_lists_the_failing_rules_first_with_links_to_their_pages()
    {
        var run = CallmapCli.Run(["check", Dev, .. UnderProd, "--format", "markdown"]);

        Assert.Contains("| [`identity-platform`](policies/README.md#identity-platform) | mandatory | ✗ 3 findings |", run.Out);
        Snapshot.Match(FromRoot(run.Out), "Check/dev-under-prod.markdown", "md");
    }

    [SharedRolesFact]
    public void The_full_role_dataset_as_a_roles_file_drives_the_minimality_rule_and_the_prod_stack_still_passes()
    {
        var run = CallmapCli.Run("check", Prod, "--roles", RepoPaths.SharedRoles);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"{MapRules.Count} of {MapRules.Count} rules passed", run.Out);
    }

    [Fact]
    public void A_roles_file_with_a_smaller_role_makes_the_planned_role_too_broad()
    {
        var file = Path.Combine(Path.GetTempPath(), $"callmap-roles-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, """
            {
              "roles/aa.runPinger": { "title": "Run Pinger", "stage": "GA", "permissions": ["run.routes.invoke"] },
              "roles/run.servicesInvoker": { "title": "Cloud Run Service Invoker", "stage": "GA", "permissions": ["run.routes.invoke", "run.routes.get"] },
              "roles/cloudfunctions.invoker": { "title": "Cloud Functions Invoker", "stage": "GA", "permissions": ["cloudfunctions.functions.invoke"] },
              "roles/secretmanager.secretAccessor": { "title": "Secret Manager Secret Accessor", "stage": "GA", "permissions": ["secretmanager.versions.access"] }
            }
            """);
        var run = CallmapCli.Run("check", Prod, "--roles", file);
        var broken = CallmapCli.Run("check", Prod, "--roles", Prod);
        File.Delete(file);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("more than roles/aa.runPinger", run.Out);
        Assert.Equal(2, broken.ExitCode);
        Assert.StartsWith("stacks/prod.yaml:1:1: error[syntax] the roles file is not valid JSON:", FromRoot(broken.Error));
    }
}
