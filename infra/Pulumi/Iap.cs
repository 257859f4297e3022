using Callmap.Planning;
using Pulumi;
using Gcp = Pulumi.Gcp;

namespace Callmap.Deploy;

/// <summary>IAP's access settings on one backend: Identity Platform users, through the given sign-in page.</summary>
internal static class Iap
{
    public static CustomResource Settings(IapSettingsItem item, Declared d) =>
        new Gcp.Iap.Settings(item.Name, new Gcp.Iap.SettingsArgs
        {
            Name = item.ResourceName,
            AccessSettings = new Gcp.Iap.Inputs.SettingsAccessSettingsArgs
            {
                GcipSettings = new Gcp.Iap.Inputs.SettingsAccessSettingsGcipSettingsArgs
                {
                    LoginPageUri = item.LoginPageUri,
                    TenantIds = item.TenantIds.ToList(),
                },
            },
        }, d.Options(item));
}
