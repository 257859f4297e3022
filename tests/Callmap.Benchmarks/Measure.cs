using System.Diagnostics;
using Callmap.Diagnostics;
using Callmap.Loading;
using Callmap.Planning;
using Callmap.Yaml;

namespace Callmap.Benchmarks;

/// <summary>
/// `measure`: times each stage on maps of growing size in this process, reports how time grows with
/// the map, and the process's peak memory. Stopwatch medians over several runs after a warm-up; the
/// BenchmarkDotNet suite gives the same stages with statistics.
/// </summary>
public static class Measure
{
    private const int Runs = 7;

    public static int Run()
    {
        Console.WriteLine($"callmap benchmark · {Environment.ProcessorCount} cores · .NET {Environment.Version} · {Runs} runs each, median");
        Console.WriteLine($"{"services",9} {"edges",7} {"bytes",10} {"yaml ms",9} {"bind+validate ms",17} {"plan ms",9} {"load+plan ms",13}");
        var results = new List<(int Services, double Yaml, double Validate, double Plan)>();
        foreach (var (services, edges) in new[] { (200, 2_000), (2_000, 20_000), (20_000, 200_000) })
        {
            var text = SyntheticMap.Generate(services, edges);
            // Warm-up: JIT and caches, so that the medians measure the work and not the first call.
            Planner.Create(AccessMapLoader.Load("synthetic.yaml", text).Map!);

            var yaml = Median(() => YamlReader.Read("synthetic.yaml", text, YamlLimits.Default with { MaxNodes = 10_000_000 }, new DiagnosticBag()));
            var load = Median(() => AccessMapLoader.Load("synthetic.yaml", text, YamlLimits.Default with { MaxNodes = 10_000_000 }));
            var map = AccessMapLoader.Load("synthetic.yaml", text, YamlLimits.Default with { MaxNodes = 10_000_000 }).Map
                ?? throw new InvalidOperationException("the synthetic map does not load");
            var plan = Median(() => Planner.Create(map));
            results.Add((services, yaml, load - yaml, plan));
            Console.WriteLine($"{services,9:N0} {edges,7:N0} {text.Length,10:N0} {yaml,9:F1} {load - yaml,17:F1} {plan,9:F1} {load + plan,13:F1}");
        }

        for (var i = 1; i < results.Count; i++)
        {
            var (small, large) = (results[i - 1], results[i]);
            Console.WriteLine($"growth {small.Services:N0} → {large.Services:N0} services (10×): plan {large.Plan / small.Plan:F1}×, "
                + $"bind+validate {large.Validate / small.Validate:F1}×, load+plan {(large.Yaml + large.Validate + large.Plan) / (small.Yaml + small.Validate + small.Plan):F1}×");
        }
        Console.WriteLine($"peak working set of this process: {Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024):F0} MB");
        return 0;
    }

    /// <summary>Peak memory of one load and plan of the target-size map, in a process that does nothing else.</summary>
    public static int PeakForTargetMap()
    {
        var text = SyntheticMap.Generate(2_000, 20_000);
        var before = Process.GetCurrentProcess().PeakWorkingSet64;
        var stopwatch = Stopwatch.StartNew();
        var plan = Planner.Create(AccessMapLoader.Load("synthetic.yaml", text).Map!);
        stopwatch.Stop();
        Console.WriteLine($"2,000 services / 20,000 edges: {plan.Items.Count:N0} plan items, first (cold) load+plan {stopwatch.Elapsed.TotalMilliseconds:F0} ms, "
            + $"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024):F0} MB (before: {before / (1024.0 * 1024):F0} MB)");
        return 0;
    }

    private static double Median(Func<object?> work)
    {
        // Start each series on a clean heap, so a size is not charged for the garbage of the one before.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var times = new double[Runs];
        for (var i = 0; i < Runs; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            GC.KeepAlive(work());
            times[i] = stopwatch.Elapsed.TotalMilliseconds;
        }
        Array.Sort(times);
        return times[Runs / 2];
    }
}
