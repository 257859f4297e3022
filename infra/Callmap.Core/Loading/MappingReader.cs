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

    public MappingReader(YMapping mapping, string where, DiagnosticBag diagnostics, params string[] knownKeys)
    {
        _mapping = mapping;
        _where = where;
        _diagnostics = diagnostics;
        foreach (var entry in mapping.Entries.Where(e => !knownKeys.Contains(e.Key.Value)))
        {
            diagnostics.Add(DiagnosticCodes.UnknownKey, entry.Key.At,
                $"unknown key '{entry.Key.Value}' in {where}",
                $"{Suggestions.DidYouMean(entry.Key.Value, knownKeys)}keys allowed here: {string.Join(", ", knownKeys)}");
        }
    }

    public SourceLocation At => _mapping.At;

    public YNode? Optional(string key) => _mapping.Entries.FirstOrDefault(e => e.Key.Value == key)?.Value;

    public YScalar? KeyNode(string key) => _mapping.Entries.FirstOrDefault(e => e.Key.Value == key)?.Key;

    public YNode? Required(string key, string example)
    {
        var node = Optional(key);
        if (node is null)
            _diagnostics.Add(DiagnosticCodes.MissingKey, _mapping.At, $"{_where} has no '{key}'", $"add '{key}: {example}'");
        return node;
    }
}
