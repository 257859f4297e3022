namespace Callmap.Planning;

/// <summary>
/// Every kind of resource the planner can declare. The order is the order of the preview and of
/// <see cref="Plan.Items"/>; the Pulumi program has exactly one translation for each.
/// </summary>
public enum PlanItemKind
{
    ApiService,
    ServiceAccount,
    ServiceIdentity,
    ConfigSecret,
    ConfigSecretVersion,
    SecretAccessorGrant,
    RunService,
    FunctionGen2,
    FunctionGen1,
    RunInvokerGrant,
    FunctionInvokerGrant,
    SchedulerJob,
    PushSubscription,
    EventarcTrigger,
    TasksQueue,
    TasksEnqueuerGrant,
    SecurityPolicy,
    GlobalAddress,
    ServerlessNeg,
    BackendService,
    IapAccessGrant,
    IapSettings,
    ManagedCertificate,
    SslPolicy,
    UrlMap,
    TargetHttpsProxy,
    TargetHttpProxy,
    ForwardingRule,
    IdentityPlatformConfig,
    IdentityProviderConfig,
    ProjectIamMember,
    BucketIamMember,
    SubnetIamMember,
}
