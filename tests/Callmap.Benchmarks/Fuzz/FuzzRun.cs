using System.Diagnostics;

namespace Callmap.Fuzz;

/// <summary>
/// Runs generated cases with a deadline and a memory bound each. A case that throws is a crash, one that
/// runs past <see cref="Deadline"/> a hang (the run stops there: its thread cannot be stopped), one that
/// allocates more than <see cref="MaxAllocatedBytes"/> breaks the memory bound (what a case allocates is at
/// least what it holds at its peak).
/// </summary>
public sealed class FuzzRun(FuzzTargets targets)
{
    public static TimeSpan Deadline { get; } = TimeSpan.FromSeconds(10);

    /// <summary>The bound for any one input: 300 MB.</summary>
    public const long MaxAllocatedBytes = 300L * 1000 * 1000;

    public FuzzOutcome RunOne(int seed) => RunOne(targets.Generate(seed));

    public FuzzOutcome RunOne(FuzzCase c)
    {
        var run = Task.Factory.StartNew(() =>
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var clock = Stopwatch.StartNew();
            string? failure = null;
            try { targets.Run(c); }
            catch (Exception e) { failure = $"{e.GetType().Name}: {Reports.DiagnosticsReport.Bounded(e.Message, 300)} at {FirstOwnFrame(e)}"; }
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            if (failure is null && allocated > MaxAllocatedBytes) failure = $"allocated {allocated:N0} bytes, more than {MaxAllocatedBytes:N0}";
            return new FuzzOutcome(c, clock.Elapsed, allocated, failure);
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        return run.Wait(Deadline) ? run.Result : new FuzzOutcome(c, Deadline, 0, $"hang: still running after {Deadline.TotalSeconds:0} s");
    }

    /// <summary>Cases <paramref name="firstSeed"/> … firstSeed + count - 1, stopping at the first hang.</summary>
    public FuzzSummary Run(int count, int firstSeed, IProgress<int>? progress = null)
    {
        // One untimed case of each kind first, so that the slowest case is an input's doing, not the JIT's.
        foreach (var warmUp in Enumerable.Range(firstSeed, 200).Select(targets.Generate).DistinctBy(c => c.Input)) RunOne(warmUp);
        var outcomes = new List<FuzzOutcome>(count);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var outcome = RunOne(firstSeed + i);
            outcomes.Add(outcome);
            progress?.Report(i + 1);
            if (outcome.Failure?.StartsWith("hang", StringComparison.Ordinal) == true) break;
        }
        return new FuzzSummary(outcomes, clock.Elapsed);
    }

    /// <summary>The first frame in callmap's own code: where the fix goes.</summary>
    private static string FirstOwnFrame(Exception e)
    {
        var frames = new StackTrace(e, fNeedFileInfo: false).GetFrames();
        var own = frames.FirstOrDefault(f => f.GetMethod()?.DeclaringType?.Namespace?.StartsWith("Callmap", StringComparison.Ordinal) == true
            && f.GetMethod()?.DeclaringType?.Namespace?.StartsWith("Callmap.Fuzz", StringComparison.Ordinal) != true);
        var method = (own ?? frames.FirstOrDefault())?.GetMethod();
        return method is null ? "?" : $"{method.DeclaringType?.FullName}.{method.Name}";
    }
}

/// <summary>The figures of a fuzz run: how many cases, which failed, the slowest and the hungriest.</summary>
public sealed record FuzzSummary(IReadOnlyList<FuzzOutcome> Outcomes, TimeSpan Elapsed)
{
    public IReadOnlyList<FuzzOutcome> Failures => Outcomes.Where(o => o.Failed).ToList();

    public FuzzOutcome Slowest => Outcomes.MaxBy(o => o.Elapsed)!;

    public FuzzOutcome Hungriest => Outcomes.MaxBy(o => o.AllocatedBytes)!;

    public string Render()
    {
        var byInput = string.Join(", ", Outcomes.GroupBy(o => o.Case.Input).OrderBy(g => g.Key).Select(g => $"{g.Key.ToString().ToLowerInvariant()} {g.Count():N0}"));
        var lines = new List<string>
        {
            $"fuzz: {Outcomes.Count:N0} cases ({byInput}) in {Elapsed.TotalSeconds:N1} s",
            $"failures: {Failures.Count:N0}",
        };
        foreach (var group in Failures.GroupBy(f => f.Failure![..Math.Min(f.Failure!.Length, 400)]).OrderByDescending(g => g.Count()))
            lines.Add($"  {group.Count():N0}× {group.Key}\n     first: {group.First().Case}");
        lines.Add($"slowest: {Slowest.Elapsed.TotalMilliseconds:N0} ms, {Slowest.Case}");
        lines.Add($"most allocated: {Hungriest.AllocatedBytes / 1e6:N1} MB, {Hungriest.Case}");
        lines.Add($"median {Outcomes.Select(o => o.Elapsed.TotalMilliseconds).Order().ElementAt(Outcomes.Count / 2):N1} ms per case; "
            + $"peak working set of the process {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:N0} MB");
        return string.Join('\n', lines) + "\n";
    }
}
