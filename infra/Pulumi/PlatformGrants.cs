using Callmap.Planning;
using Pulumi;
using Gcp = Pulumi.Gcp;

namespace Callmap.Deploy;

/// <summary>The grants the platform needs besides the map's edges, each an additive IamMember, as the plan decided them.</summary>
internal static class PlatformGrants
{
    /// <summary>
    /// A named project-level exception. The Storage service agent is asked of Storage
    /// (Storage.GetProjectServiceAccount), never interpolated: its SDK doc says the agent may not exist yet.
    /// </summary>
    public static CustomResource Project(ProjectIamMemberItem item, Declared d) =>
        new Gcp.Projects.IAMMember(item.Name, new Gcp.Projects.IAMMemberArgs
        {
            Project = item.Project,
            Role = item.Role,
            Member = item.MemberFrom switch
            {
                MemberSource.StorageServiceAgent => Gcp.Storage.GetProjectServiceAccount
                    // Asked only once the Storage API the plan enables for it is on.
                    .Invoke(new Gcp.Storage.GetProjectServiceAccountInvokeArgs { Project = item.Project }, new InvokeOutputOptions { DependsOn = d.DependsOn(item) })
                    .Apply(agent => agent.Member),
                _ => (Input<string>)item.Member,
            },
        }, d.Options(item));

    public static CustomResource Bucket(BucketIamMemberItem item, Declared d) =>
        new Gcp.Storage.BucketIAMMember(item.Name, new Gcp.Storage.BucketIAMMemberArgs
        {
            Bucket = item.Bucket,
            Role = item.Role,
            Member = item.Member,
        }, d.Options(item));

    /// <summary>In the Shared VPC host project, which the provider would not infer: the plan names it.</summary>
    public static CustomResource Subnet(SubnetIamMemberItem item, Declared d) =>
        new Gcp.Compute.SubnetworkIAMMember(item.Name, new Gcp.Compute.SubnetworkIAMMemberArgs
        {
            Project = item.Project,
            Region = item.Region,
            Subnetwork = item.Subnetwork,
            Role = item.Role,
            Member = item.Member,
        }, d.Options(item));
}
