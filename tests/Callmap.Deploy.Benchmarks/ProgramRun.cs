using Callmap.Deploy.Tests;
using Pulumi;
using Pulumi.Testing;

namespace Callmap.Deploy.Benchmarks;

/// <summary>
/// One run of the program itself (<see cref="CallmapStack.RunAsync"/>, what <c>Program.cs</c> runs) under
/// <c>Deployment.TestAsync</c>, with the stack's config passed as the Pulumi CLI passes it
/// (<c>PULUMI_CONFIG</c>, <c>PULUMI_CONFIG_SECRET_KEYS</c>) and the deploy tests' <see cref="RecordingMocks"/>
/// answering: ids and outputs, <c>getProject</c> with the map's project number, Storage's agent.
/// Unlike the tests' <c>StackRun</c> it puts no recording monitor in front of the engine, so that only
/// what a real run does is measured.
/// </summary>
internal static class ProgramRun
{
    /// <summary>Runs the program once; returns how many resources the engine was asked to register (the stack itself not counted).</summary>
    public static async Task<int> RunAsync(SyntheticDeployStack stack, bool preview)
    {
        var mocks = new RecordingMocks(preview) { ProjectNumber = SyntheticDeployStack.ProjectNumber };
        var options = new TestOptions { IsPreview = preview, ProjectName = "callmap", StackName = stack.Name, RootDirectory = stack.Root };
        using (new PulumiConfigEnvironment(stack.PulumiConfigJson, stack.PulumiConfigSecretKeysJson))
            await Deployment.TestAsync(mocks, options, () => CallmapStack.RunAsync());
        return mocks.Resources.Count;
    }
}
