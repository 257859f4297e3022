using Callmap.Planning;
using Pulumi;
using Gcp = Pulumi.Gcp;

namespace Callmap.Deploy;

/// <summary>Plan values as Pulumi inputs: optional numbers stay unset, secrets from config stay secret.</summary>
internal static class Inputs
{
    public static Input<int>? Optional(int? value) => value.HasValue ? value.Value : null;

    public static Input<double>? Optional(double? value) => value.HasValue ? value.Value : null;

    /// <summary>An optional block or string: unset when the plan has none (the SDK's conversions take non-null values only).</summary>
    public static Input<T>? Optional<T>(T? value) where T : class => value is null ? null : (Input<T>)value;

    /// <summary>Whether the platform reads the entry from Secret Manager at start (a reference, never a copied value).</summary>
    public static bool IsSecretReference(EnvEntry entry) => entry.From is EnvSource.SecretManager or EnvSource.PulumiConfig;

    /// <summary>The secret version an entry mounts: the one the map names, or the one created from a config secret.</summary>
    public static Input<string> SecretVersion(EnvEntry entry, Declared d) =>
        entry.VersionFrom is { } created ? d.Get<Gcp.SecretManager.SecretVersion>(created).Version : entry.Version!;

    /// <summary>The plain environment: every entry that is not a secret reference.</summary>
    public static InputMap<string> PlainEnv(WorkloadItem item)
    {
        var env = new InputMap<string>();
        foreach (var entry in item.Env.Where(e => !IsSecretReference(e))) env.Add(entry.Name, entry.Value!);
        return env;
    }

    public static InputMap<string> Limits(params (string Key, string? Value)[] limits)
    {
        var map = new InputMap<string>();
        foreach (var (key, value) in limits)
            if (value is not null) map.Add(key, value);
        return map;
    }
}
