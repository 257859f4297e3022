using BenchmarkDotNet.Running;
using Callmap.Benchmarks;

// generate SERVICES EDGES   write a synthetic map to stdout (e.g. > /tmp/big.yaml, then callmap plan it)
// measure                   stage timings at 200 / 2,000 / 20,000 services, growth and peak memory
// peak                      peak memory of one cold load+plan of the 2,000-service map
// stack                     check --pulumi-state timings on state exports of 200 / 2,000 / 20,000 services
// anything else             the BenchmarkDotNet suite (arguments go to BenchmarkDotNet)
return args switch
{
    ["generate", var services, var edges] => Generate(int.Parse(services), int.Parse(edges)),
    ["measure"] => Measure.Run(),
    ["peak"] => Measure.PeakForTargetMap(),
    ["stack"] => MeasureStack.Run(),
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
