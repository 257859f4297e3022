using Callmap.Planning;

namespace Callmap.Policies;

/// <summary>
/// What the rule <c>project-level-grants</c> checks: a project-level grant is acceptable only as one of
/// <see cref="ProjectGrantExceptions"/>, with exactly that exception's role, on the plan's own project,
/// for a member of the exception's kind, which is worked out from the rest of the plan rather than
/// taken from the grant's own word.
/// </summary>
public sealed class ProjectLevelGrants
{
    public const string Fix = "grant the role on the one resource the member needs; callmap's only project-level grants are the named exceptions in policies/README.md#project-level-grants";

    private readonly Plan _plan;
    private readonly HashSet<string> _triggerMembers;
    private readonly HashSet<string> _buildMembers;

    /// <summary>Who the plan's triggers and function builds run as, looked up once so that large plans stay linear.</summary>
    public ProjectLevelGrants(Plan plan)
    {
        _plan = plan;
        _triggerMembers = plan.OfType<EventarcTriggerItem>().Select(t => $"serviceAccount:{t.Oidc.ServiceAccountEmail}").ToHashSet(StringComparer.Ordinal);
        var builders = plan.OfType<WorkloadItem>().Select(BuildAccountOf).OfType<string>().ToHashSet(StringComparer.Ordinal);
        _buildMembers = plan.OfType<ServiceAccountItem>().Where(a => builders.Contains(FunctionBuild.ResourceName(plan.Project, a.Email)))
            .Select(a => a.Member).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Why the grant is not an accepted exception, or null when it is.</summary>
    public string? Problem(ProjectIamMemberItem grant)
    {
        if (ProjectGrantExceptions.Find(grant.Exception) is not { } exception)
            return $"'{grant.Exception}' is not a named exception ({string.Join(", ", ProjectGrantExceptions.All.Select(e => e.Id))})";
        if (grant.Role != exception.Role)
            return $"the exception {exception.Id} allows only {exception.Role}";
        if (grant.Project != _plan.Project)
            return $"the exception {exception.Id} applies to this map's project {_plan.Project} only";
        var kind = MemberKindOf(grant);
        return kind == exception.MemberKind ? null
            : $"the exception {exception.Id} is for {Describe(exception.MemberKind)}, and this member is {(kind is { } k ? Describe(k) : "none of the members callmap creates or names")}";
    }

    /// <summary>The kind of member the plan makes of this grant's member, independently of the exception it claims.</summary>
    public GrantMemberKind? MemberKindOf(ProjectIamMemberItem grant)
    {
        if (grant.MemberFrom == MemberSource.StorageServiceAgent)
            return grant.Member == ServiceAgents.StorageMember(_plan.ProjectNumber) ? GrantMemberKind.StorageServiceAgent : null;
        if (_triggerMembers.Contains(grant.Member)) return GrantMemberKind.EventarcTriggerAccount;
        if (_buildMembers.Contains(grant.Member)) return GrantMemberKind.FunctionBuildAccount;
        return null;
    }

    private static string? BuildAccountOf(WorkloadItem w) => w switch
    {
        FunctionGen2Item f => f.BuildServiceAccount,
        FunctionGen1Item f => f.BuildServiceAccount,
        _ => null,
    };

    public static string Describe(GrantMemberKind kind) => kind switch
    {
        GrantMemberKind.EventarcTriggerAccount => "an Eventarc trigger's own account",
        GrantMemberKind.StorageServiceAgent => "the project's Cloud Storage service agent",
        _ => "the functions' build account",
    };
}
