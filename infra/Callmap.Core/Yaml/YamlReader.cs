using System.Text.RegularExpressions;
using Callmap.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Callmap.Yaml;

/// <summary>
/// Reads one YAML document into a <see cref="YNode"/> tree using YamlDotNet's parser.
/// Syntax errors stop the read (the parser cannot resume); duplicate keys and unsupported
/// features are collected and the read goes on, so the user sees them all at once.
/// </summary>
public sealed partial class YamlReader
{
    private readonly string _file;
    private readonly YamlLimits _limits;
    private readonly DiagnosticBag _diagnostics;
    private readonly Dictionary<string, YNode> _anchors = new(StringComparer.Ordinal);
    private readonly IYamlEntrySink? _sink;

    /// <summary>Set while the value of a streamed top-level key is read; the mapping that value is takes it.</summary>
    private string? _streamedSection;
    private IParser _parser = null!;
    private long _weight;

    /// <summary>The end of the last event read, the best location there is when the parser itself fails.</summary>
    private Mark _lastRead = Mark.Empty;

    private YamlReader(string file, YamlLimits limits, DiagnosticBag diagnostics, IYamlEntrySink? sink)
    {
        _file = file;
        _limits = limits;
        _diagnostics = diagnostics;
        _sink = sink;
    }

    /// <summary>The document's root, or null when the text is not usable YAML (the reasons are in <paramref name="diagnostics"/>).</summary>
    /// <param name="sink">Takes the entries of the top-level sections it names as they are read; they stay out of the returned tree.</param>
    public static YNode? Read(string file, string text, YamlLimits limits, DiagnosticBag diagnostics, IYamlEntrySink? sink = null)
    {
        if (text.Length > limits.MaxBytes)
        {
            diagnostics.Add(DiagnosticCodes.Limit, new SourceLocation(file, 1, 1),
                $"the map is {text.Length:N0} characters long; maps may be at most {limits.MaxBytes:N0}",
                "split the environment into several stacks, or remove generated content from the map");
            return null;
        }
        return new YamlReader(file, limits, diagnostics, sink).ReadDocument(text);
    }

    private YNode? ReadDocument(string text)
    {
        _parser = new Parser(new StringReader(text));
        try
        {
            Expect<StreamStart>();
            if (_parser.TryConsume<StreamEnd>(out var end))
            {
                _diagnostics.Add(DiagnosticCodes.MissingKey, Loc(end.Start), "the map is empty",
                    "start from stacks/dev.yaml: a map needs at least project, projectNumber, region and services");
                return null;
            }
            Expect<DocumentStart>();
            var root = ReadNode(depth: 0);
            Expect<DocumentEnd>();
            if (_parser.Accept<DocumentStart>(out var second))
            {
                _diagnostics.Add(DiagnosticCodes.Syntax, Loc(second.Start), "the file holds more than one YAML document",
                    "keep one map per file: remove the '---' and everything after it, or move it to its own stack file");
                return null;
            }
            return root;
        }
        catch (YamlException e) when (e.Message.Contains("tab", StringComparison.OrdinalIgnoreCase) && FirstTabIndentation(text) is { } tab)
        {
            // YamlDotNet reports a tab in indentation without a position (1:1); the tab itself is the place to fix.
            _diagnostics.Add(DiagnosticCodes.Syntax, new SourceLocation(_file, tab.Line, tab.Column),
                "a tab is used for indentation; YAML allows only spaces there",
                "indent with spaces (two per level, as in the rest of the map)");
            return null;
        }
        catch (YamlException e)
        {
            _diagnostics.Add(DiagnosticCodes.Syntax, Loc(e.Start), StripLocationPrefix(e.Message),
                "fix the YAML at this place (indentation, a missing ':' or an unclosed quote or bracket are the usual causes)");
            return null;
        }
        catch (LimitExceeded)
        {
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or IndexOutOfRangeException)
        {
            // YamlDotNet occasionally fails on malformed input with a plain exception instead of a
            // YamlException (found by the garbage property test); it is still the user's syntax error.
            _diagnostics.Add(DiagnosticCodes.Syntax, Loc(_lastRead), "the YAML cannot be read after this point",
                "fix the YAML here (an unclosed '{' or '[', or a line that starts with ':' are the usual causes)");
            return null;
        }
    }

    private YNode ReadNode(int depth)
    {
        var start = _parser.Current ?? throw new InvalidOperationException("parser ended inside a document");
        _lastRead = start.End;
        if (depth > _limits.MaxDepth)
        {
            _diagnostics.Add(DiagnosticCodes.Limit, Loc(start.Start),
                $"the map nests deeper than {_limits.MaxDepth} levels",
                "a map is at most a few levels deep (services → name → run → env); flatten this value");
            throw new LimitExceeded();
        }

        switch (start)
        {
            case AnchorAlias alias:
                _parser.MoveNext();
                if (!_anchors.TryGetValue(alias.Value.Value, out var target))
                    throw new SemanticErrorException(alias.Start, alias.End, $"the alias *{alias.Value} refers to no anchor before it");
                Count(target.Weight, alias.Start);
                return target;

            case Scalar scalar:
                _parser.MoveNext();
                Count(1, scalar.Start);
                return Remember(scalar.Anchor, new YScalar(Loc(scalar.Start), scalar.Value, scalar.Style == ScalarStyle.Plain));

            case SequenceStart sequence:
            {
                _parser.MoveNext();
                Count(1, sequence.Start);
                var items = new List<YNode>();
                long weight = 0;
                while (!_parser.TryConsume<SequenceEnd>(out _))
                {
                    var item = ReadNode(depth + 1);
                    items.Add(item);
                    weight += item.Weight;
                }
                return Remember(sequence.Anchor, new YSequence(Loc(sequence.Start), items, weight));
            }

            case MappingStart mapping:
            {
                _parser.MoveNext();
                Count(1, mapping.Start);
                // The value of a streamed top-level key hands its entries over; no mapping below it does, and
                // neither does one with an anchor: an alias to it must find the whole section, as written.
                var streamed = depth == 1 && mapping.Anchor.IsEmpty ? _streamedSection : null;
                _streamedSection = null;
                var entries = new List<YEntry>();
                // Most mappings hold a few keys, searched in place; a dictionary only for a long one (services:, callers:).
                Dictionary<string, YScalar>? seen = null;
                long weight = 0;
                while (!_parser.TryConsume<MappingEnd>(out _))
                {
                    var keyNode = ReadNode(depth + 1);
                    // A top-level key written twice is reported below and dropped; its value must not stream either.
                    if (depth == 0 && _sink is not null && keyNode is YScalar section && _sink.Streams(section.Value)
                        && FirstKey(entries, ref seen, section.Value) is null)
                        _streamedSection = section.Value;
                    var value = ReadNode(depth + 1);
                    _streamedSection = null;
                    weight += keyNode.Weight + value.Weight;
                    if (keyNode is not YScalar key)
                    {
                        _diagnostics.Add(DiagnosticCodes.WrongType, keyNode.At, $"a key must be a plain name, found {keyNode.KindName}",
                            "write the key as a single word or quoted string followed by ':'");
                        continue;
                    }
                    if (key.IsPlain && key.Value == "<<")
                    {
                        _diagnostics.Add(DiagnosticCodes.Syntax, key.At, "merge keys ('<<') are not supported in access maps",
                            "write the keys out in full; an explicit map is easier to review");
                        continue;
                    }
                    if (FirstKey(entries, ref seen, key.Value) is { } first)
                    {
                        _diagnostics.Add(DiagnosticCodes.DuplicateKey, key.At,
                            $"the key '{key.Value}' appears twice in this mapping (first at line {first.At.Line})",
                            $"keep one '{key.Value}' entry: merge the two or delete this one");
                        continue;
                    }
                    seen?.Add(key.Value, key);
                    if (streamed is not null)
                    {
                        _sink!.Take(streamed, key, value);
                        // The entry stays (for duplicate keys and counts); its bound subtree does not.
                        entries.Add(new YEntry(key, new YScalar(value.At, "", IsPlain: false)));
                        continue;
                    }
                    entries.Add(new YEntry(key, value));
                }
                return Remember(mapping.Anchor, new YMapping(Loc(mapping.Start), entries, weight));
            }

            default:
                throw new SemanticErrorException(start.Start, start.End, $"unexpected {start.GetType().Name}");
        }
    }

    /// <summary>Past this many keys a mapping's keys are looked up in a dictionary instead of searched.</summary>
    private const int KeysSearchedInPlace = 16;

    /// <summary>The key already in <paramref name="entries"/> under <paramref name="name"/>, if any.</summary>
    private static YScalar? FirstKey(List<YEntry> entries, ref Dictionary<string, YScalar>? seen, string name)
    {
        if (seen is null && entries.Count >= KeysSearchedInPlace)
        {
            seen = new Dictionary<string, YScalar>(StringComparer.Ordinal);
            foreach (var entry in entries) seen.Add(entry.Key.Value, entry.Key);
        }
        if (seen is not null) return seen.GetValueOrDefault(name);
        foreach (var entry in entries)
            if (entry.Key.Value == name) return entry.Key;
        return null;
    }

    private YNode Remember(AnchorName anchor, YNode node)
    {
        if (!anchor.IsEmpty) _anchors[anchor.Value] = node;
        return node;
    }

    private void Count(long weight, Mark at)
    {
        _weight += weight;
        if (_weight <= _limits.MaxNodes) return;
        _diagnostics.Add(DiagnosticCodes.Limit, Loc(at),
            $"the map expands to more than {_limits.MaxNodes:N0} YAML nodes (aliases counted as often as they are used)",
            "remove aliases that repeat large blocks, or split the environment into several stacks");
        throw new LimitExceeded();
    }

    private void Expect<T>() where T : ParsingEvent
    {
        if (_parser.Current is null) _parser.MoveNext();
        _parser.Consume<T>();
    }

    /// <summary>The 1-based line and column of the first tab among a line's leading whitespace, if any.</summary>
    private static (int Line, int Column)? FirstTabIndentation(string text)
    {
        var line = 1;
        var column = 1;
        var inIndentation = true;
        foreach (var c in text)
        {
            if (c == '\n') { line++; column = 1; inIndentation = true; continue; }
            if (inIndentation && c == '\t') return (line, column);
            if (c != ' ') inIndentation = false;
            column++;
        }
        return null;
    }

    private SourceLocation Loc(Mark mark) => new(_file, (int)Math.Max(1, mark.Line), (int)Math.Max(1, mark.Column));

    private static string StripLocationPrefix(string message) => LocationPrefix().Replace(message, "");

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex LocationPrefix();

    private sealed class LimitExceeded : Exception;
}
