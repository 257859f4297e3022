namespace Callmap.Planning;

/// <summary>The Google APIs the planned resources need, and which kinds need each.</summary>
public static class Apis
{
    public const string Iam = "iam.googleapis.com";
    public const string Run = "run.googleapis.com";
    public const string CloudFunctions = "cloudfunctions.googleapis.com";
    public const string CloudBuild = "cloudbuild.googleapis.com";
    public const string ArtifactRegistry = "artifactregistry.googleapis.com";
    public const string SecretManager = "secretmanager.googleapis.com";
    public const string CloudScheduler = "cloudscheduler.googleapis.com";
    public const string PubSub = "pubsub.googleapis.com";
    public const string Eventarc = "eventarc.googleapis.com";
    public const string CloudTasks = "cloudtasks.googleapis.com";
    public const string Compute = "compute.googleapis.com";
    public const string Iap = "iap.googleapis.com";
    public const string IdentityToolkit = "identitytoolkit.googleapis.com";
    public const string ResourceManager = "cloudresourcemanager.googleapis.com";
    public const string Storage = "storage.googleapis.com";

    /// <summary>Functions are built by Cloud Build into Artifact Registry; 2nd gen ones then run on Cloud Run.</summary>
    public static IReadOnlyList<string> For(PlanItemKind kind) => kind switch
    {
        PlanItemKind.ServiceAccount => [Iam],
        PlanItemKind.RunService => [Run],
        PlanItemKind.FunctionGen2 => [CloudFunctions, CloudBuild, ArtifactRegistry, Run],
        PlanItemKind.FunctionGen1 => [CloudFunctions, CloudBuild, ArtifactRegistry],
        PlanItemKind.SecretAccessorGrant or PlanItemKind.ConfigSecret or PlanItemKind.ConfigSecretVersion => [SecretManager],
        PlanItemKind.SchedulerJob => [CloudScheduler],
        PlanItemKind.PushSubscription => [PubSub],
        // Eventarc delivers through Pub/Sub.
        PlanItemKind.EventarcTrigger => [Eventarc, PubSub],
        PlanItemKind.TasksQueue or PlanItemKind.TasksEnqueuerGrant => [CloudTasks],
        PlanItemKind.SecurityPolicy or PlanItemKind.GlobalAddress or PlanItemKind.ServerlessNeg or PlanItemKind.BackendService
            or PlanItemKind.ManagedCertificate or PlanItemKind.SslPolicy or PlanItemKind.UrlMap or PlanItemKind.TargetHttpsProxy
            or PlanItemKind.TargetHttpProxy or PlanItemKind.ForwardingRule => [Compute],
        PlanItemKind.IapAccessGrant or PlanItemKind.IapSettings or PlanItemKind.ServiceIdentity => [Iap],
        PlanItemKind.IdentityPlatformConfig or PlanItemKind.IdentityProviderConfig => [IdentityToolkit],
        // A project's IAM policy is Resource Manager's; a bucket's is Storage's. A Shared VPC subnet's is the
        // host project's Compute API, which the network team runs: nothing to enable here.
        PlanItemKind.ProjectIamMember => [ResourceManager],
        PlanItemKind.BucketIamMember => [Storage],
        _ => [],
    };
}
