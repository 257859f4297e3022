namespace Callmap.Planning;

/// <summary>
/// The Pulumi type token each kind of plan item becomes (pulumi-gcp's C# SDK: class name in the comment).
/// The Pulumi program registers exactly this type for each item, and its mock-engine tests compare the
/// registered tokens with this table; here it is checked to cover every kind the planner emits.
/// </summary>
public static class PulumiTypes
{
    public static readonly IReadOnlyDictionary<PlanItemKind, string> Tokens = new Dictionary<PlanItemKind, string>
    {
        [PlanItemKind.ApiService] = "gcp:projects/service:Service",                                              // Projects.Service
        [PlanItemKind.ServiceAccount] = "gcp:serviceaccount/account:Account",                                     // ServiceAccount.Account
        [PlanItemKind.ServiceIdentity] = "gcp:projects/serviceIdentity:ServiceIdentity",                         // Projects.ServiceIdentity
        [PlanItemKind.ConfigSecret] = "gcp:secretmanager/secret:Secret",                                         // SecretManager.Secret
        [PlanItemKind.ConfigSecretVersion] = "gcp:secretmanager/secretVersion:SecretVersion",                     // SecretManager.SecretVersion
        [PlanItemKind.SecretAccessorGrant] = "gcp:secretmanager/secretIamMember:SecretIamMember",                 // SecretManager.SecretIamMember
        [PlanItemKind.RunService] = "gcp:cloudrunv2/service:Service",                                             // CloudRunV2.Service
        [PlanItemKind.FunctionGen2] = "gcp:cloudfunctionsv2/function:Function",                                   // CloudFunctionsV2.Function
        [PlanItemKind.FunctionGen1] = "gcp:cloudfunctions/function:Function",                                     // CloudFunctions.Function
        [PlanItemKind.RunInvokerGrant] = "gcp:cloudrunv2/serviceIamMember:ServiceIamMember",                      // CloudRunV2.ServiceIamMember
        [PlanItemKind.FunctionInvokerGrant] = "gcp:cloudfunctions/functionIamMember:FunctionIamMember",           // CloudFunctions.FunctionIamMember
        [PlanItemKind.SchedulerJob] = "gcp:cloudscheduler/job:Job",                                               // CloudScheduler.Job
        [PlanItemKind.PushSubscription] = "gcp:pubsub/subscription:Subscription",                                 // PubSub.Subscription
        [PlanItemKind.EventarcTrigger] = "gcp:eventarc/trigger:Trigger",                                          // Eventarc.Trigger
        [PlanItemKind.TasksQueue] = "gcp:cloudtasks/queue:Queue",                                                 // CloudTasks.Queue
        [PlanItemKind.TasksEnqueuerGrant] = "gcp:cloudtasks/queueIamMember:QueueIamMember",                       // CloudTasks.QueueIamMember
        [PlanItemKind.SecurityPolicy] = "gcp:compute/securityPolicy:SecurityPolicy",                              // Compute.SecurityPolicy
        [PlanItemKind.GlobalAddress] = "gcp:compute/globalAddress:GlobalAddress",                                 // Compute.GlobalAddress
        [PlanItemKind.ServerlessNeg] = "gcp:compute/regionNetworkEndpointGroup:RegionNetworkEndpointGroup",       // Compute.RegionNetworkEndpointGroup
        [PlanItemKind.BackendService] = "gcp:compute/backendService:BackendService",                              // Compute.BackendService
        [PlanItemKind.IapAccessGrant] = "gcp:iap/webBackendServiceIamMember:WebBackendServiceIamMember",          // Iap.WebBackendServiceIamMember
        [PlanItemKind.IapSettings] = "gcp:iap/settings:Settings",                                                 // Iap.Settings
        [PlanItemKind.ManagedCertificate] = "gcp:compute/managedSslCertificate:ManagedSslCertificate",            // Compute.ManagedSslCertificate
        [PlanItemKind.SslPolicy] = "gcp:compute/sSLPolicy:SSLPolicy",                                             // Compute.SSLPolicy
        [PlanItemKind.UrlMap] = "gcp:compute/uRLMap:URLMap",                                                      // Compute.URLMap
        [PlanItemKind.TargetHttpsProxy] = "gcp:compute/targetHttpsProxy:TargetHttpsProxy",                       // Compute.TargetHttpsProxy
        [PlanItemKind.TargetHttpProxy] = "gcp:compute/targetHttpProxy:TargetHttpProxy",                          // Compute.TargetHttpProxy
        [PlanItemKind.ForwardingRule] = "gcp:compute/globalForwardingRule:GlobalForwardingRule",                  // Compute.GlobalForwardingRule
        [PlanItemKind.IdentityPlatformConfig] = "gcp:identityplatform/config:Config",                             // IdentityPlatform.Config
        [PlanItemKind.IdentityProviderConfig] = "gcp:identityplatform/defaultSupportedIdpConfig:DefaultSupportedIdpConfig", // IdentityPlatform.DefaultSupportedIdpConfig
        [PlanItemKind.ProjectIamMember] = "gcp:projects/iAMMember:IAMMember",                                    // Projects.IAMMember
        [PlanItemKind.BucketIamMember] = "gcp:storage/bucketIAMMember:BucketIAMMember",                           // Storage.BucketIAMMember
        [PlanItemKind.SubnetIamMember] = "gcp:compute/subnetworkIAMMember:SubnetworkIAMMember",                   // Compute.SubnetworkIAMMember
    };
}
