using Callmap.Planning;
using Pulumi;
using Gcp = Pulumi.Gcp;

namespace Callmap.Deploy;

/// <summary>Additive grants: one member, one role, on one resource (an IamMember each).</summary>
internal static class Grants
{
    public static CustomResource RunInvoker(RunInvokerGrantItem item, Declared d) =>
        new Gcp.CloudRunV2.ServiceIamMember(item.Name, new Gcp.CloudRunV2.ServiceIamMemberArgs
        {
            Name = item.Service,
            Location = item.Location,
            Role = item.Role,
            Member = item.Member,
        }, d.Options(item));

    public static CustomResource FunctionInvoker(FunctionInvokerGrantItem item, Declared d) =>
        new Gcp.CloudFunctions.FunctionIamMember(item.Name, new Gcp.CloudFunctions.FunctionIamMemberArgs
        {
            CloudFunction = item.CloudFunction,
            Region = item.Region,
            Role = item.Role,
            Member = item.Member,
        }, d.Options(item));

    public static CustomResource SecretAccessor(SecretAccessorGrantItem item, Declared d) =>
        new Gcp.SecretManager.SecretIamMember(item.Name, new Gcp.SecretManager.SecretIamMemberArgs
        {
            SecretId = item.SecretId,
            Role = item.Role,
            Member = item.Member,
        }, d.Options(item));

    public static CustomResource IapAccess(IapAccessGrantItem item, Declared d) =>
        new Gcp.Iap.WebBackendServiceIamMember(item.Name, new Gcp.Iap.WebBackendServiceIamMemberArgs
        {
            WebBackendService = item.WebBackendService,
            Role = item.Role,
            Member = item.Member,
        }, d.Options(item));
}
