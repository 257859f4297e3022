using Callmap.Planning;
using Pulumi;
using Gcp = Pulumi.Gcp;

namespace Callmap.Deploy;

/// <summary>APIs and service accounts.</summary>
internal static class Identity
{
    public static CustomResource Api(ApiServiceItem item, Declared d) =>
        new Gcp.Projects.Service(item.Name, new Gcp.Projects.ServiceArgs
        {
            ServiceName = item.Service,
            // ApiServiceItem: never disabled on destroy; other stacks and people may use the API.
            DisableOnDestroy = false,
        }, d.Options(item));

    /// <summary>Asks Google to create the agent now (its member output is what grants to it use).</summary>
    public static CustomResource ServiceAgent(ServiceIdentityItem item, Declared d) =>
        new Gcp.Projects.ServiceIdentity(item.Name, new Gcp.Projects.ServiceIdentityArgs { Service = item.Service }, d.Options(item));

    public static CustomResource Account(ServiceAccountItem item, Declared d) =>
        new Gcp.ServiceAccount.Account(item.Name, new Gcp.ServiceAccount.AccountArgs
        {
            AccountId = item.AccountId,
            DisplayName = item.DisplayName,
            Description = item.Description,
        }, d.Options(item));
}
