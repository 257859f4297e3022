using System.Collections.Immutable;
using Pulumi;
using Pulumi.Testing;

namespace Callmap.Deploy.Tests;

/// <summary>
/// The program itself (<see cref="CallmapStack.RunAsync"/>, what <c>Program.cs</c> runs) under Pulumi's mock
/// engine, for a shipped stack with its config passed the way the Pulumi CLI passes it: the
/// <c>PULUMI_CONFIG</c> and <c>PULUMI_CONFIG_SECRET_KEYS</c> environment variables, which the SDK reads
/// when the deployment starts. What it records: the mocks' view (type, name, inputs, invokes), the engine's
/// view (<see cref="RecordingMonitor"/>: options and dependencies) and the stack outputs.
/// </summary>
public sealed class StackRun
{
    private StackRun(ShippedStack stack, RecordingMocks mocks, RecordingMonitor? monitor, ImmutableArray<Resource> resources, IDictionary<string, object?> outputs)
    {
        Stack = stack;
        Mocks = mocks;
        Engine = monitor?.Registrations ?? [];
        Resources = resources;
        Outputs = outputs;
    }

    public ShippedStack Stack { get; }

    public RecordingMocks Mocks { get; }

    /// <summary>Every registration as the engine received it, with its resource options.</summary>
    public IReadOnlyList<EngineRegistration> Engine { get; }

    /// <summary>The resource objects the program created (their outputs: ids, URNs, computed properties).</summary>
    public ImmutableArray<Resource> Resources { get; }

    public IDictionary<string, object?> Outputs { get; }

    public static TestOptions Options(string stack, bool preview) =>
        new() { IsPreview = preview, ProjectName = "callmap", StackName = stack, RootDirectory = RepoPaths.Root };

    /// <summary>Runs the program for <paramref name="stack"/>; <paramref name="withoutConfig"/> leaves keys out of the config.</summary>
    public static Task<StackRun> Of(ShippedStack stack, bool preview, RecordingMocks? mocks = null, IEnumerable<string>? withoutConfig = null) =>
        Of(stack, preview, CallmapStack.RunAsync, mocks, withoutConfig);

    /// <summary>Runs <paramref name="program"/> instead of the callmap program, in the same environment: for tests of this harness itself.</summary>
    public static async Task<StackRun> Of(ShippedStack stack, bool preview, Func<Task<IDictionary<string, object?>>> program,
        RecordingMocks? mocks = null, IEnumerable<string>? withoutConfig = null)
    {
        mocks ??= new RecordingMocks(preview);
        if (mocks.Preview != preview) throw new ArgumentException($"mocks for {(mocks.Preview ? "a preview" : "an update")} in {(preview ? "a preview" : "an update")}", nameof(mocks));
        RecordingMonitor? monitor = null;
        using var environment = new PulumiConfigEnvironment(stack.PulumiConfigJson(withoutConfig), stack.PulumiConfigSecretKeysJson());
        var (resources, outputs) = await Deployment.TestAsync(mocks, Options(stack.Name, preview), () =>
        {
            monitor = RecordingMonitor.AttachToCurrentDeployment();
            return program();
        });
        return new StackRun(stack, mocks, monitor, resources, outputs);
    }
}
