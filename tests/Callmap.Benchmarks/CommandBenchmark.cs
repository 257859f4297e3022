using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Callmap.Benchmarks;

/// <summary>
/// `commands`: every command and format of the callmap tool as a whole process (Release build,
/// `dotnet callmap.dll ...`, output read through a pipe) on synthetic maps of 200, 2,000 and 20,000
/// services, each against the floor — .NET starting and parsing the same file with YamlDotNet's
/// RepresentationModel (<see cref="Floor"/>) — measured in the same run. Medians of the runs; peak
/// resident memory from GNU time.
/// </summary>
public static partial class CommandBenchmark
{
    private sealed record Inputs(string Map, string PreviousMap, string Baseline, string Caller, string Service);

    private sealed record Case(string Name, Func<Inputs, string[]> Arguments, bool ReadsTwoMaps = false);

    private static readonly Case[] Cases =
    [
        new("plan text", i => ["plan", i.Map]),
        new("plan markdown", i => ["plan", i.Map, "--format", "markdown"]),
        new("plan json", i => ["plan", i.Map, "--format", "json"]),
        new("check", i => ["check", i.Map, "--policy", i.Baseline]),
        new("check sarif", i => ["check", i.Map, "--policy", i.Baseline, "--format", "sarif"]),
        new("graph mermaid", i => ["graph", i.Map]),
        new("graph dot", i => ["graph", i.Map, "--format", "dot"]),
        new("diff", i => ["diff", i.PreviousMap, i.Map], ReadsTwoMaps: true),
        new("diff markdown", i => ["diff", i.PreviousMap, i.Map, "--format", "markdown"], ReadsTwoMaps: true),
        new("how-to-call", i => ["how-to-call", i.Caller, i.Service, "--map", i.Map]),
    ];

    private sealed record Options(string? Cli, int[] Sizes, int Runs, TimeSpan Timeout, double MemoryCapMegabytes, string[] Only, bool Aot);

    public const string Usage = "commands [--cli DIR_WITH_callmap.dll] [--aot] [--sizes 200,2000,20000] [--runs 3] [--timeout SECONDS] [--memory-cap MB] [--only 'plan text,check']";

    public static int Run(string[] args)
    {
        var options = Parse(args);
        var root = RepositoryRoot();
        var work = Directory.CreateTempSubdirectory("callmap-bench-").FullName;
        try
        {
            var cli = options.Cli ?? Publish(root, work, options.Aot);
            // The ReadyToRun build runs on the dotnet host; the Native AOT build (--aot) is its own executable.
            var callmap = Path.Combine(cli, options.Aot ? "callmap" : "callmap.dll");
            if (!File.Exists(callmap)) throw new FileNotFoundException($"no {Path.GetFileName(callmap)} in {cli}");
            string[] tool = options.Aot ? [callmap] : ["dotnet", callmap];
            var floor = typeof(Floor).Assembly.Location;

            Console.WriteLine($"callmap commands benchmark · {(options.Aot ? "Native AOT" : "ReadyToRun")} · {Environment.ProcessorCount} cores · .NET {Environment.Version} · "
                + $"median of {options.Runs} runs · {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC · {callmap}");
            if (!MeasuredProcess.PeakMemoryAvailable)
                Console.WriteLine($"note: {MeasuredProcess.GnuTime} is missing, so peak memory is sampled every 50 ms (a lower bound); "
                    + "for exact figures install GNU time: sudo apt-get install time");
            Console.WriteLine();
            Console.WriteLine("Wall time is what a user waits; CPU time (user + system) is steadier when others share the machine.");
            Console.WriteLine();
            Console.WriteLine($"Goal (issue #12): at {GoalSizes} services, wall and CPU time ≤ {MaxFloorRatio}× the floor's; at {MemoryGoalServices:N0}, peak ≤ {MaxPeakMegabytes} MB too.");
            Console.WriteLine();
            Console.WriteLine("| map (services / edges) | command | callmap s | floor s | ratio | callmap CPU s | floor CPU s | CPU ratio | peak MB | floor MB | goal |");
            Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");

            var results = new Dictionary<(string Case, int Services), ProcessFigures>();
            var given = new Inputs(Path.Combine(root, "stacks", "dev.yaml"), Path.Combine(root, "stacks", "dev.yaml"),
                Path.Combine(root, "policies", "baseline.yaml"), "api", "orders");
            Measure("stacks/dev.yaml", given, [options.Only.Length == 0 ? Cases[0] : Cases.First(c => options.Only.Contains(c.Name))], -1);

            foreach (var services in options.Sizes)
            {
                var text = SyntheticMap.Generate(services, services * 10);
                var map = Path.Combine(work, $"synthetic-{services}.yaml");
                var previous = Path.Combine(work, $"synthetic-{services}-previous.yaml");
                File.WriteAllText(map, text);
                File.WriteAllText(previous, SyntheticMap.Generate(services, services * 10, revision: 1));
                var edge = FirstEdge().Match(text);
                var inputs = new Inputs(map, previous, Path.Combine(root, "policies", "baseline.yaml"), edge.Groups[1].Value, edge.Groups[2].Value);
                Measure($"{services:N0} / {services * 10:N0}", inputs, Cases.Where(c => options.Only.Length == 0 || options.Only.Contains(c.Name)), services);
            }

            Console.WriteLine();
            Console.WriteLine("Growth when the map grows 10× (goal: ≤ 10.5× time and memory):");
            Console.WriteLine();
            Console.WriteLine("| command | from → to services | time | CPU time | peak memory | goal |");
            Console.WriteLine("|---|---|---|---|---|---|");
            foreach (var @case in Cases)
                for (var i = 1; i < options.Sizes.Length; i++)
                    if (results.TryGetValue((@case.Name, options.Sizes[i - 1]), out var small) && results.TryGetValue((@case.Name, options.Sizes[i]), out var large))
                        Console.WriteLine($"| {@case.Name} | {options.Sizes[i - 1]:N0} → {options.Sizes[i]:N0} | "
                            + (large.Stopped is null ? $"{large.Seconds / small.Seconds:F1}× | {large.CpuSeconds / small.CpuSeconds:F1}× | {large.PeakMegabytes / small.PeakMegabytes:F1}× | "
                                + (new[] { large.Seconds / small.Seconds, large.CpuSeconds / small.CpuSeconds, large.PeakMegabytes / small.PeakMegabytes }.All(g => g <= MaxGrowth) ? "within" : "**outside**")
                                : $"{large.Stopped} | | | **outside**")
                            + " |");
            return 0;

            void Measure(string label, Inputs inputs, IEnumerable<Case> cases, int services)
            {
                var floors = new Dictionary<bool, ProcessFigures>();
                foreach (var @case in cases)
                {
                    if (!floors.TryGetValue(@case.ReadsTwoMaps, out var floorFigures))
                    {
                        string[] files = @case.ReadsTwoMaps ? [inputs.PreviousMap, inputs.Map] : [inputs.Map];
                        floors[@case.ReadsTwoMaps] = floorFigures = Median(["dotnet", floor, "floor", .. files], options);
                    }
                    // A case stopped on a smaller map would only be stopped again.
                    var smaller = options.Sizes.Where(s => s < services).Select(s => results.GetValueOrDefault((@case.Name, s))).LastOrDefault();
                    var figures = smaller?.Stopped is { } reason ? smaller : Median([.. tool, .. @case.Arguments(inputs)], options);
                    if (services > 0) results[(@case.Name, services)] = figures;
                    var done = figures.Stopped is null;
                    Console.WriteLine($"| {label} | {@case.Name}{(@case.ReadsTwoMaps ? " (floor: both files)" : "")} | "
                        + $"{(figures.Stopped ?? Format(figures.Seconds, "F2"))} | {Format(floorFigures.Seconds, "F2")} | {(done ? Format(figures.Seconds / floorFigures.Seconds, "F1") + "×" : "—")} | "
                        + $"{(done ? Format(figures.CpuSeconds, "F2") : "—")} | {Format(floorFigures.CpuSeconds, "F2")} | {(done ? Format(figures.CpuSeconds / floorFigures.CpuSeconds, "F1") + "×" : "—")} | "
                        + $"{(done ? Format(figures.PeakMegabytes, "F0") : "—")} | {Format(floorFigures.PeakMegabytes, "F0")} | {Verdict(figures, floorFigures, services)} |");
                }
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static string Format(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    // The goals of issue #12, as the verdict column judges them.
    private const double MaxFloorRatio = 2.0;
    private const double MaxGrowth = 10.5;
    private const double MaxPeakMegabytes = 300;
    private const int MemoryGoalServices = 20_000;
    private static readonly int[] GoalServices = [2_000, MemoryGoalServices];
    private static readonly string GoalSizes = string.Join(" and ", GoalServices.Select(s => s.ToString("N0", CultureInfo.InvariantCulture)));

    /// <summary>"within" or "outside" the goal for the map sizes the goal names; "—" for the others (the table still shows them).</summary>
    private static string Verdict(ProcessFigures figures, ProcessFigures floor, int services)
    {
        if (!GoalServices.Contains(services)) return "—";
        if (figures.Stopped is not null) return "**outside**";
        var within = figures.Seconds / floor.Seconds <= MaxFloorRatio && figures.CpuSeconds / floor.CpuSeconds <= MaxFloorRatio
            && (services < MemoryGoalServices || figures.PeakMegabytes <= MaxPeakMegabytes);
        return within ? "within" : "**outside**";
    }

    /// <summary>Medians of wall time, CPU time and peak memory, each over the runs. The first run that is stopped ends the series.</summary>
    private static ProcessFigures Median(string[] command, Options options)
    {
        var runs = new List<ProcessFigures>();
        for (var i = 0; i < options.Runs; i++)
        {
            var figures = MeasuredProcess.Run(command, options.Timeout, options.MemoryCapMegabytes);
            if (figures.Stopped is not null) return figures;
            runs.Add(figures);
        }
        double Middle(Func<ProcessFigures, double> figure) => runs.Select(figure).Order().ElementAt(runs.Count / 2);
        return runs[0] with { Seconds = Middle(r => r.Seconds), CpuSeconds = Middle(r => r.CpuSeconds), PeakMegabytes = Middle(r => r.PeakMegabytes) };
    }

    /// <summary>
    /// The shipped build of the tool: `dotnet publish` of infra/Cli in Release, as `dotnet pack` packs it (ReadyToRun);
    /// with <paramref name="aot"/>, the opt-in Native AOT build for this machine's platform (README, Native AOT).
    /// </summary>
    private static string Publish(string root, string work, bool aot)
    {
        var output = Path.Combine(work, "cli");
        Console.Error.WriteLine($"publishing infra/Cli (Release{(aot ? ", Native AOT" : "")}) to {output} ...");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        string[] arguments = ["publish", Path.Combine(root, "infra", "Cli"), "-c", "Release", "-o", output, "--nologo"];
        if (aot) arguments = [.. arguments, "-r", System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier, "-p:PublishAot=true"];
        foreach (var arg in arguments)
            start.ArgumentList.Add(arg);
        using var publish = Process.Start(start)!;
        var log = publish.StandardOutput.ReadToEnd();
        publish.WaitForExit();
        if (publish.ExitCode != 0) throw new InvalidOperationException($"dotnet publish infra/Cli failed:\n{log}");
        return output;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "infra", "Cli", "Callmap.Cli.csproj"))) return dir.FullName;
        throw new InvalidOperationException("run from inside the callmap repository");
    }

    private static Options Parse(string[] args)
    {
        var options = new Options(null, [200, 2_000, 20_000], 3, TimeSpan.FromSeconds(120), 4_096, [], Aot: false);
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--aot")
            {
                options = options with { Aot = true };
                continue;
            }
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value; usage: {Usage}");
            options = args[i] switch
            {
                "--cli" => options with { Cli = Path.GetFullPath(value) },
                "--sizes" => options with { Sizes = value.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).Order().ToArray() },
                "--runs" => options with { Runs = int.Parse(value, CultureInfo.InvariantCulture) },
                "--timeout" => options with { Timeout = TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture)) },
                "--memory-cap" => options with { MemoryCapMegabytes = double.Parse(value, CultureInfo.InvariantCulture) },
                "--only" => options with { Only = value.Split(',', StringSplitOptions.TrimEntries) },
                _ => throw new ArgumentException($"unknown option {args[i]}; usage: {Usage}"),
            };
            i++;
        }
        return options;
    }

    /// <summary>An edge of the synthetic map between two workloads (svc-00004 is a Cloud Run service), for how-to-call.</summary>
    [GeneratedRegex(@"^  (svc-00004): \[(svc-\d+)", RegexOptions.Multiline)]
    private static partial Regex FirstEdge();
}
