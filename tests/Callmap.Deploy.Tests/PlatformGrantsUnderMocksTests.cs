using Callmap.Loading;
using Callmap.Planning;
using Pulumi;
using Pulumi.Testing;

namespace Callmap.Deploy.Tests;

/// <summary>
/// The grants beyond the map's edges as the program registers them, with expected values written from
/// Google's and the provider's documentation rather than read from the plan.
/// </summary>
public class PlatformGrantsUnderMocksTests
{
    private const string EveryCallerKind = "tests/Callmap.Tests/Maps/every-caller-kind.yaml";

    private static readonly TestOptions Options = new() { IsPreview = false, ProjectName = "callmap", StackName = "test", RootDirectory = RepoPaths.Root };

    private static Plan PlanOf(string map)
    {
        var loaded = AccessMapLoader.LoadFile(Path.Combine(RepoPaths.Root, map), relativeTo: RepoPaths.Root);
        Assert.True(loaded.Succeeded, string.Join("\n", loaded.Diagnostics));
        return Planner.Create(loaded.Map!);
    }

    private static async Task<RecordingMocks> Deploy(Plan plan, RecordingMocks mocks)
    {
        await Deployment.TestAsync(mocks, Options, () => CallmapProgram.Declare(plan, key => Output.CreateSecret($"secret-{key}")));
        return mocks;
    }

    private static Registered Resource(RecordingMocks mocks, string name) => Assert.Single(mocks.Resources, r => r.Name == name);

    [Fact]
    public async Task The_storage_agent_granted_publisher_is_whoever_storage_reports_not_an_interpolated_address()
    {
        // Pulumi.Gcp's Storage.GetProjectServiceAccount doc: prefer it over interpolating the well-known format,
        // because the agent may not exist yet. The mock answers an address no interpolation could produce.
        const string reported = "serviceAccount:agent-as-storage-reports-it@example.iam.gserviceaccount.com";
        var mocks = await Deploy(PlanOf(EveryCallerKind), new RecordingMocks { ProjectNumber = "987654321098", StorageAgentMember = reported });

        var grant = Resource(mocks, "project-iam/storage-agent-publishes-events");
        Assert.Equal("gcp:projects/iAMMember:IAMMember", grant.Type);
        Assert.Equal(reported, grant.Inputs["member"]);
        Assert.Equal("roles/pubsub.publisher", grant.Inputs["role"]);
        var call = Assert.Single(mocks.Calls);
        Assert.Equal(RecordingMocks.StorageServiceAccountToken, call.Token);
        Assert.Equal("acme-shop-stage", call.Args["project"]);
    }

    [Fact]
    public async Task Both_function_generations_build_as_the_build_account_in_the_form_the_provider_documents()
    {
        var mocks = await Deploy(PlanOf(EveryCallerKind), new RecordingMocks { ProjectNumber = "987654321098" });

        // CloudFunctions.Function.BuildServiceAccount and CloudFunctionsV2 buildConfig.serviceAccount:
        // projects/{project}/serviceAccounts/{serviceAccountEmail}.
        const string builder = "projects/acme-shop-stage/serviceAccounts/functions-build@acme-shop-stage.iam.gserviceaccount.com";
        Assert.Equal(builder, InputPath.At(Resource(mocks, "functions/thumbnails").Inputs, "buildConfig.serviceAccount"));
        Assert.Equal(builder, Resource(mocks, "functions/legacy_export").Inputs["buildServiceAccount"]);
    }

    [Fact]
    public async Task The_build_account_holds_only_the_roles_googles_custom_build_account_page_lists()
    {
        var mocks = await Deploy(PlanOf(EveryCallerKind), new RecordingMocks { ProjectNumber = "987654321098" });

        // https://cloud.google.com/functions/docs/securing/build-custom-sa: Logs Writer, Artifact Registry Writer,
        // and reading the source from its bucket (here on that bucket only).
        const string member = "serviceAccount:functions-build@acme-shop-stage.iam.gserviceaccount.com";
        var grants = mocks.Resources.Where(r => r.Inputs.TryGetValue("member", out var m) && (string)m == member)
            .Select(r => (r.Type, Role: (string)r.Inputs["role"], On: (string)(r.Inputs.GetValueOrDefault("bucket") ?? r.Inputs["project"])))
            .Order().ToList();
        Assert.Equal(
        [
            ("gcp:projects/iAMMember:IAMMember", "roles/artifactregistry.writer", "acme-shop-stage"),
            ("gcp:projects/iAMMember:IAMMember", "roles/logging.logWriter", "acme-shop-stage"),
            ("gcp:storage/bucketIAMMember:BucketIAMMember", "roles/storage.objectViewer", "acme-shop-stage-src"),
        ], grants);
    }

    [Fact]
    public async Task A_storage_trigger_is_registered_in_its_buckets_location_and_its_account_receives_events()
    {
        var mocks = await Deploy(PlanOf(EveryCallerKind), new RecordingMocks { ProjectNumber = "987654321098" });

        // https://cloud.google.com/eventarc/docs/understand-locations: the trigger is where the bucket is (the map's EU bucket).
        Assert.Equal("eu", Resource(mocks, "eventarc/new-upload").Inputs["location"]);
        // https://cloud.google.com/eventarc/docs/roles-permissions: Event Receiver for the trigger's account, on the project.
        var receiver = Resource(mocks, "project-iam/eventarc-event-receiver/trigger-new-upload");
        Assert.Equal(("roles/eventarc.eventReceiver", "serviceAccount:trigger-new-upload@acme-shop-stage.iam.gserviceaccount.com", "acme-shop-stage"),
            ((string)receiver.Inputs["role"], (string)receiver.Inputs["member"], (string)receiver.Inputs["project"]));
    }

    [Fact]
    public async Task On_a_shared_vpc_the_service_names_the_hosts_network_and_cloud_runs_agent_may_use_the_hosts_subnet()
    {
        var mocks = await Deploy(PlanOf(EveryCallerKind), new RecordingMocks { ProjectNumber = "987654321098" });

        // https://cloud.google.com/run/docs/configuring/shared-vpc-direct-vpc: full names in the host project, and
        // roles/compute.networkUser for service-PROJECT_NUMBER@serverless-robot-prod on the host's subnet.
        var cart = Resource(mocks, "run/cart").Inputs;
        Assert.Equal("projects/acme-network-host/global/networks/shared-vpc", InputPath.At(cart, "template.vpcAccess.networkInterfaces[0].network"));
        Assert.Equal("projects/acme-network-host/regions/europe-west1/subnetworks/serverless-europe-west1",
            InputPath.At(cart, "template.vpcAccess.networkInterfaces[0].subnetwork"));
        var subnet = Assert.Single(mocks.Resources, r => r.Type == "gcp:compute/subnetworkIAMMember:SubnetworkIAMMember");
        Assert.Equal(
            ("acme-network-host", "europe-west1", "serverless-europe-west1", "roles/compute.networkUser",
                "serviceAccount:service-987654321098@serverless-robot-prod.iam.gserviceaccount.com"),
            ((string)subnet.Inputs["project"], (string)subnet.Inputs["region"], (string)subnet.Inputs["subnetwork"], (string)subnet.Inputs["role"],
                (string)subnet.Inputs["member"]));
    }

    [Fact]
    public async Task When_the_network_team_grants_the_subnet_the_stack_registers_no_grant_in_the_host_project()
    {
        var mocks = await Deploy(PlanOf("stacks/prod.yaml"), new RecordingMocks { ProjectNumber = "234567890123" });

        Assert.DoesNotContain(mocks.Resources, r => r.Type == "gcp:compute/subnetworkIAMMember:SubnetworkIAMMember");
        Assert.Equal("projects/acme-network-prod/global/networks/shared-vpc",
            InputPath.At(Resource(mocks, "run/api").Inputs, "template.vpcAccess.networkInterfaces[0].network"));
    }
}
