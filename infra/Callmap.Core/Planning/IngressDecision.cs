using Callmap.Model;

namespace Callmap.Planning;

/// <summary>
/// Which network paths a workload accepts, and why, in words a reviewer can check.
/// Internal ingress admits Cloud Scheduler, Cloud Tasks, Eventarc and Pub/Sub of the same project;
/// other callers (workloads without VPC egress, people, CI, other projects) arrive by the internet
/// path and need ingress 'all', where the IAM invoker check still applies (gcp-facts.md § Ingress).
/// </summary>
public sealed record IngressDecision(Ingress Ingress, string Reason)
{
    /// <summary>
    /// Google services of the project (Scheduler, Pub/Sub, Eventarc, Tasks) always do; a workload does
    /// when it sends its traffic through the map's VPC.
    /// </summary>
    /// <remarks>
    /// Except Pub/Sub (and Eventarc) into a 1st gen function: "HTTP requests created or routed through Pub/Sub
    /// or Eventarc cannot trigger these functions" when they allow internal traffic only
    /// (cloud.google.com/functions/1stgendocs/networking/network-settings).
    /// </remarks>
    public static bool ReachesInternalIngress(MapIndex index, Caller caller, Workload target) =>
        caller.IsCreatedByMap
            ? !(target.Kind == WorkloadKind.FunctionGen1 && caller.Kind is CallerKind.PubSubPush or CallerKind.Eventarc)
            : caller.Kind == CallerKind.Workload && index.Service(caller.Key) is { } w && VpcEgress.Has(index, w);

    public static IngressDecision For(MapIndex index, Workload workload)
    {
        if (workload.Public is { } exposure)
            return new IngressDecision(Ingress.InternalAndLoadBalancer,
                $"public through the load balancer (auth {Validation.EdgeValidator.AuthWord(exposure.Auth.Value)}, Cloud Armor in front); requests to its own URL from the internet are refused");
        if (index.BlockingFunctions.Contains(workload.Name))
            return new IngressDecision(Ingress.All,
                "Identity Platform blocking function: Identity Platform calls it from outside the project, without an IAM token");
        var callers = index.CallersOf(workload.Name);
        var external = callers.Where(c => !ReachesInternalIngress(index, c, workload)).Select(c => c.Key).Order(StringComparer.Ordinal).ToList();
        if (workload.Ingress is { } written)
            return new IngressDecision(written.Value, $"set in the map ({IngressWord(written.Value)})");
        if (callers.Count == 0)
            return new IngressDecision(Ingress.Internal, "no caller in the map, so nothing needs to reach it from outside the project");
        if (external.Count == 0)
            return new IngressDecision(Ingress.Internal, callers.All(c => c.IsCreatedByMap)
                ? "its callers are Google services of this project, which reach internal ingress"
                : "its callers are Google services of this project or workloads sending their traffic through the VPC");
        var hint = index.Map.Network is null && external.Any(k => index.Service(k) is { Kind: WorkloadKind.RunService })
            ? "; a 'network' section would route the workloads among them through the VPC"
            : "";
        return new IngressDecision(Ingress.All,
            $"{Join(external)} {(external.Count == 1 ? "calls" : "call")} from outside the project's network; the IAM invoker check still applies{hint}");
    }

    public static string IngressWord(Ingress ingress) => ingress switch
    {
        Ingress.Internal => "internal",
        Ingress.InternalAndLoadBalancer => "internal-and-load-balancer",
        _ => "all",
    };

    /// <summary>Google's enum for a Cloud Run service (v2 API).</summary>
    public static string RunValue(Ingress ingress) => ingress switch
    {
        Ingress.Internal => "INGRESS_TRAFFIC_INTERNAL_ONLY",
        Ingress.InternalAndLoadBalancer => "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER",
        _ => "INGRESS_TRAFFIC_ALL",
    };

    /// <summary>Google's enum for Cloud Functions, both generations.</summary>
    public static string FunctionValue(Ingress ingress) => ingress switch
    {
        Ingress.Internal => "ALLOW_INTERNAL_ONLY",
        Ingress.InternalAndLoadBalancer => "ALLOW_INTERNAL_AND_GCLB",
        _ => "ALLOW_ALL",
    };

    private static string Join(IReadOnlyList<string> names) =>
        names.Count <= 3 ? string.Join(", ", names) : $"{string.Join(", ", names.Take(3))} and {names.Count - 3} more";
}
