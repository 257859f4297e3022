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
            Member = d.Member(item),
        }, d.Options(item));

    public static CustomResource FunctionInvoker(FunctionInvokerGrantItem item, Declared d) =>
        new Gcp.CloudFunctions.FunctionIamMember(item.Name, new Gcp.CloudFunctions.FunctionIamMemberArgs
        {
            CloudFunction = item.CloudFunction,
            Region = item.Region,
            Role = item.Role,
            Member = d.Member(item),
        }, d.Options(item));

    public static CustomResource TasksEnqueuer(TasksEnqueuerGrantItem item, Declared d) =>
        new Gcp.CloudTasks.QueueIamMember(item.Name, new Gcp.CloudTasks.QueueIamMemberArgs
        {
            Name = item.Queue,
            Location = item.Location,
            Role = item.Role,
            Member = d.Member(item),
        }, d.Options(item));

    public static CustomResource ConfigSecret(ConfigSecretItem item, Declared d) =>
        new Gcp.SecretManager.Secret(item.Name, new Gcp.SecretManager.SecretArgs
        {
            SecretId = item.SecretId,
            Replication = new Gcp.SecretManager.Inputs.SecretReplicationArgs { Auto = new Gcp.SecretManager.Inputs.SecretReplicationAutoArgs() },
        }, d.Options(item));

    /// <summary>The value comes from the stack's config secret and stays a secret in Pulumi's state.</summary>
    public static CustomResource ConfigSecretVersion(ConfigSecretVersionItem item, Declared d) =>
        new Gcp.SecretManager.SecretVersion(item.Name, new Gcp.SecretManager.SecretVersionArgs
        {
            Secret = d.Id(item.Secret),
            SecretData = d.Secret(item.ConfigKey),
        }, d.Options(item));

    public static CustomResource SecretAccessor(SecretAccessorGrantItem item, Declared d) =>
        new Gcp.SecretManager.SecretIamMember(item.Name, new Gcp.SecretManager.SecretIamMemberArgs
        {
            SecretId = item.SecretId,
            Role = item.Role,
            Member = d.Member(item),
        }, d.Options(item));

    public static CustomResource IapAccess(IapAccessGrantItem item, Declared d) =>
        new Gcp.Iap.WebBackendServiceIamMember(item.Name, new Gcp.Iap.WebBackendServiceIamMemberArgs
        {
            WebBackendService = item.WebBackendService,
            Role = item.Role,
            Member = d.Member(item),
        }, d.Options(item));
}
