using System.Text.Json.Serialization;
using Callmap.Diagnostics;

namespace Callmap.Planning;

// Grants that the platform itself needs rather than an edge of the map: the named project-level
// exceptions, the build account's read access to a source bucket, and Cloud Run's use of a Shared VPC subnet.

/// <summary>Where the member of a grant comes from: written in the plan, or asked of Google at deploy time.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<MemberSource>))]
public enum MemberSource
{
    /// <summary><see cref="GrantItem.Member"/> is the member, as planned.</summary>
    Plan,
    /// <summary>
    /// The project's Cloud Storage service agent, read with Storage's getProjectServiceAccount (Pulumi:
    /// Storage.GetProjectServiceAccount), which also creates the agent if it does not exist yet; the plan's
    /// <see cref="GrantItem.Member"/> is its documented form, for previews and policies.
    /// </summary>
    StorageServiceAgent,
}

/// <summary>
/// One project-level grant (Pulumi: Projects.IAMMember), planned only as the named exception
/// <see cref="Exception"/> of <see cref="ProjectGrantExceptions"/>.
/// </summary>
public sealed record ProjectIamMemberItem(
    string Name, IReadOnlyList<string> DependsOn, SourceLocation Source, string Role, string Member, string Caller, string Target,
    string Project, string Exception, MemberSource MemberFrom)
    : GrantItem(Name, DependsOn, Source, Role, Member, Caller, Target)
{
    [JsonIgnore] public override PlanItemKind Kind => PlanItemKind.ProjectIamMember;
}

/// <summary>One role on one Cloud Storage bucket (Pulumi: Storage.BucketIAMMember): the build account reading function sources.</summary>
public sealed record BucketIamMemberItem(
    string Name, IReadOnlyList<string> DependsOn, SourceLocation Source, string Role, string Member, string Caller, string Target,
    string Bucket)
    : GrantItem(Name, DependsOn, Source, Role, Member, Caller, Target)
{
    [JsonIgnore] public override PlanItemKind Kind => PlanItemKind.BucketIamMember;
}

/// <summary>
/// roles/compute.networkUser for Cloud Run's service agent on a Shared VPC host project's subnet (Pulumi:
/// Compute.SubnetworkIAMMember, in the host project).
/// </summary>
public sealed record SubnetIamMemberItem(
    string Name, IReadOnlyList<string> DependsOn, SourceLocation Source, string Role, string Member, string Caller, string Target,
    string Project, string Region, string Subnetwork)
    : GrantItem(Name, DependsOn, Source, Role, Member, Caller, Target)
{
    [JsonIgnore] public override PlanItemKind Kind => PlanItemKind.SubnetIamMember;
}
