using Callmap.Model;

namespace Callmap.Planning;

/// <summary>
/// Which workloads send their traffic through the map's VPC subnet: Cloud Run services that call other
/// workloads of the map, in the map's region (a subnet is regional). Their calls then count as
/// internal (gcp-facts.md § Ingress). Functions keep the internet path: they would need a connector.
/// </summary>
public static class VpcEgress
{
    /// <summary>Google's value: all the workload's traffic goes through the VPC.</summary>
    public const string AllTraffic = "ALL_TRAFFIC";

    /// <summary>What Cloud Run's service agent needs on a Shared VPC subnet (https://cloud.google.com/run/docs/configuring/shared-vpc-direct-vpc).</summary>
    public const string SubnetUserRole = "roles/compute.networkUser";

    /// <summary>How the subnet grant's caller is shown.</summary>
    public const string CloudRunAgentCaller = "cloud-run-service-agent";

    /// <summary>
    /// What the deployer needs in the host project to make that grant: set the subnet's IAM policy. The
    /// smallest predefined role holding both is Shared VPC Admin (roles/compute.xpnAdmin, 13 permissions).
    /// </summary>
    public const string DeployerHostPermissions = "compute.subnetworks.getIamPolicy and compute.subnetworks.setIamPolicy";
    public const string DeployerHostRole = "roles/compute.xpnAdmin";

    /// <summary>The egress every calling service gets: the VPC and subnet by full resource name, in the VPC's own project.</summary>
    public static DirectVpcEgress For(AccessMap map)
    {
        var network = map.Network!;
        var project = network.ProjectOf(map.Project.Value);
        return new DirectVpcEgress($"projects/{project}/global/networks/{network.Vpc}",
            $"projects/{project}/regions/{map.Region.Value}/subnetworks/{network.Subnet}", AllTraffic,
            network.HostProject, network.IsShared ? (network.HostGrant == SubnetGrant.NetworkTeam ? "network-team" : "callmap") : null);
    }

    public static bool Has(MapIndex index, Workload workload) =>
        index.Map.Network is not null
        && workload.Kind == WorkloadKind.RunService
        && Endpoint.RegionOf(index.Map, workload) == index.Map.Region.Value
        && index.TargetsOf(workload.Name).Count > 0;
}
