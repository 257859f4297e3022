using Callmap.Planning;

namespace Callmap.Reports;

/// <summary>
/// The grants a preview lists besides the map's edges, each with why it exists: the named project-level
/// exceptions (reason and Google's page), the build account's source buckets, and the Shared VPC subnet
/// grant, or the note that the network team must make it.
/// </summary>
public static class PlatformGrants
{
    public sealed record Line(string Grant, string Why);

    public static IReadOnlyList<Line> Of(Plan plan)
    {
        var lines = new List<Line>();
        // One line per exception and role, its reason once, however many trigger accounts hold it.
        foreach (var group in plan.OfType<ProjectIamMemberItem>().GroupBy(g => (g.Exception, g.Role, g.Project)))
        {
            var exception = ProjectGrantExceptions.Find(group.Key.Exception);
            var members = group.Select(g => g.MemberFrom == MemberSource.StorageServiceAgent ? $"{g.Member} (as Storage's API reports it at deploy)" : g.Member);
            lines.Add(new Line($"{group.Key.Role} on project {group.Key.Project} → {string.Join(", ", members)} · named exception {group.Key.Exception}",
                exception is null ? "not a named exception: the policy rule project-level-grants refuses it" : $"{exception.Reason} ({exception.Source})"));
        }
        foreach (var g in plan.OfType<BucketIamMemberItem>())
            lines.Add(new Line($"{g.Role} on bucket {g.Bucket} only → {g.Member}",
                "function builds read their source zip from this bucket (https://cloud.google.com/functions/docs/securing/build-custom-sa)"));
        foreach (var g in plan.OfType<SubnetIamMemberItem>())
            lines.Add(new Line($"{g.Role} on subnet {g.Subnetwork} ({g.Region}) of host project {g.Project} → {g.Member}",
                $"Cloud Run's service agent attaches services to the Shared VPC subnet (https://cloud.google.com/run/docs/configuring/shared-vpc-direct-vpc); "
                + $"the deployer needs {VpcEgress.DeployerHostPermissions} on that subnet in {g.Project} (e.g. {VpcEgress.DeployerHostRole}), or the map says hostGrant: network-team"));
        if (plan.OfType<RunServiceItem>().Select(r => r.VpcEgress).FirstOrDefault(e => e?.SubnetGrantBy == "network-team") is { } egress)
            lines.Add(new Line($"the network team must grant {VpcEgress.SubnetUserRole} on subnet {egress.Subnetwork} to {ServiceAgents.CloudRunMember(plan.ProjectNumber)}",
                $"hostGrant: network-team, so callmap does not plan it; until it exists Cloud Run cannot attach services to the Shared VPC subnet of {egress.HostProject} (https://cloud.google.com/run/docs/configuring/shared-vpc-direct-vpc)"));
        return lines;
    }

    /// <summary>The build account a function builds as, by e-mail, or null.</summary>
    public static string? BuildAccountOf(WorkloadItem w) => w switch
    {
        FunctionGen2Item { BuildServiceAccount: { } name } => EmailOf(name),
        FunctionGen1Item { BuildServiceAccount: { } name } => EmailOf(name),
        _ => null,
    };

    private static string EmailOf(string resourceName) => resourceName[(resourceName.LastIndexOf('/') + 1)..];

    public const string BuildAccountNote = "the project's build account: logs and images at project level (named exceptions), the source bucket only";
}
