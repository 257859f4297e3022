using Callmap.Planning;
using Pulumi;
using Gcp = Pulumi.Gcp;
using Idp = Pulumi.Gcp.IdentityPlatform.Inputs;

namespace Callmap.Deploy;

/// <summary>The project's Identity Platform settings and its built-in identity providers.</summary>
internal static class IdentityPlatform
{
    public static CustomResource Config(IdentityPlatformConfigItem item, Declared d) =>
        new Gcp.IdentityPlatform.Config(item.Name, new Gcp.IdentityPlatform.ConfigArgs
        {
            SignIn = new Idp.ConfigSignInArgs
            {
                Email = new Idp.ConfigSignInEmailArgs { Enabled = item.EmailEnabled, PasswordRequired = item.PasswordRequired },
                PhoneNumber = new Idp.ConfigSignInPhoneNumberArgs { Enabled = item.PhoneNumberEnabled },
                Anonymous = new Idp.ConfigSignInAnonymousArgs { Enabled = item.AnonymousEnabled },
            },
            AuthorizedDomains = item.AuthorizedDomains.ToList(),
            MultiTenant = Inputs.Optional(item.AllowTenants ? new Idp.ConfigMultiTenantArgs { AllowTenants = true } : null),
            Mfa = new Idp.ConfigMfaArgs { State = item.MfaState, EnabledProviders = item.MfaEnabledProviders.ToList() },
            Quota = Inputs.Optional(item.SignUpQuota is { } quota
                ? new Idp.ConfigQuotaArgs
                {
                    SignUpQuotaConfig = new Idp.ConfigQuotaSignUpQuotaConfigArgs
                    {
                        Quota = quota, QuotaDuration = Inputs.Optional(item.SignUpQuotaDuration), StartTime = Inputs.Optional(item.SignUpQuotaStart),
                    },
                }
                : null),
            BlockingFunctions = Inputs.Optional(item.BlockingTriggers.Count > 0
                ? new Idp.ConfigBlockingFunctionsArgs
                {
                    Triggers = item.BlockingTriggers
                        .Select(t => new Idp.ConfigBlockingFunctionsTriggerArgs { EventType = t.EventType, FunctionUri = t.FunctionUri }).ToList(),
                }
                : null),
        }, d.Options(item));

    public static CustomResource Provider(IdentityProviderConfigItem item, Declared d) =>
        new Gcp.IdentityPlatform.DefaultSupportedIdpConfig(item.Name, new Gcp.IdentityPlatform.DefaultSupportedIdpConfigArgs
        {
            IdpId = item.IdpId,
            ClientId = item.ClientId,
            ClientSecret = d.Secret(item.ClientSecretConfigKey),
            Enabled = item.Enabled,
        }, d.Options(item));
}
