using Callmap.Diagnostics;

namespace Callmap.Model;

/// <summary>
/// The <c>network:</c> section: the VPC subnet that calling Cloud Run services send all their traffic
/// through (Direct VPC egress), so that their calls count as internal and the services they call can
/// refuse the internet path. The subnet needs Private Google Access (to reach run.app internally) and
/// Cloud NAT (for the callers' own internet traffic); callmap does not create either. With
/// <see cref="HostProject"/> the VPC is a Shared VPC of that host project.
/// </summary>
public sealed record Network(SourceLocation At, string Vpc, string Subnet, string? HostProject = null, SubnetGrant HostGrant = SubnetGrant.Callmap)
{
    /// <summary>The project that owns the VPC: a Shared VPC host project, or the map's own project.</summary>
    public string ProjectOf(string mapProject) => HostProject ?? mapProject;

    /// <summary>True when the VPC is another project's (Shared VPC): Cloud Run's service agent then needs a grant there.</summary>
    public bool IsShared => HostProject is not null;
}

/// <summary>
/// Who grants Cloud Run's service agent <c>roles/compute.networkUser</c> on a Shared VPC subnet: this
/// stack (its deployer then needs to set IAM on the host project's subnet) or the network team.
/// </summary>
public enum SubnetGrant
{
    Callmap,
    NetworkTeam,
}
