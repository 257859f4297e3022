using Callmap.Planning;
using Callmap.Roles;
using Callmap.Tests.Support;

namespace Callmap.Tests.Planning;

/// <summary>
/// The grants beyond the map's edges, checked against a table of Google's facts, each with its page;
/// the expected values come from those pages, not from the planner.
/// </summary>
public class PlatformGrantsTests
{
    private const string EventarcRoles = "https://cloud.google.com/eventarc/docs/roles-permissions";
    private const string BuildAccount = "https://cloud.google.com/functions/docs/securing/build-custom-sa";
    private const string SharedVpc = "https://cloud.google.com/run/docs/configuring/shared-vpc-direct-vpc";

    /// <summary>Project-level grants Google documents: role, who holds it, and where it says so.</summary>
    public static TheoryData<string, string, string> DocumentedProjectGrants => new()
    {
        { "roles/eventarc.eventReceiver", "serviceAccount:trigger-new-upload@acme-shop-stage.iam.gserviceaccount.com", EventarcRoles },
        { "roles/pubsub.publisher", "serviceAccount:service-987654321098@gs-project-accounts.iam.gserviceaccount.com", EventarcRoles },
        { "roles/logging.logWriter", "serviceAccount:functions-build@acme-shop-stage.iam.gserviceaccount.com", BuildAccount },
        { "roles/artifactregistry.writer", "serviceAccount:functions-build@acme-shop-stage.iam.gserviceaccount.com", BuildAccount },
    };

    private static Plan Every => Maps.PlanFile(Path.Combine(RepoPaths.Tests, "Maps", "every-caller-kind.yaml"));

    [Theory]
    [MemberData(nameof(DocumentedProjectGrants))]
    public void Each_project_level_grant_google_documents_is_planned_once_on_the_maps_project(string role, string member, string source)
    {
        var grant = Assert.Single(Every.OfType<ProjectIamMemberItem>(), g => g.Role == role && g.Member == member);

        Assert.Equal("acme-shop-stage", grant.Project);
        Assert.Equal(source, ProjectGrantExceptions.Get(grant.Exception).Source);
    }

    [Fact]
    public void No_project_level_grant_is_planned_beyond_those_google_documents()
    {
        var planned = Every.OfType<ProjectIamMemberItem>().Select(g => (g.Role, g.Member)).Order().ToList();

        Assert.Equal(DocumentedProjectGrants.Select(row => ((string)row[0], (string)row[1])).Order().ToList(), planned);
    }

    [Fact]
    public void The_storage_agent_is_read_from_storage_at_deploy_not_taken_from_its_documented_address()
    {
        var grant = Assert.Single(Every.OfType<ProjectIamMemberItem>(), g => g.Exception == ProjectGrantExceptions.StorageAgentPublishesEvents);

        Assert.Equal(MemberSource.StorageServiceAgent, grant.MemberFrom);
    }

    [Fact]
    public void A_storage_event_triggers_location_is_the_buckets_not_the_services_region()
    {
        var plan = Every;

        // https://cloud.google.com/eventarc/docs/understand-locations: the trigger is where the bucket is.
        Assert.Equal("eu", ((EventarcTriggerItem)plan["eventarc/new-upload"]).Location);
        Assert.Equal("europe-west1", ((FunctionGen2Item)plan["functions/thumbnails"]).Location);
    }

    [Fact]
    public void A_storage_trigger_waits_for_its_receiver_role_and_the_storage_agents_publisher_role()
    {
        var trigger = Every["eventarc/new-upload"];

        Assert.Contains("project-iam/eventarc-event-receiver/trigger-new-upload", trigger.DependsOn);
        Assert.Contains("project-iam/storage-agent-publishes-events", trigger.DependsOn);
    }

    [Fact]
    public void Two_storage_triggers_share_one_agent_grant_and_each_account_holds_the_event_receiver_role()
    {
        var plan = Maps.Plan(Maps.Header + """
            services:
              hooks: { run: { image: europe-west1-docker.pkg.dev/p/apps/hooks:1 } }
            callers:
              eventarc/on-upload: { invokes: hooks, event: google.cloud.storage.object.v1.finalized, filters: { bucket: up }, location: europe-west1 }
              eventarc/on-delete: { invokes: hooks, event: google.cloud.storage.object.v1.deleted, filters: { bucket: up }, location: europe-west1 }
            """);

        Assert.Equal(["project-iam/eventarc-event-receiver/trigger-on-delete", "project-iam/eventarc-event-receiver/trigger-on-upload"],
            plan.OfType<ProjectIamMemberItem>().Where(g => g.Role == "roles/eventarc.eventReceiver").Select(g => g.Name).Order(StringComparer.Ordinal));
        Assert.Single(plan.OfType<ProjectIamMemberItem>(), g => g.Role == "roles/pubsub.publisher");
        Assert.Contains(plan.OfType<ApiServiceItem>(), a => a.Service == "storage.googleapis.com");
        // The preview explains each exception once, with every account that holds it.
        var receivers = Assert.Single(Callmap.Reports.PlatformGrants.Of(plan), l => l.Grant.StartsWith("roles/eventarc.eventReceiver", StringComparison.Ordinal));
        Assert.Contains("trigger-on-delete@", receivers.Grant);
        Assert.Contains("trigger-on-upload@", receivers.Grant);
        Assert.EndsWith($"({EventarcRoles})", receivers.Why);
    }

    [Fact]
    public void The_build_account_holds_no_role_beyond_the_documented_set_and_reads_only_the_source_buckets()
    {
        var plan = Every;
        var builder = Assert.Single(plan.OfType<ServiceAccountItem>(), a => a.AccountId == "functions-build");
        var grants = plan.OfType<GrantItem>().Where(g => g.Member == builder.Member).ToList();

        // BuildAccount: Logs Writer, Artifact Registry Writer, and reading the function source from its bucket.
        Assert.Equal(["roles/artifactregistry.writer", "roles/logging.logWriter", "roles/storage.objectViewer"], grants.Select(g => g.Role).Order());
        var bucket = Assert.IsType<BucketIamMemberItem>(Assert.Single(grants, g => g.Role == "roles/storage.objectViewer"));
        Assert.Equal("acme-shop-stage-src", bucket.Bucket);
    }

    [Fact]
    public void Every_function_builds_as_the_build_account_and_waits_for_its_grants()
    {
        var plan = Every;
        const string name = "projects/acme-shop-stage/serviceAccounts/functions-build@acme-shop-stage.iam.gserviceaccount.com";

        var gen2 = (FunctionGen2Item)plan["functions/thumbnails"];
        var gen1 = (FunctionGen1Item)plan["functions/legacy_export"];
        Assert.Equal(name, gen2.BuildServiceAccount);
        Assert.Equal(name, gen1.BuildServiceAccount);
        foreach (var dependency in new[] { "accounts/functions-build", "bucket-iam/acme-shop-stage-src/functions-build",
                     "project-iam/function-build-writes-logs/functions-build", "project-iam/function-build-pushes-images/functions-build" })
        {
            Assert.Contains(dependency, gen2.DependsOn);
            Assert.Contains(dependency, gen1.DependsOn);
        }
    }

    [Fact]
    public void A_map_without_functions_has_no_build_account()
    {
        var plan = Maps.Plan(Maps.Header + "services:\n  api: { run: { image: europe-west1-docker.pkg.dev/p/apps/api:1 } }\n");

        Assert.DoesNotContain(plan.OfType<ServiceAccountItem>(), a => a.AccountId == "functions-build");
        Assert.Empty(plan.OfType<ProjectIamMemberItem>());
    }

    [Fact]
    public void On_a_shared_vpc_cloud_runs_agent_gets_network_user_on_the_hosts_subnet_and_callers_wait_for_it()
    {
        var plan = Every;

        // SharedVpc: roles/compute.networkUser for service-PROJECT_NUMBER@serverless-robot-prod on the shared subnet.
        var grant = Assert.Single(plan.OfType<SubnetIamMemberItem>());
        Assert.Equal(("acme-network-host", "europe-west1", "serverless-europe-west1", "roles/compute.networkUser",
                "serviceAccount:service-987654321098@serverless-robot-prod.iam.gserviceaccount.com"),
            (grant.Project, grant.Region, grant.Subnetwork, grant.Role, grant.Member));
        var cart = (RunServiceItem)plan["run/cart"];
        Assert.Equal("projects/acme-network-host/regions/europe-west1/subnetworks/serverless-europe-west1", cart.VpcEgress!.Subnetwork);
        Assert.Contains(grant.Name, cart.DependsOn);
    }

    [Fact]
    public void When_the_network_team_grants_the_subnet_nothing_is_planned_in_the_host_project_and_the_preview_says_who_must()
    {
        var plan = Maps.Plan(Maps.Header + """
            network: { hostProject: acme-network-host, vpc: shared-vpc, subnet: serverless-eu, hostGrant: network-team }
            services:
              api: { run: { image: europe-west1-docker.pkg.dev/p/apps/api:1 } }
              orders: { run: { image: europe-west1-docker.pkg.dev/p/apps/orders:1 } }
            callers:
              api: [orders]
            """);

        Assert.Empty(plan.OfType<SubnetIamMemberItem>());
        Assert.Equal("projects/acme-network-host/global/networks/shared-vpc", ((RunServiceItem)plan["run/api"]).VpcEgress!.Network);
        Assert.Contains("the network team must grant roles/compute.networkUser", Callmap.Reports.TextPreview.Render(plan, 400));
    }

    [SharedRolesFact]
    public void The_exceptions_roles_exist_and_are_the_narrowest_that_hold_what_each_is_for()
    {
        using var stream = File.OpenRead(RepoPaths.SharedRoles);
        var shared = RoleCatalog.Parse(stream);

        foreach (var exception in ProjectGrantExceptions.All)
            Assert.Equal("GA", shared.Roles[exception.Role].Stage);
        Assert.Equal(["pubsub.topics.publish"], shared.Roles["roles/pubsub.publisher"].Permissions);
        Assert.Equal("roles/eventarc.eventReceiver", shared.SmallestRoleWith("eventarc.events.receiveEvent"));
        Assert.Equal("roles/logging.logWriter", shared.SmallestRoleWith("logging.logEntries.create"));
        // The documented Artifact Registry role is narrower than the create-on-push writer.
        Assert.True(shared.Roles["roles/artifactregistry.writer"].Permissions.Count < shared.Roles["roles/artifactregistry.createOnPushWriter"].Permissions.Count);
        // The documented source reader (roles/storage.legacyObjectReader is smaller but a legacy bucket-ACL role the page does not name).
        Assert.Contains("storage.objects.get", shared.Roles[FunctionBuild.SourceReaderRole].Permissions);
        Assert.DoesNotContain(shared.Roles[FunctionBuild.SourceReaderRole].Permissions, p => p.StartsWith("storage.objects.create", StringComparison.Ordinal));
    }
}
