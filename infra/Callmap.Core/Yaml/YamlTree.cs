using Callmap.Diagnostics;

namespace Callmap.Yaml;

/// <summary>
/// A YAML node with the exact place it was written. The loader binds these to the model; keeping
/// our own small tree (instead of YamlDotNet's representation model) lets the reader report every
/// duplicate key instead of stopping at the first, and bound what aliases may expand to.
/// </summary>
public abstract record YNode(SourceLocation At)
{
    /// <summary>How many nodes this subtree counts as, aliases expanded. Bounded by <see cref="YamlLimits"/>.</summary>
    public abstract long Weight { get; }

    /// <summary>The word used in "expected a mapping, found a sequence".</summary>
    public abstract string KindName { get; }
}

public sealed record YScalar(SourceLocation At, string Value, bool IsPlain) : YNode(At)
{
    public override long Weight => 1;
    public override string KindName => "a scalar";

    /// <summary>A plain <c>~</c>, <c>null</c> or empty scalar: YAML's null.</summary>
    public bool IsNull => IsPlain && Value is "" or "~" or "null" or "Null" or "NULL";
}

public sealed record YSequence(SourceLocation At, IReadOnlyList<YNode> Items, long ItemsWeight) : YNode(At)
{
    public override long Weight => 1 + ItemsWeight;
    public override string KindName => "a sequence";
}

public sealed record YEntry(YScalar Key, YNode Value);

public sealed record YMapping(SourceLocation At, IReadOnlyList<YEntry> Entries, long EntriesWeight) : YNode(At)
{
    public override long Weight => 1 + EntriesWeight;
    public override string KindName => "a mapping";
}
