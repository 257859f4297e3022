namespace Callmap.Fuzz;

/// <summary>Which kind of input a case feeds to callmap.</summary>
public enum FuzzInput { Map, Policy, Roles, Token }

/// <summary>One generated input, named by its seed so that <c>fuzz 1 SEED</c> replays it.</summary>
public sealed record FuzzCase(int Seed, FuzzInput Input, string Text, string? Service = null)
{
    public override string ToString() =>
        $"{Input} seed {Seed}, {Text.Length:N0} characters: {Reports.DiagnosticsReport.Bounded(Text.ReplaceLineEndings("⏎"), 300)}";
}

/// <summary>How one case ended: an exception escaped (a crash), it ran past the deadline (a hang), or it allocated past the bound.</summary>
public sealed record FuzzOutcome(FuzzCase Case, TimeSpan Elapsed, long AllocatedBytes, string? Failure)
{
    public bool Failed => Failure is not null;
}
