using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Callmap.Loading;
using Callmap.Planning;
using Callmap.Stacks;

namespace Callmap.Deploy.Benchmarks;

/// <summary>What one size and mode measured, in the process that ran it (medians of the timed runs; thread time of the sampled run's samples).</summary>
internal sealed record CaseResult(
    int Services, int Edges, string Mode, int Runs, int PlanItems, int Resources,
    double WallMs, double CpuMs, long AllocatedBytes, long PeakWorkingSetBytes,
    double LoadMs, double PlanMs, double GateMs, double OrderAndOutputsMs,
    double? CallmapSampledMs, double? GateSampledMs, double? PulumiSampledMs, double? MocksSampledMs,
    double? CallmapMs, double? MocksMs, double? CallmapAllocationShare,
    string[] HotCallmap, string[] HotPulumi);

/// <summary>
/// The Pulumi program under Pulumi's mock engine at scale (issue 12): for synthetic maps of each size
/// (<see cref="Callmap.Benchmarks.SyntheticMap"/>, ten edges per service) and in both modes (preview:
/// nothing exists, outputs unknown; update: ids and outputs known), the time and memory of registering
/// the whole plan, and the share of it spent outside Pulumi itself, i.e. in callmap's own code.
/// <para>
/// Each size and mode runs in a fresh process (this program started with <c>--case</c>), so that its
/// peak working set is its own. That process writes the stack to a temporary folder
/// (<see cref="SyntheticDeployStack"/>), runs the whole program once on a 20-service stack so the
/// figures are not the JIT's, then <c>--runs</c> times (after a full GC each):
/// <see cref="CallmapStack.RunAsync"/> under <c>Deployment.TestAsync</c> with the deploy tests'
/// <c>RecordingMocks</c> (<see cref="ProgramRun"/>), measuring wall time, CPU time of the process
/// (all threads) and bytes allocated (<c>GC.GetTotalAllocatedBytes</c>), and reports the medians and the
/// number of resources the engine was asked to register. Peak working set is the process's, read after
/// the timed runs (the warm-up is smaller, so the peak is this size's).
/// </para>
/// <para>
/// <b>Outside Pulumi.</b> Pulumi's work cannot be timed apart from callmap's by stopwatches around our
/// code: the translation (infra/Pulumi) constructs Pulumi.Gcp's args and resources in one expression,
/// the args' constructor (Pulumi's <c>InputArgs</c>) reflects over its type on every instance, and under
/// the mock engine much of a registration runs inside the resource's constructor. Replaying the
/// recorded registrations through Pulumi without callmap would miss that typed-args work, and a run
/// with instant mocks measures the mocks, not callmap. So callmap's time is found in two parts:
/// <list type="number">
/// <item><description>The gate (policies, map load, plan, check: everything before the first
/// registration) is callmap's alone and is timed directly with a stopwatch (median of the runs, same
/// process, warm), as are its load and plan stages and the core's dependency order and stack
/// outputs.</description></item>
/// <item><description>One more run of the case is sampled (<see cref="CpuProfile"/>: the runtime's own
/// EventPipe sampler, a stack of every thread about every millisecond, and a stack for every ~100 KB
/// allocated). Each sample belongs to the innermost frame that is callmap's (<c>Callmap.*</c>: core and
/// translation), Pulumi's (<c>Pulumi*</c>, its protobuf and gRPC types, its mock engine) or the mocks';
/// .NET's own frames count for their caller; each sample counts for the time since the same thread's
/// previous one. callmap's code runs on one thread at a time (the gate, then the translation), so its
/// samples measure its time; the samples taken inside the gate put a scale on them, which also takes
/// out the sampler's own slowing of the run: callmap's time = the gate's stopwatch time × callmap's
/// sampled time / the gate's sampled time. The translation is that minus the gate and the order and
/// outputs.</description></item>
/// </list>
/// "Outside Pulumi" is callmap's time as a share of the run's wall time and of its CPU time (all
/// threads), and callmap's share of the allocated bytes (allocation samples). Everything else is Pulumi
/// and the runtime working for it (garbage collection of its allocations, the thread pool that runs its
/// continuations), except the mocks' time, shown apart: in a real run the engine and the provider do
/// that work in other processes.
/// </para>
/// </summary>
internal static class DeployBenchmark
{
    public const string Usage =
        "[--sizes 200,2000] [--runs 3] [--edges-per-service 10] [--no-profile]";

    private const int WarmUpServices = 20;

    /// <summary>The whole benchmark: one process per size and mode, then the Markdown tables.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<int> sizes, int runs, int edgesPerService, bool profile)
    {
        var loadAtStart = LoadAverage();
        var started = Stopwatch.StartNew();
        var results = new List<CaseResult>();
        foreach (var services in sizes)
        foreach (var mode in new[] { "preview", "update" })
        {
            Console.Error.WriteLine($"deploy benchmark: {services:N0} services, {mode} ({runs} runs{(profile ? " and one sampled" : "")}) ...");
            results.Add(await RunCaseProcessAsync(services, mode, runs, edgesPerService, profile));
        }
        Console.Out.Write(Render(results, runs, loadAtStart, LoadAverage(), started.Elapsed, profile));
        return 0;
    }

    /// <summary>One size and mode, in this process (<c>--case</c>): prints its result as one JSON line.</summary>
    public static async Task<int> RunCaseAsync(int services, string mode, int runs, int edgesPerService, bool profile)
    {
        var preview = mode switch
        {
            "preview" => true,
            "update" => false,
            _ => throw new ArgumentException($"mode must be preview or update, not '{mode}'", nameof(mode)),
        };
        using (var warmUp = SyntheticDeployStack.Create(WarmUpServices, edgesPerService))
        {
            await ProgramRun.RunAsync(warmUp, preview);
            Stages(warmUp);
        }

        using var stack = SyntheticDeployStack.Create(services, edgesPerService);
        var costs = new List<(double Wall, double Cpu, long Allocated)>();
        var resources = 0;
        for (var i = 0; i < runs; i++)
        {
            FullCollect();
            var process = Process.GetCurrentProcess();
            var cpu = process.TotalProcessorTime;
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var wall = Stopwatch.StartNew();
            resources = await ProgramRun.RunAsync(stack, preview);
            wall.Stop();
            process.Refresh();
            costs.Add((wall.Elapsed.TotalMilliseconds, (process.TotalProcessorTime - cpu).TotalMilliseconds, GC.GetTotalAllocatedBytes(precise: true) - allocated));
        }

        var stages = Enumerable.Range(0, runs).Select(_ => Stages(stack)).ToList();
        var peak = Process.GetCurrentProcess().PeakWorkingSet64;

        Attribution? attribution = null;
        if (profile)
        {
            FullCollect();
            (_, attribution) = await CpuProfile.RunAsync(() => ProgramRun.RunAsync(stack, preview));
        }

        var gateMs = Median(stages.Select(s => s.Gate));
        var result = new CaseResult(services, stack.Edges, mode, runs, stages[0].PlanItems, resources,
            Median(costs.Select(c => c.Wall)), Median(costs.Select(c => c.Cpu)), (long)Median(costs.Select(c => (double)c.Allocated)), peak,
            Median(stages.Select(s => s.Load)), Median(stages.Select(s => s.Plan)), gateMs, Median(stages.Select(s => s.OrderAndOutputs)),
            attribution?.SampledMs[Owner.Callmap], attribution?.GateSampledMs, attribution?.SampledMs[Owner.Pulumi], attribution?.SampledMs[Owner.Mocks],
            gateMs * attribution?.CallmapPerGate, gateMs * attribution?.MocksPerGate, attribution?.CallmapAllocationShare,
            attribution?.HotCallmap.Select(h => $"{h.Ms,7:F0} ms  {h.Method}").ToArray() ?? [],
            attribution?.HotPulumi.Select(h => $"{h.Ms,7:F0} ms  {h.Method}").ToArray() ?? []);
        Console.Out.WriteLine(ResultPrefix + JsonSerializer.Serialize(result));
        return 0;
    }

    private const string ResultPrefix = "deploy-benchmark-result: ";

    /// <summary>callmap's own stages, timed apart from Pulumi: what the gate does before the first registration, and the core's share of Declare.</summary>
    private static (double Load, double Plan, double Gate, double OrderAndOutputs, int PlanItems) Stages(SyntheticDeployStack stack)
    {
        FullCollect();
        var watch = Stopwatch.StartNew();
        var map = AccessMapLoader.LoadFile(stack.Settings.FullPath(stack.MapPath), relativeTo: stack.Root).Map!;
        var load = watch.Elapsed.TotalMilliseconds;

        watch.Restart();
        var plan = Planner.Create(map);
        var planMs = watch.Elapsed.TotalMilliseconds;

        FullCollect();
        watch.Restart();
        var gate = StackGate.Run(stack.Settings);
        var gateMs = watch.Elapsed.TotalMilliseconds;
        if (!gate.Passed) throw new InvalidOperationException($"the gate refused the synthetic stack:\n{gate.Refusal}");

        watch.Restart();
        GC.KeepAlive(DependencyOrder.Of(plan));
        GC.KeepAlive(ConfigSecrets.Keys(plan));
        GC.KeepAlive(StackOutputs.For(plan));
        var order = watch.Elapsed.TotalMilliseconds;
        return (load, planMs, gateMs, order, plan.Items.Count);
    }

    /// <summary>Runs one case as a child process of this program and reads its result line.</summary>
    private static async Task<CaseResult> RunCaseProcessAsync(int services, string mode, int runs, int edgesPerService, bool profile)
    {
        var start = new ProcessStartInfo { RedirectStandardOutput = true, UseShellExecute = false };
        // Under `dotnet run` this is the apphost; started as `dotnet X.dll` it is dotnet, which needs the assembly first.
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("the benchmark cannot find its own executable");
        start.FileName = self;
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") start.ArgumentList.Add(typeof(DeployBenchmark).Assembly.Location);
        foreach (var arg in new[] { "--case", services.ToString(CultureInfo.InvariantCulture), mode, "--runs", runs.ToString(CultureInfo.InvariantCulture),
                     "--edges-per-service", edgesPerService.ToString(CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(arg);
        if (!profile) start.ArgumentList.Add("--no-profile");

        using var child = Process.Start(start) ?? throw new InvalidOperationException($"could not start {self}");
        var output = await child.StandardOutput.ReadToEndAsync();
        await child.WaitForExitAsync();
        var line = output.Split('\n').LastOrDefault(l => l.StartsWith(ResultPrefix, StringComparison.Ordinal));
        if (child.ExitCode != 0 || line is null)
            throw new InvalidOperationException($"the {services:N0}-service {mode} case failed (exit code {child.ExitCode}):\n{output}");
        return JsonSerializer.Deserialize<CaseResult>(line[ResultPrefix.Length..])!;
    }

    private static string Render(List<CaseResult> results, int runs, string loadAtStart, string loadAtEnd, TimeSpan took, bool profile)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture,
            $"callmap deploy benchmark · {Environment.ProcessorCount} cores · .NET {Environment.Version} · Pulumi {typeof(Pulumi.Deployment).Assembly.GetName().Version} · "
            + $"median of {runs} runs each · load average {loadAtStart} at start, {loadAtEnd} at end · {took.TotalMinutes:F1} min\n\n");

        text.Append("| services / edges | mode | plan items | resources | wall s | CPU s | allocated MB | peak working set MB | callmap s | outside Pulumi: wall | outside Pulumi: CPU | outside Pulumi: allocated |\n");
        text.Append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        foreach (var r in results)
            text.Append(CultureInfo.InvariantCulture,
                $"| {r.Services:N0} / {r.Edges:N0} | {r.Mode} | {r.PlanItems:N0} | {r.Resources:N0} | {r.WallMs / 1000:F2} | {r.CpuMs / 1000:F2} | {Mb(r.AllocatedBytes):F0} | {Mb(r.PeakWorkingSetBytes):F0} "
                + $"| {Seconds(r.CallmapMs)} | {Percent(r.CallmapMs / r.WallMs)} | {Percent(r.CallmapMs / r.CpuMs)} | {Percent(r.CallmapAllocationShare)} |\n");

        text.Append("\ncallmap's time: the gate's stages, and the core's order and outputs, timed on their own; callmap's whole time from the sampled run "
            + "(gate time × callmap's sampled time / the gate's sampled time); the translation is the rest. The sampled run's own figures (thread time, slowed by the sampling) are in the last column.\n\n");
        text.Append("| services | mode | load ms | plan ms | gate ms (policies, load, plan, check) | order + outputs ms | callmap ms | of which translation ms | mocks ms | sampled ms: callmap / of it gate / Pulumi / mocks |\n");
        text.Append("|---|---|---|---|---|---|---|---|---|---|\n");
        foreach (var r in results)
            text.Append(CultureInfo.InvariantCulture,
                $"| {r.Services:N0} | {r.Mode} | {r.LoadMs:F0} | {r.PlanMs:F0} | {r.GateMs:F0} | {r.OrderAndOutputsMs:F0} | {Ms(r.CallmapMs)} "
                + $"| {Ms(r.CallmapMs - r.GateMs - r.OrderAndOutputsMs)} | {Ms(r.MocksMs)} | {Ms(r.CallmapSampledMs)} / {Ms(r.GateSampledMs)} / {Ms(r.PulumiSampledMs)} / {Ms(r.MocksSampledMs)} |\n");

        var growth = results.GroupBy(r => r.Mode).SelectMany(mode => mode.OrderBy(r => r.Services).Zip(mode.OrderBy(r => r.Services).Skip(1))).ToList();
        if (growth.Count > 0)
        {
            text.Append("\nGrowth (goal: 10× the map costs at most 10.5× the time and memory, i.e. at most 1.05× the map's growth):\n\n");
            text.Append("| mode | services | map grows | wall | CPU | allocated | peak working set | resources |\n");
            text.Append("|---|---|---|---|---|---|---|---|\n");
            foreach (var (small, large) in growth)
            {
                var factor = (double)large.Services / small.Services;
                string Ratio(double a, double b) => $"{b / a:F1}×{(b / a <= factor * 1.05 ? "" : " (over)")}";
                text.Append(CultureInfo.InvariantCulture,
                    $"| {small.Mode} | {small.Services:N0} → {large.Services:N0} | {factor:F0}× | {Ratio(small.WallMs, large.WallMs)} | {Ratio(small.CpuMs, large.CpuMs)} "
                    + $"| {Ratio(small.AllocatedBytes, large.AllocatedBytes)} | {Ratio(small.PeakWorkingSetBytes, large.PeakWorkingSetBytes)} | {(double)large.Resources / small.Resources:F1}× |\n");
            }
        }

        if (profile && results.Count > 0)
        {
            var largest = results.Where(r => r.Services == results.Max(x => x.Services)).ToList();
            foreach (var r in largest)
            {
                text.Append(CultureInfo.InvariantCulture, $"\nWhere the samples went, {r.Services:N0} services, {r.Mode} (sampled thread time of the innermost callmap or Pulumi method, waiting threads too):\n\n");
                text.Append("callmap:\n");
                foreach (var hot in r.HotCallmap) text.Append("    ").Append(hot).Append('\n');
                text.Append("Pulumi:\n");
                foreach (var hot in r.HotPulumi) text.Append("    ").Append(hot).Append('\n');
            }
        }
        return text.ToString();
    }

    private static double Mb(long bytes) => bytes / (1024.0 * 1024);

    private static string Percent(double? share) => share is { } s && !double.IsNaN(s) ? $"{s * 100:F1}%" : "—";

    private static string Seconds(double? ms) => ms is { } m && !double.IsNaN(m) ? (m / 1000).ToString("F2", CultureInfo.InvariantCulture) : "—";

    private static string Ms(double? ms) => ms is { } m && !double.IsNaN(m) ? m.ToString("F0", CultureInfo.InvariantCulture) : "—";

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>Start each measurement on a clean heap, so a run is not charged for the garbage of the one before.</summary>
    private static void FullCollect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    /// <summary>The 1-, 5- and 15-minute load averages (Linux), since the machine is shared and wall times depend on it.</summary>
    private static string LoadAverage()
    {
        try
        {
            return string.Join(" / ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
        catch (UnauthorizedAccessException)
        {
            return "unknown";
        }
    }
}
