namespace Callmap.Model;

/// <summary>
/// Look-ups over a map built once, so that validating and planning stay linear in the map's size
/// (the benchmark map has 2,000 services and 20,000 edges).
/// </summary>
public sealed class MapIndex
{
    /// <summary>One index per map, shared by the validator and the planner (a map is never changed once bound).</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<AccessMap, MapIndex> Built = new();

    public static MapIndex Of(AccessMap map) => Built.GetValue(map, m => new MapIndex(m));

    private readonly Dictionary<string, Workload> _services;
    private readonly Dictionary<string, List<Caller>> _callersOf = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string[]> _targetsOf = new(StringComparer.Ordinal);

    public MapIndex(AccessMap map)
    {
        Map = map;
        BlockingFunctions = (map.IdentityPlatform?.BlockingFunctions ?? []).Select(b => b.Function.Value).ToHashSet(StringComparer.Ordinal);
        _services = new Dictionary<string, Workload>(StringComparer.Ordinal);
        foreach (var service in map.Services) _services.TryAdd(service.Name, service);
        foreach (var caller in map.Callers)
        {
            foreach (var target in caller.Targets)
            {
                // A caller that lists a target twice (an error the validator reports) is still one caller of it.
                if (!_callersOf.TryGetValue(target.Value, out var callers)) _callersOf[target.Value] = callers = [];
                if (callers.Count == 0 || !ReferenceEquals(callers[^1], caller)) callers.Add(caller);
            }
            if (caller.Kind != CallerKind.Workload) continue;
            // A workload listed twice under callers (also the validator's error) calls the targets of both entries.
            var targets = _targetsOf.TryGetValue(caller.Key, out var before)
                ? [.. before, .. caller.Targets.Select(t => t.Value)]
                : caller.Targets.Select(t => t.Value).ToArray();
            Array.Sort(targets, StringComparer.Ordinal);
            _targetsOf[caller.Key] = Distinct(targets);
        }
    }

    /// <summary>A sorted array without its repeats.</summary>
    private static string[] Distinct(string[] sorted)
    {
        var kept = 0;
        for (var i = 0; i < sorted.Length; i++)
            if (kept == 0 || sorted[i] != sorted[kept - 1]) sorted[kept++] = sorted[i];
        return kept == sorted.Length ? sorted : sorted[..kept];
    }

    public AccessMap Map { get; }

    /// <summary>The functions Identity Platform calls before sign-up or sign-in.</summary>
    public IReadOnlySet<string> BlockingFunctions { get; } = new HashSet<string>(StringComparer.Ordinal);

    public Workload? Service(string name) => _services.GetValueOrDefault(name);

    /// <summary>Every caller that lists <paramref name="service"/>, in map order.</summary>
    public IReadOnlyList<Caller> CallersOf(string service) => _callersOf.GetValueOrDefault(service) ?? [];

    /// <summary>The services a workload calls, sorted, without duplicates.</summary>
    public IReadOnlyList<string> TargetsOf(string workload) => _targetsOf.GetValueOrDefault(workload) ?? [];
}
