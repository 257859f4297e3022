namespace Callmap.Planning;

/// <summary>The Google-managed service agents the plan grants roles to, and where their identity comes from.</summary>
public static class ServiceAgents
{
    /// <summary>
    /// Cloud Run's service agent, which attaches a service to a Shared VPC subnet:
    /// https://cloud.google.com/run/docs/configuring/shared-vpc-direct-vpc (grant it
    /// roles/compute.networkUser on the host project's subnet).
    /// </summary>
    public static string CloudRunMember(string projectNumber) => $"serviceAccount:service-{projectNumber}@serverless-robot-prod.iam.gserviceaccount.com";

    /// <summary>
    /// The documented form of the Cloud Storage service agent (https://cloud.google.com/storage/docs/projects#service-accounts),
    /// shown in previews and compared by policies. It exists only once Storage has been asked for it, so the
    /// Pulumi program never interpolates it: it asks Storage (<see cref="MemberSource.StorageServiceAgent"/>).
    /// </summary>
    public static string StorageMember(string projectNumber) => $"serviceAccount:service-{projectNumber}@gs-project-accounts.iam.gserviceaccount.com";
}
