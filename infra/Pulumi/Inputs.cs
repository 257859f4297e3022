using Callmap.Planning;
using Pulumi;

namespace Callmap.Deploy;

/// <summary>Plan values as Pulumi inputs: optional numbers stay unset, secrets from config stay secret.</summary>
internal static class Inputs
{
    public static Input<int>? Optional(int? value) => value.HasValue ? value.Value : null;

    public static Input<double>? Optional(double? value) => value.HasValue ? value.Value : null;

    /// <summary>An optional block or string: unset when the plan has none (the SDK's conversions take non-null values only).</summary>
    public static Input<T>? Optional<T>(T? value) where T : class => value is null ? null : (Input<T>)value;

    /// <summary>The value of an environment entry that is not a Secret Manager reference (those are mounted, not copied).</summary>
    public static Input<string>? PlainValue(EnvEntry entry, Declared d) => entry.From switch
    {
        EnvSource.SecretManager => null,
        EnvSource.PulumiConfig => d.Secret(entry.ConfigKey!),
        _ => Optional(entry.Value),
    };

    /// <summary>A function's environment_variables: every entry but Secret Manager references.</summary>
    public static InputMap<string> PlainEnv(WorkloadItem item, Declared d)
    {
        var env = new InputMap<string>();
        foreach (var entry in item.Env.Where(e => e.From != EnvSource.SecretManager))
            env.Add(entry.Name, PlainValue(entry, d)!);
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
