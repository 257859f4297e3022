namespace Callmap.Validation;

/// <summary>Memory sizes as the map writes them (512Mi, 2Gi) and as 1st gen functions take them (megabytes).</summary>
public static class Sizes
{
    public static readonly IReadOnlyList<int> Gen1MemoryMb = [128, 256, 512, 1024, 2048, 4096, 8192];

    /// <summary>512Mi → 512, 2Gi → 2048. Call only on values <see cref="GcpNames.Memory"/> accepts.</summary>
    public static int MegabytesOf(string memory) =>
        memory.EndsWith("Gi", StringComparison.Ordinal) ? int.Parse(memory[..^2]) * 1024 : int.Parse(memory[..^2]);
}
