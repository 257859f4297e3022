using Callmap.Tests.Support;

namespace Callmap.Tests.Planning;

/// <summary>
/// Plan item names become Pulumi resource names, which must be unique in a stack: every map the loader
/// accepts plans every item under a name of its own.
/// </summary>
public class UniqueItemNamesTests
{
    private const string Edge = """
        network: { vpc: shared-vpc, subnet: serverless-europe-west1 }
        edge:
          armor:
            default: { defaultAction: allow, rateLimit: { requests: 300, seconds: 60 } }
        """;

    private static void AssertUniqueNames(string map)
    {
        var plan = Maps.Plan(map);
        var repeated = plan.Items.GroupBy(i => i.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(repeated.Count == 0, $"planned twice: {string.Join(", ", repeated)}");
    }

    [Theory]
    [InlineData("iap")]
    [InlineData("identity-platform")]
    [InlineData("internet")]
    public void A_workload_may_not_take_a_name_callmap_gives_its_own_callers_and_nodes(string name)
    {
        var errors = Maps.Errors(Maps.Header + $$"""
            services:
              {{name}}:
                run: { image: europe-west1-docker.pkg.dev/p/apps/x:1 }
            """);

        var error = Assert.Single(errors);
        Assert.Equal(("invalid-name", 5), (error.Code, error.At.Line));
        Assert.Equal($"name the service otherwise, e.g. {name}-svc", error.Fix);
    }

    [Fact]
    public void One_function_answering_two_blocking_events_gets_its_grant_once()
    {
        var map = Maps.Header + """
            identityPlatform:
              signIn: { email: true }
              blockingFunctions: { beforeCreate: screen, beforeSignIn: screen }
            services:
              screen:
                function: { runtime: nodejs22, entryPoint: screen, source: gs://b/screen.zip }
            """;

        AssertUniqueNames(map);
        var config = Maps.Plan(map).OfType<Callmap.Planning.IdentityPlatformConfigItem>().Single();
        Assert.Equal(["beforeCreate", "beforeSignIn"], config.BlockingTriggers.Select(t => t.EventType));
    }

    [Fact]
    public void An_iap_member_written_twice_in_different_case_is_granted_once()
    {
        var map = Maps.Header + Edge + """

            services:
              admin:
                run: { image: europe-west1-docker.pkg.dev/p/apps/admin:1 }
                public: { hosts: [admin.acme.shop], auth: iap, iap: { members: [group:support@acme.shop, group:Support@acme.shop] } }
            """;

        AssertUniqueNames(map);
        Assert.Single(Maps.Plan(map).OfType<Callmap.Planning.IapAccessGrantItem>());
    }
}
