using Callmap.Planning;

namespace Callmap.Stacks;

/// <summary>
/// The stack outputs a reviewer reads with <c>pulumi stack output --json</c>, built from the plan as
/// plain dictionaries and lists (which Pulumi serializes as they are). The load balancer's address is
/// known only after deploy, so the program adds it as <see cref="LoadBalancerAddress"/>.
/// </summary>
public static class StackOutputs
{
    public const string Services = "services";
    public const string LoadBalancerAddress = "loadBalancerAddress";
    public const string PublicSurfaceKey = "publicSurface";
    public const string AccessMatrixKey = "accessMatrix";

    public static Dictionary<string, object?> For(Plan plan) => new()
    {
        // What each caller's code asks a token for, and where it sends it.
        [Services] = plan.OfType<WorkloadItem>().OrderBy(w => w.Workload, StringComparer.Ordinal).ToDictionary(
            w => w.Workload,
            w => (object?)new Dictionary<string, object?> { ["url"] = w.Url, ["audience"] = w.Audience, ["ingress"] = w.Ingress }),
        [PublicSurfaceKey] = new Dictionary<string, object?>
        {
            ["routes"] = plan.PublicSurface.Routes.Select(r => (object?)new Dictionary<string, object?>
            {
                ["host"] = r.Host, ["path"] = r.Path, ["service"] = r.Workload, ["auth"] = r.Auth, ["armorPolicy"] = r.ArmorPolicy,
            }).ToList(),
            ["blockingFunctions"] = plan.PublicSurface.BlockingFunctions.Select(f => (object?)f).ToList(),
        },
        // caller → service → role, and how end users reach each public service.
        [AccessMatrixKey] = new Dictionary<string, object?>
        {
            ["callers"] = plan.Matrix.Cells.GroupBy(c => c.Caller).ToDictionary(
                g => g.Key, g => (object?)g.ToDictionary(c => c.Service, c => (object?)c.Role)),
            ["endUsers"] = plan.Matrix.EndUsers.ToDictionary(e => e.Service, e => (object?)e.Auth),
        },
    };
}
