namespace Callmap.Model;

/// <summary>
/// Look-ups over a map built once, so that validating and planning stay linear in the map's size
/// (the benchmark map has 2,000 services and 20,000 edges).
/// </summary>
public sealed class MapIndex
{
    private readonly Dictionary<string, Workload> _services;
    private readonly Dictionary<string, List<Caller>> _callersOf = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _targetsOf = new(StringComparer.Ordinal);

    public MapIndex(AccessMap map)
    {
        Map = map;
        _services = new Dictionary<string, Workload>(StringComparer.Ordinal);
        foreach (var service in map.Services) _services.TryAdd(service.Name, service);
        foreach (var caller in map.Callers)
        {
            foreach (var target in caller.Targets.Select(t => t.Value).Distinct())
                Add(_callersOf, target, caller);
            if (caller.Kind == CallerKind.Workload)
                foreach (var target in caller.Targets)
                    Add(_targetsOf, caller.Key, target.Value);
        }
    }

    public AccessMap Map { get; }

    public Workload? Service(string name) => _services.GetValueOrDefault(name);

    /// <summary>Every caller that lists <paramref name="service"/>, in map order.</summary>
    public IReadOnlyList<Caller> CallersOf(string service) => _callersOf.GetValueOrDefault(service) ?? [];

    /// <summary>The services a workload calls, sorted, without duplicates.</summary>
    public IReadOnlyList<string> TargetsOf(string workload) =>
        _targetsOf.TryGetValue(workload, out var targets) ? targets.Distinct().Order(StringComparer.Ordinal).ToList() : [];

    private static void Add<T>(Dictionary<string, List<T>> index, string key, T value)
    {
        if (!index.TryGetValue(key, out var list)) index[key] = list = [];
        list.Add(value);
    }
}
