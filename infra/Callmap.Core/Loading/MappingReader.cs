using Callmap.Diagnostics;
using Callmap.Yaml;

namespace Callmap.Loading;

/// <summary>
/// Reads the keys of one YAML mapping that the schema knows, and reports every other key as unknown
/// with the closest known one. <paramref name="where"/> names the mapping in messages ("service 'api' (run)").
/// </summary>
internal sealed class MappingReader
{
    private readonly YMapping _mapping;
    private readonly string _where;
    private readonly DiagnosticBag _diagnostics;

    public MappingReader(YMapping mapping, string where, DiagnosticBag diagnostics, params ReadOnlySpan<string> knownKeys)
    {
        _mapping = mapping;
        _where = where;
        _diagnostics = diagnostics;
        // Loops rather than LINQ: a 20,000-service map reads some 100,000 mappings, and each closure is garbage.
        var entries = mapping.Entries;
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            if (knownKeys.Contains(entry.Key.Value)) continue;
            var known = knownKeys.ToArray();
            diagnostics.Add(DiagnosticCodes.UnknownKey, entry.Key.At,
                $"unknown key '{entry.Key.Value}' in {where}",
                $"{Suggestions.DidYouMean(entry.Key.Value, known)}keys allowed here: {string.Join(", ", known)}");
        }
    }

    public SourceLocation At => _mapping.At;

    public YNode? Optional(string key) => Entry(key)?.Value;

    public YScalar? KeyNode(string key) => Entry(key)?.Key;

    private YEntry? Entry(string key)
    {
        var entries = _mapping.Entries;
        for (var i = 0; i < entries.Count; i++)
            if (entries[i].Key.Value == key) return entries[i];
        return null;
    }

    public YNode? Required(string key, string example)
    {
        var node = Optional(key);
        if (node is null)
            _diagnostics.Add(DiagnosticCodes.MissingKey, _mapping.At, $"{_where} has no '{key}'", $"add '{key}: {example}'");
        return node;
    }
}
