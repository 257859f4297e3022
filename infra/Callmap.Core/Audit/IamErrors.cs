namespace Callmap.Audit;

/// <summary>
/// What a failed IAM Admin API call means, and what to do: the permission and the smallest predefined
/// role that grants it, the API to enable, or the project to check. infra/Audit passes the gRPC status
/// name and detail; the words are decided here.
/// </summary>
public static class IamErrors
{
    /// <summary>The calls the audit makes: the permission each needs and the smallest role holding it (checked against the role dataset in a test).</summary>
    public static readonly IReadOnlyDictionary<string, (string Permission, string Role)> Calls = new Dictionary<string, (string, string)>
    {
        ["ListServiceAccounts"] = ("iam.serviceAccounts.list", "roles/iam.serviceAccountViewer"),
        ["ListServiceAccountKeys"] = ("iam.serviceAccountKeys.list", "roles/iam.serviceAccountViewer"),
        ["ListRoles"] = ("iam.roles.list", "roles/iam.roleViewer"),
    };

    public static string Explain(string call, string status, string detail, string? project)
    {
        var (permission, role) = Calls[call];
        var where = project is null ? "" : $" on project {project}";
        if (detail.Contains("SERVICE_DISABLED", StringComparison.Ordinal) || detail.Contains("has not been used in project", StringComparison.Ordinal))
            return $"the IAM API is not enabled{where}: {detail}\n    fix: gcloud services enable iam.googleapis.com{(project is null ? "" : $" --project {project}")}";
        return status switch
        {
            "PermissionDenied" => $"{call} was refused{where}: the caller lacks {permission}\n    fix: grant {role} (read-only) to the identity the audit runs as{where}",
            "Unauthenticated" => $"{call}: no valid credentials: {detail}\n    fix: `gcloud auth application-default login` on a workstation, workload identity federation in CI; never a key file",
            "NotFound" => $"{call}: project {project ?? "?"} was not found or is not visible: {detail}\n    fix: pass the project id (not its name or number) with --project, and check the map's project: line",
            "InvalidArgument" => $"{call}: the request was invalid{where}: {detail}\n    fix: pass the project id, e.g. --project acme-shop-prod",
            _ => $"{call} failed{where} ({status}): {detail}\n    fix: retry later; the client already retried what Google marks retryable",
        };
    }
}
