using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Etlx;
using Microsoft.Diagnostics.Tracing.Parsers;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace Callmap.Deploy.Benchmarks;

/// <summary>Whose code a sample or an allocation belongs to (see <see cref="CpuProfile"/>).</summary>
internal enum Owner
{
    /// <summary>callmap: the core (gate, plan, order, outputs) and the translation in infra/Pulumi.</summary>
    Callmap,

    /// <summary>Pulumi itself: the SDK, Pulumi.Gcp's generated types, its protobuf wire format, its mock engine.</summary>
    Pulumi,

    /// <summary>The deploy tests' mocks (a real run has the engine and the provider in their place, in other processes).</summary>
    Mocks,

    /// <summary>No callmap, Pulumi or mocks frame: idle threads, the runtime's background work, the profiler itself.</summary>
    Other,
}

/// <summary>
/// One profiled run by owner: the thread time of its samples (ms), the part of callmap's spent in its
/// gate, the bytes allocated, and the methods where callmap and Pulumi spent their samples.
/// </summary>
internal sealed record Attribution(
    IReadOnlyDictionary<Owner, double> SampledMs,
    double GateSampledMs,
    IReadOnlyDictionary<Owner, long> AllocatedBytes,
    IReadOnlyList<(string Method, double Ms)> HotCallmap,
    IReadOnlyList<(string Method, double Ms)> HotPulumi)
{
    /// <summary>callmap's sampled time per sampled ms of its gate: callmap's whole time is this times the gate's (timed on its own).</summary>
    public double CallmapPerGate => GateSampledMs == 0 ? double.NaN : SampledMs[Owner.Callmap] / GateSampledMs;

    public double MocksPerGate => GateSampledMs == 0 ? double.NaN : SampledMs[Owner.Mocks] / GateSampledMs;

    /// <summary>callmap's share of the bytes the program allocated (callmap, Pulumi and the mocks).</summary>
    public double CallmapAllocationShare
    {
        get
        {
            var program = AllocatedBytes[Owner.Callmap] + AllocatedBytes[Owner.Pulumi] + AllocatedBytes[Owner.Mocks];
            return program == 0 ? double.NaN : (double)AllocatedBytes[Owner.Callmap] / program;
        }
    }
}

/// <summary>
/// Samples this process's threads while it runs some work, through the runtime's EventPipe (what
/// dotnet-trace's cpu-sampling profile records: a stack of every managed thread about every
/// millisecond, and a stack for every ~100 KB allocated), and attributes every sample to an
/// <see cref="Owner"/> by its innermost frame that is callmap's, Pulumi's or the mocks'. Frames of .NET
/// itself, YamlDotNet and the like count for whoever called them: LINQ inside the planner is callmap's,
/// reflection inside Pulumi's <c>InputArgs</c> constructor is Pulumi's even when callmap's translation
/// constructs the args, and a garbage collection counts for the allocation that triggered it.
/// A thread is sampled whether it runs or waits (Pulumi's threads wait on its own locks), so samples are
/// thread time, not CPU time: they measure code that runs on one thread at a time, as callmap's does,
/// and say where other code's threads spend their time.
/// </summary>
internal static class CpuProfile
{
    private const string SampleProfiler = "Microsoft-DotNETCore-SampleProfiler";
    private const string Runtime = "Microsoft-Windows-DotNETRuntime";

    public static async Task<(T Result, Attribution Attribution)> RunAsync<T>(Func<Task<T>> work, int hotMethods = 10)
    {
        var folder = Directory.CreateTempSubdirectory("callmap-deploy-profile-");
        try
        {
            var trace = Path.Combine(folder.FullName, "run.nettrace");
            var providers = new[]
            {
                new EventPipeProvider(SampleProfiler, EventLevel.Informational),
                // GC at verbose level: AllocationTick. JIT and loader: method and module loads, so sampled addresses resolve to methods.
                new EventPipeProvider(Runtime, EventLevel.Verbose,
                    (long)(ClrTraceEventParser.Keywords.GC | ClrTraceEventParser.Keywords.Jit | ClrTraceEventParser.Keywords.Loader | ClrTraceEventParser.Keywords.NGen)),
            };
            T result;
            using (var session = new DiagnosticsClient(Environment.ProcessId).StartEventPipeSession(providers, requestRundown: true, circularBufferMB: 1024))
            {
                await using var file = File.Create(trace);
                var copy = session.EventStream.CopyToAsync(file);
                try
                {
                    result = await work();
                }
                finally
                {
                    // Stop asks for the rundown (every method's address and name) and ends the stream.
                    session.Stop();
                    await copy;
                }
            }
            return (result, Attribute(TraceLog.CreateFromEventPipeDataFile(trace), hotMethods));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static Attribution Attribute(string etlx, int hotMethods)
    {
        var sampled = Enum.GetValues<Owner>().ToDictionary(o => o, _ => 0.0);
        var allocated = Enum.GetValues<Owner>().ToDictionary(o => o, _ => 0L);
        var gate = 0.0;
        var hot = new Dictionary<(Owner, string), double>();
        // A sample stands for the time since the same thread's previous one: on a busy shared machine the
        // sampler runs late and irregularly, and counting samples would weigh calm moments less than busy ones.
        var previous = new Dictionary<int, double>();
        using var log = new TraceLog(etlx);
        foreach (var e in log.Events)
        {
            if (e.ProviderName == SampleProfiler)
            {
                var ms = previous.TryGetValue(e.ThreadID, out var last) ? e.TimeStampRelativeMSec - last : NominalIntervalMs;
                previous[e.ThreadID] = e.TimeStampRelativeMSec;
                var stack = e.CallStack();
                var (owner, method) = OwnerOf(stack);
                sampled[owner] += ms;
                if (owner == Owner.Callmap && InGate(stack)) gate += ms;
                if (owner is Owner.Callmap or Owner.Pulumi) hot[(owner, method!)] = hot.GetValueOrDefault((owner, method!)) + ms;
            }
            else if (e is GCAllocationTickTraceData tick)
            {
                allocated[OwnerOf(e.CallStack()).Owner] += tick.AllocationAmount64;
            }
        }
        List<(string, double)> Hot(Owner owner) => hot.Where(h => h.Key.Item1 == owner).OrderByDescending(h => h.Value)
            .Take(hotMethods).Select(h => (h.Key.Item2, h.Value)).ToList();
        return new Attribution(sampled, gate, allocated, Hot(Owner.Callmap), Hot(Owner.Pulumi));
    }

    /// <summary>The runtime's sampling interval, for a thread's first sample (which has no previous one).</summary>
    private const double NominalIntervalMs = 1;

    /// <summary>Whether callmap's gate (policies, load, plan, check) is on the stack: what runs before the first registration.</summary>
    private static bool InGate(TraceCallStack? stack)
    {
        for (var frame = stack; frame is not null; frame = frame.Caller)
            if (frame.CodeAddress.FullMethodName.StartsWith("Callmap.Stacks.StackGate", StringComparison.Ordinal)) return true;
        return false;
    }

    /// <summary>The innermost frame that belongs to an owner decides; the benchmark's own frames (it awaits the run) decide nothing.</summary>
    private static (Owner Owner, string? Method) OwnerOf(TraceCallStack? stack)
    {
        for (var frame = stack; frame is not null; frame = frame.Caller)
        {
            var method = frame.CodeAddress.FullMethodName;
            if (string.IsNullOrEmpty(method)) continue;
            if (method.StartsWith("Callmap.Deploy.Tests.", StringComparison.Ordinal)) return (Owner.Mocks, method);
            if (method.StartsWith("Callmap.Deploy.Benchmarks.", StringComparison.Ordinal)) continue;
            if (method.StartsWith("Callmap.", StringComparison.Ordinal)) return (Owner.Callmap, method);
            // Pulumi, Pulumi.Gcp, Pulumirpc (its wire types) and the protobuf and gRPC code only Pulumi calls here.
            if (method.StartsWith("Pulumi", StringComparison.Ordinal) || method.StartsWith("Google.Protobuf.", StringComparison.Ordinal)
                || method.StartsWith("Grpc.", StringComparison.Ordinal))
                return (Owner.Pulumi, method);
        }
        return (Owner.Other, null);
    }
}
