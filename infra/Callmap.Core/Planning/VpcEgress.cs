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

    public static bool Has(MapIndex index, Workload workload) =>
        index.Map.Network is not null
        && workload.Kind == WorkloadKind.RunService
        && Endpoint.RegionOf(index.Map, workload) == index.Map.Region.Value
        && index.TargetsOf(workload.Name).Count > 0;
}
