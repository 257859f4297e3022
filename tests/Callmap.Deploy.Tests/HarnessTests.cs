using Pulumi;
using GetProject = Pulumi.Gcp.Organizations.GetProject;
using GetClientConfig = Pulumi.Gcp.Organizations.GetClientConfig;
using Pulumi.Gcp.Projects;

namespace Callmap.Deploy.Tests;

/// <summary>
/// The harness itself (<see cref="RecordingMonitor"/>, <see cref="RecordingMocks"/>), on small programs whose
/// options and invokes are known, so that a test of the real program cannot pass because nothing was recorded.
/// </summary>
public class HarnessTests
{
    private static readonly ShippedStack Dev = ShippedStack.Read("dev");

    [Fact]
    public async Task The_recording_monitor_reports_each_option_the_program_set_and_null_for_those_it_did_not()
    {
        var run = await StackRun.Of(Dev, preview: false, () =>
        {
            var first = new Service("first", new ServiceArgs { ServiceName = "run.googleapis.com" });
            _ = new Service("second", new ServiceArgs { ServiceName = Output.CreateSecret("iap.googleapis.com") }, new CustomResourceOptions
            {
                DependsOn = { first },
                Protect = true,
                DeleteBeforeReplace = true,
                RetainOnDelete = false,
                IgnoreChanges = { "disableOnDestroy" },
                ReplaceOnChanges = { "service" },
            });
            _ = new Service("third", new ServiceArgs { ServiceName = "pubsub.googleapis.com", Project = first.Id });
            return Task.FromResult<IDictionary<string, object?>>(new Dictionary<string, object?>());
        });

        var byName = run.Engine.ToDictionary(r => r.Name);
        var first = byName["first"];
        Assert.Equal("gcp:projects/service:Service", first.Type);
        Assert.Empty(first.Dependencies);
        Assert.Null(first.Protect);
        Assert.Null(first.DeleteBeforeReplace);
        Assert.Null(first.RetainOnDelete);

        var second = byName["second"];
        Assert.Equal(["first"], second.Dependencies);
        Assert.True(second.Protect);
        Assert.True(second.DeleteBeforeReplace);
        Assert.False(second.RetainOnDelete);
        Assert.Equal(["disableOnDestroy"], second.IgnoreChanges);
        Assert.Equal(["service"], second.ReplaceOnChanges);
        Assert.Equal(["service"], second.SecretInputs);

        var third = byName["third"];
        Assert.Equal(["first"], third.Dependencies);
        Assert.Equal(["first"], third.PropertyDependencies["project"]);
        Assert.Null(third.Protect);
        Assert.Empty(third.SecretInputs);
    }

    [Theory]
    [MemberData(nameof(ShippedStacksUnderTheEngineTests.StacksInPreviewAndUpdate), MemberType = typeof(ShippedStacksUnderTheEngineTests))]
    public async Task The_mocks_answer_getProject_with_the_project_number_of_the_stacks_map_and_record_the_call(string stack, bool preview)
    {
        var shipped = ShippedStack.Read(stack);

        var run = await StackRun.Of(shipped, preview, ProjectNumberProgram);

        Assert.Equal(shipped.Map.ProjectNumber.Value, await NumberOutput(run));
        var call = Assert.Single(run.Mocks.Calls);
        Assert.Equal(RecordingMocks.GetProjectToken, call.Token);
    }

    [Fact]
    public async Task The_mocks_answer_getProject_with_the_number_a_test_sets()
    {
        var mocks = new RecordingMocks { ProjectNumber = "999999999999" };

        var run = await StackRun.Of(Dev, preview: false, ProjectNumberProgram, mocks);

        Assert.NotEqual("999999999999", Dev.Map.ProjectNumber.Value);
        Assert.Equal("999999999999", await NumberOutput(run));
    }

    [Fact]
    public async Task The_mocks_refuse_an_invoke_they_have_no_answer_for_and_still_record_it()
    {
        var mocks = new RecordingMocks();

        await Assert.ThrowsAnyAsync<Exception>(() => StackRun.Of(Dev, preview: false, async () =>
        {
            await GetClientConfig.InvokeAsync();
            return new Dictionary<string, object?>();
        }, mocks));

        Assert.Equal(["gcp:organizations/getClientConfig:getClientConfig"], mocks.Calls.Select(c => c.Token));
    }

    private static async Task<IDictionary<string, object?>> ProjectNumberProgram()
    {
        var project = await GetProject.InvokeAsync();
        return new Dictionary<string, object?> { ["number"] = Output.Create(project.Number) };
    }

    private static Task<string> NumberOutput(StackRun run) => Pulumi.Utilities.OutputUtilities.GetValueAsync((Output<string>)run.Outputs["number"]!);
}
