using BenchmarkDotNet.Running;
using Callmap.Benchmarks;

// generate SERVICES EDGES   write a synthetic map to stdout (e.g. > /tmp/big.yaml, then callmap plan it)
// measure                   stage timings at 200 / 2,000 / 20,000 services, growth and peak memory
// peak                      peak memory of one cold load+plan of the 2,000-service map
// commands [options]        every command and format as a whole process against the floor (see CommandBenchmark.Usage)
// floor FILE...             the floor: start .NET and parse the files with YamlDotNet (run by `commands`)
// anything else             the BenchmarkDotNet suite (arguments go to BenchmarkDotNet)
return args switch
{
    ["generate", var services, var edges] => Generate(int.Parse(services), int.Parse(edges)),
    ["measure"] => Measure.Run(),
    ["peak"] => Measure.PeakForTargetMap(),
    ["commands", .. var options] => CommandBenchmark.Run(options),
    ["floor", .. var files] => Floor.Run(files),
    _ => Suite(args),
};

static int Generate(int services, int edges)
{
    Console.Out.Write(SyntheticMap.Generate(services, edges));
    return 0;
}

static int Suite(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(PlanBenchmarks).Assembly).Run(args);
    return 0;
}
