using BenchmarkDotNet.Running;
using Callmap.Benchmarks;

// generate SERVICES EDGES   write a synthetic map to stdout (e.g. > /tmp/big.yaml, then callmap plan it)
// measure                   stage timings at 200 / 2,000 / 20,000 services, growth and peak memory
// peak                      peak memory of one cold load+plan of the 2,000-service map
// fuzz COUNT [FIRST_SEED]   COUNT generated maps, policies, roles files and tokens; failures, slowest case; exit 1 on a failure
// commands [options]        every command and format as a whole process against the floor (see CommandBenchmark.Usage)
// floor FILE...             the floor: start .NET and parse the files with YamlDotNet (run by `commands`)
// stack                     check --pulumi-state timings on state exports of 200 / 2,000 / 20,000 services
// anything else             the BenchmarkDotNet suite (arguments go to BenchmarkDotNet)
return args switch
{
    ["fuzz", var count] => Fuzz(int.Parse(count), 1),
    ["fuzz", var count, var seed] => Fuzz(int.Parse(count), int.Parse(seed)),
    ["generate", var services, var edges] => Generate(int.Parse(services), int.Parse(edges)),
    ["measure"] => Measure.Run(),
    ["peak"] => Measure.PeakForTargetMap(),
    ["commands", .. var options] => CommandBenchmark.Run(options),
    ["floor", .. var files] => Floor.Run(files),
    ["stack"] => MeasureStack.Run(),
    _ => Suite(args),
};

static int Generate(int services, int edges)
{
    Console.Out.Write(SyntheticMap.Generate(services, edges));
    return 0;
}

static int Fuzz(int count, int firstSeed)
{
    var run = new Callmap.Fuzz.FuzzRun(new Callmap.Fuzz.FuzzTargets(Callmap.Fuzz.FuzzCorpus.FromRepository()));
    var summary = run.Run(count, firstSeed, new Progress<int>(done =>
    {
        if (done % 1000 == 0) Console.Error.WriteLine($"fuzz: {done:N0} of {count:N0}");
    }));
    Console.Out.Write(summary.Render());
    // Each failing input in a file, to open or to feed to the CLI; `fuzz 1 SEED` replays it.
    var folder = Path.Combine(Path.GetTempPath(), "callmap-fuzz");
    foreach (var failure in summary.Failures)
    {
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, $"seed-{failure.Case.Seed}.{failure.Case.Input.ToString().ToLowerInvariant()}.txt");
        File.WriteAllText(file, failure.Case.Text);
        Console.Out.WriteLine($"input of seed {failure.Case.Seed}: {file}");
    }
    return summary.Failures.Count == 0 ? 0 : 1;
}

static int Suite(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(PlanBenchmarks).Assembly).Run(args);
    return 0;
}
