using Callmap.Model;

namespace Callmap.Planning;

/// <summary>
/// Where a workload answers and which audience its callers request. Both are known before deploy:
/// Cloud Run's deterministic URL is https://SERVICE-PROJECT_NUMBER.REGION.run.app (gcp-facts.md).
/// </summary>
public sealed record Endpoint(string Url, string Audience, string Host)
{
    /// <summary>The longest DNS label Google creates a deterministic URL for.</summary>
    public const int MaxDnsLabel = 63;

    public static string RegionOf(AccessMap map, Workload workload) => workload.Region?.Value ?? map.Region.Value;

    public static Endpoint For(AccessMap map, Workload workload)
    {
        var region = RegionOf(map, workload);
        var host = workload.Kind == WorkloadKind.FunctionGen1
            ? $"{region}-{map.Project.Value}.cloudfunctions.net"
            : $"{DeterministicLabel(map, workload)}.{region}.run.app";
        var url = workload.Kind == WorkloadKind.FunctionGen1 ? $"https://{host}/{workload.Name}" : $"https://{host}";
        // Gen2 functions are invoked through their Cloud Run service, so its run.app URL is the audience too.
        var audience = workload.CustomAudiences.Count > 0 ? workload.CustomAudiences[0].Value : url;
        return new Endpoint(url, audience, host);
    }

    public static string DeterministicLabel(AccessMap map, Workload workload) => $"{workload.Name}-{map.ProjectNumber.Value}";
}
