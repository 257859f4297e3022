using Callmap.Planning;

namespace Callmap.Policies;

/// <summary>
/// What the rule <c>project-level-grants</c> checks: a project-level grant is acceptable only as one of
/// <see cref="ProjectGrantExceptions"/>, with exactly that exception's role, on the plan's own project,
/// for a member of the exception's kind, which is worked out from the rest of the plan rather than
/// taken from the grant's own word.
/// </summary>
public static class ProjectLevelGrants
{
    public const string Fix = "grant the role on the one resource the member needs; callmap's only project-level grants are the named exceptions in policies/README.md#project-level-grants";

    /// <summary>Why the grant is not an accepted exception, or null when it is.</summary>
    public static string? Problem(Plan plan, ProjectIamMemberItem grant)
    {
        if (ProjectGrantExceptions.Find(grant.Exception) is not { } exception)
            return $"'{grant.Exception}' is not a named exception ({string.Join(", ", ProjectGrantExceptions.All.Select(e => e.Id))})";
        if (grant.Role != exception.Role)
            return $"the exception {exception.Id} allows only {exception.Role}";
        if (grant.Project != plan.Project)
            return $"the exception {exception.Id} applies to this map's project {plan.Project} only";
        var kind = MemberKindOf(plan, grant);
        return kind == exception.MemberKind ? null
            : $"the exception {exception.Id} is for {Describe(exception.MemberKind)}, and this member is {(kind is { } k ? Describe(k) : "none of the members callmap creates or names")}";
    }

    /// <summary>The kind of member the plan makes of this grant's member, independently of the exception it claims.</summary>
    public static GrantMemberKind? MemberKindOf(Plan plan, ProjectIamMemberItem grant)
    {
        if (grant.MemberFrom == MemberSource.StorageServiceAgent)
            return grant.Member == ServiceAgents.StorageMember(plan.ProjectNumber) ? GrantMemberKind.StorageServiceAgent : null;
        if (plan.OfType<EventarcTriggerItem>().Any(t => $"serviceAccount:{t.Oidc.ServiceAccountEmail}" == grant.Member))
            return GrantMemberKind.EventarcTriggerAccount;
        var builders = plan.OfType<WorkloadItem>().Select(BuildAccountOf).OfType<string>().ToHashSet(StringComparer.Ordinal);
        if (plan.OfType<ServiceAccountItem>().Any(a => a.Member == grant.Member && builders.Contains(FunctionBuild.ResourceName(plan.Project, a.Email))))
            return GrantMemberKind.FunctionBuildAccount;
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
