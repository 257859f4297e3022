namespace Callmap.Planning;

/// <summary>
/// The Pulumi config secrets a plan reads (keys in the <c>callmap</c> namespace): environment variables
/// taken from config, and identity providers' client secrets. The program reads them all before it
/// registers anything, so a missing one stops it with nothing half-applied.
/// </summary>
public static class ConfigSecrets
{
    public static IReadOnlyList<string> Keys(Plan plan) =>
        plan.OfType<WorkloadItem>().SelectMany(w => w.Env).Where(e => e.From == EnvSource.PulumiConfig).Select(e => e.ConfigKey!)
            .Concat(plan.OfType<IdentityProviderConfigItem>().Select(p => p.ClientSecretConfigKey))
            .Distinct().Order(StringComparer.Ordinal).ToList();
}
