namespace Callmap.Planning;

/// <summary>
/// The Pulumi config secrets a plan reads (keys in the <c>callmap</c> namespace): the values of the
/// Secret Manager versions callmap creates for workloads, and identity providers' client secrets. The program reads them all before it
/// registers anything, so a missing one stops it with nothing half-applied.
/// </summary>
public static class ConfigSecrets
{
    public static IReadOnlyList<string> Keys(Plan plan) =>
        plan.OfType<ConfigSecretVersionItem>().Select(v => v.ConfigKey)
            .Concat(plan.OfType<IdentityProviderConfigItem>().Select(p => p.ClientSecretConfigKey))
            .Distinct().Order(StringComparer.Ordinal).ToList();
}
