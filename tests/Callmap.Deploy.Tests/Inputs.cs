using System.Collections;
using System.Collections.Immutable;
using System.Globalization;

namespace Callmap.Deploy.Tests;

/// <summary>Reads a registered input by its path of wire names, e.g. "template.containers[0].image", and compares it with a plan value.</summary>
public static class InputPath
{
    public static object? At(ImmutableDictionary<string, object> inputs, string path)
    {
        object? current = inputs;
        foreach (var part in path.Split('.'))
        {
            var bracket = part.IndexOf('[');
            var (key, index) = bracket < 0 ? (part, -1) : (part[..bracket], int.Parse(part[(bracket + 1)..^1], CultureInfo.InvariantCulture));
            current = current is IDictionary<string, object> map && map.TryGetValue(key, out var value) ? value : null;
            if (index >= 0) current = current is IList list && list.Count > index ? list[index] : null;
        }
        return current;
    }

    /// <summary>The engine carries numbers as doubles and lists as arrays of objects; the plan has ints and string lists.</summary>
    public static string? Canonical(object? value) => value switch
    {
        null => null,
        string s => s,
        bool b => b ? "true" : "false",
        int or long or double => Convert.ToDouble(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
        // An empty list and an unset one say the same to Google.
        IEnumerable list => list.Cast<object?>().Select(Canonical).ToList() is { Count: > 0 } items ? "[" + string.Join(", ", items) + "]" : null,
        _ => value.ToString(),
    };
}
