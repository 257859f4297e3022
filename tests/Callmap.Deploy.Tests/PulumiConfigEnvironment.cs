namespace Callmap.Deploy.Tests;

/// <summary>Sets Pulumi's config variables for one run and restores what was there before.</summary>
internal sealed class PulumiConfigEnvironment : IDisposable
{
    private const string ConfigVariable = "PULUMI_CONFIG";
    private const string SecretKeysVariable = "PULUMI_CONFIG_SECRET_KEYS";
    private readonly string? _config = Environment.GetEnvironmentVariable(ConfigVariable);
    private readonly string? _secretKeys = Environment.GetEnvironmentVariable(SecretKeysVariable);

    public PulumiConfigEnvironment(string config, string secretKeys)
    {
        Environment.SetEnvironmentVariable(ConfigVariable, config);
        Environment.SetEnvironmentVariable(SecretKeysVariable, secretKeys);
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(ConfigVariable, _config);
        Environment.SetEnvironmentVariable(SecretKeysVariable, _secretKeys);
    }
}
