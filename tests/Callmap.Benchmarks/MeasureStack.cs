using System.Diagnostics;
using Callmap.Policies;
using Callmap.PulumiStacks;

namespace Callmap.Benchmarks;

/// <summary>
/// `stack`: times `check --pulumi-state` (read, facts, rules) on state exports of 200 / 2,000 / 20,000
/// services and reports how time grows; the target is linear growth (10× the stack ≤ 11× the time).
/// </summary>
public static class MeasureStack
{
    private const int Runs = 5;

    public static int Run()
    {
        var policies = PolicyLoader.Load([("baseline.yaml", "rules: {}\n")]).Policies!;
        Console.WriteLine($"callmap stack check benchmark · {Environment.ProcessorCount} cores · {Runs} runs each, median");
        Console.WriteLine($"{"services",9} {"resources",10} {"bytes",12} {"read ms",9} {"facts+rules ms",15} {"findings",9}");
        var results = new List<(int Services, double Total)>();
        foreach (var services in new[] { 200, 2_000, 20_000 })
        {
            var bytes = SyntheticStack.Generate(services);
            var (resources, _) = PulumiStackReader.Read(bytes, "state.json", PulumiDocument.State);   // warm-up
            var read = Median(() => PulumiStackReader.Read(bytes, "state.json", PulumiDocument.State));
            var result = StackCheck.Check(StackFactsBuilder.From("state.json", PulumiDocument.State, resources!), policies);
            var check = Median(() => StackCheck.Check(StackFactsBuilder.From("state.json", PulumiDocument.State, resources!), policies));
            results.Add((services, read + check));
            Console.WriteLine($"{services,9:N0} {resources!.Count,10:N0} {bytes.Length,12:N0} {read,9:F1} {check,15:F1} {result.Findings.Count,9}");
        }
        for (var i = 1; i < results.Count; i++)
            Console.WriteLine($"growth {results[i - 1].Services:N0} → {results[i].Services:N0} services (10×): {results[i].Total / results[i - 1].Total:F1}×");
        Console.WriteLine($"peak working set of this process: {Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024):F0} MB");
        return 0;
    }

    private static double Median(Action action)
    {
        var times = new List<double>();
        for (var i = 0; i < Runs; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            action();
            times.Add(stopwatch.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return times[Runs / 2];
    }
}
