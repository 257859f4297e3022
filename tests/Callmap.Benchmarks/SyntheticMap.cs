using System.Text;

namespace Callmap.Benchmarks;

/// <summary>
/// Large, valid access maps shaped like a real estate of services: mostly Cloud Run, some functions
/// of both generations, each workload calling a fixed number of others, plus people, CI and created
/// callers. The same arguments always give the same map.
/// </summary>
public static class SyntheticMap
{
    /// <param name="revision">0 for the map; 1 for a next version of it, in which every tenth workload
    /// calls a different set of services (what `diff` compares).</param>
    public static string Generate(int services, int edges, int seed = 42, int revision = 0)
    {
        if (services < 2) throw new ArgumentOutOfRangeException(nameof(services), "a map needs at least two services to have edges");
        var random = new Random(seed);
        var yaml = new StringBuilder(capacity: services * 400 + edges * 16);
        yaml.Append("# yaml-language-server: $schema=../infra/schema/access-map.schema.json\n")
            .Append("project: acme-synthetic\nprojectNumber: \"123456789012\"\nregion: europe-west1\nservices:\n");

        var names = new string[services];
        for (var i = 0; i < services; i++)
        {
            names[i] = $"svc-{i:D5}";
            yaml.Append((i % 20) switch
            {
                0 => $"  {names[i]}:\n    function: {{ generation: 1, runtime: nodejs20, entryPoint: main, source: gs://acme-src/{names[i]}.zip, memory: 256Mi }}\n",
                1 or 2 or 3 => $"  {names[i]}:\n    function: {{ runtime: nodejs22, entryPoint: main, source: gs://acme-src/{names[i]}.zip, memory: 512Mi }}\n",
                _ => $"  {names[i]}:\n    run:\n      image: europe-west1-docker.pkg.dev/acme-synthetic/apps/{names[i]}:1.0.{i}\n"
                     + "      maxInstances: 10\n      env: { LOG_LEVEL: info }\n",
            });
        }

        yaml.Append("callers:\n");
        var perCaller = Math.Max(1, edges / services);
        var written = 0;
        for (var i = 0; i < services && written < edges; i++)
        {
            var targets = new SortedSet<int>();
            while (targets.Count < Math.Min(perCaller, services - 1) && written + targets.Count < edges)
            {
                var t = random.Next(services);
                if (t != i) targets.Add(t);
            }
            if (revision > 0 && i % 10 == 0) targets = Retargeted(i, targets.Count, services, seed + revision);
            yaml.Append($"  {names[i]}: [{string.Join(", ", targets.Select(t => names[t]))}]\n");
            written += targets.Count;
        }
        yaml.Append($"  group:developers@acme.shop: [{string.Join(", ", names.Take(10))}]\n");
        yaml.Append($"  schedule/nightly: {{ invokes: {names[4]}, schedule: \"0 3 * * *\" }}\n");
        yaml.Append($"  push/events: {{ invokes: {names[5]}, topic: events }}\n");
        return yaml.ToString();
    }

    /// <summary>Another set of targets of the same size, from a stream of its own so the rest of the map stays as it was.</summary>
    private static SortedSet<int> Retargeted(int caller, int count, int services, int seed)
    {
        var random = new Random(unchecked(seed * 1_000_003 + caller));
        var targets = new SortedSet<int>();
        while (targets.Count < count)
        {
            var t = random.Next(services);
            if (t != caller) targets.Add(t);
        }
        return targets;
    }
}
