namespace Callmap.Yaml;

/// <summary>
/// What a map may be at most. A map four times the size of the largest benchmark map
/// (2,000 services, 20,000 edges: about 1 MiB, 70,000 nodes) still fits; an alias bomb does not.
/// </summary>
public sealed record YamlLimits(long MaxBytes, long MaxNodes, int MaxDepth)
{
    public static YamlLimits Default { get; } = new(MaxBytes: 16L * 1024 * 1024, MaxNodes: 1_000_000, MaxDepth: 32);
}
