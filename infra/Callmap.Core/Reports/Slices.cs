using System.Runtime.InteropServices;

namespace Callmap.Reports;

/// <summary>
/// Items grouped by a key in one array, each key's items a slice of it, ordered within the slice: what
/// <see cref="PlanView"/> answers "the invokers of this workload" from. One array and one dictionary for
/// all keys, instead of a list per key, because a 20,000-service plan has 200,000 grants to group.
/// </summary>
internal sealed class Slices<T>
{
    private readonly T[] _items;
    private readonly Dictionary<string, (int Start, int Count)> _slices = new(StringComparer.Ordinal);

    /// <param name="items">The items, in the order ties keep.</param>
    /// <param name="order">How a slice is ordered (a stable sort: ties keep the order of <paramref name="items"/>), or null for that order.</param>
    public Slices(IReadOnlyList<T> items, Func<T, string> key, Func<T, string>? order = null)
    {
        foreach (var item in items) CollectionsMarshal.GetValueRefOrAddDefault(_slices, key(item), out _).Count++;
        var start = 0;
        foreach (var k in _slices.Keys)
        {
            ref var slice = ref CollectionsMarshal.GetValueRefOrNullRef(_slices, k);
            (slice.Start, start) = (start, start + slice.Count);
            slice.Count = 0;   // counts again as the items are placed
        }
        _items = new T[items.Count];
        foreach (var item in items)
        {
            ref var slice = ref CollectionsMarshal.GetValueRefOrNullRef(_slices, key(item));
            _items[slice.Start + slice.Count++] = item;
        }
        if (order is null) return;
        // Sorted by the order's key, then by place: Array.Sort is not stable by itself.
        var keys = new (string Key, int Place)[_items.Length];
        for (var i = 0; i < _items.Length; i++) keys[i] = (order(_items[i]), i);
        foreach (var (s, count) in _slices.Values)
            if (count > 1) Array.Sort(keys, _items, s, count, ByKeyThenPlace);
    }

    private static readonly Comparer<(string Key, int Place)> ByKeyThenPlace =
        Comparer<(string Key, int Place)>.Create((a, b) => string.CompareOrdinal(a.Key, b.Key) is var c and not 0 ? c : a.Place.CompareTo(b.Place));

    /// <summary>The items of a key, or none.</summary>
    public IReadOnlyList<T> this[string key] =>
        _slices.TryGetValue(key, out var slice) ? new ArraySegment<T>(_items, slice.Start, slice.Count) : Array.Empty<T>();
}
