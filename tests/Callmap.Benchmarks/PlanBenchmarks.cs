using BenchmarkDotNet.Attributes;
using Callmap.Loading;
using Callmap.Model;
using Callmap.Planning;

namespace Callmap.Benchmarks;

/// <summary>The two stages a `callmap plan` spends its time in, at the target size and a tenth of it.</summary>
[MemoryDiagnoser]
[GcServer(false), GcConcurrent(false)] // as the callmap command runs
public class PlanBenchmarks
{
    private string _text = "";
    private AccessMap _map = null!;

    [Params(200, 2_000)]
    public int Services { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _text = SyntheticMap.Generate(Services, Services * 10);
        _map = AccessMapLoader.Load("synthetic.yaml", _text).Map!;
    }

    [Benchmark(Description = "load: YAML + bind + validate")]
    public LoadResult Load() => AccessMapLoader.Load("synthetic.yaml", _text);

    [Benchmark(Description = "plan")]
    public Plan Plan() => Planner.Create(_map);
}
