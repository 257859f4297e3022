using System.Text.Json.Serialization;
using Callmap.Diagnostics;

namespace Callmap.Planning;

/// <summary>
/// One resource the Pulumi program registers. <see cref="Name"/> is its stable logical name (derived
/// from the map's names, never from order); <see cref="DependsOn"/> names the items it must follow;
/// every other property is a value of the Google resource, already in Google's vocabulary.
/// <see cref="Source"/> is where the map asks for it (written as "file:line:column" in JSON).
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(ApiServiceItem), "apiService")]
[JsonDerivedType(typeof(ServiceAccountItem), "serviceAccount")]
[JsonDerivedType(typeof(ServiceIdentityItem), "serviceIdentity")]
[JsonDerivedType(typeof(ConfigSecretItem), "configSecret")]
[JsonDerivedType(typeof(ConfigSecretVersionItem), "configSecretVersion")]
[JsonDerivedType(typeof(SecretAccessorGrantItem), "secretAccessorGrant")]
[JsonDerivedType(typeof(RunServiceItem), "runService")]
[JsonDerivedType(typeof(FunctionGen2Item), "functionGen2")]
[JsonDerivedType(typeof(FunctionGen1Item), "functionGen1")]
[JsonDerivedType(typeof(RunInvokerGrantItem), "runInvokerGrant")]
[JsonDerivedType(typeof(FunctionInvokerGrantItem), "functionInvokerGrant")]
[JsonDerivedType(typeof(SchedulerJobItem), "schedulerJob")]
[JsonDerivedType(typeof(PushSubscriptionItem), "pushSubscription")]
[JsonDerivedType(typeof(EventarcTriggerItem), "eventarcTrigger")]
[JsonDerivedType(typeof(TasksQueueItem), "tasksQueue")]
[JsonDerivedType(typeof(TasksEnqueuerGrantItem), "tasksEnqueuerGrant")]
[JsonDerivedType(typeof(SecurityPolicyItem), "securityPolicy")]
[JsonDerivedType(typeof(GlobalAddressItem), "globalAddress")]
[JsonDerivedType(typeof(ServerlessNegItem), "serverlessNeg")]
[JsonDerivedType(typeof(BackendServiceItem), "backendService")]
[JsonDerivedType(typeof(IapAccessGrantItem), "iapAccessGrant")]
[JsonDerivedType(typeof(IapSettingsItem), "iapSettings")]
[JsonDerivedType(typeof(ManagedCertificateItem), "managedCertificate")]
[JsonDerivedType(typeof(SslPolicyItem), "sslPolicy")]
[JsonDerivedType(typeof(UrlMapItem), "urlMap")]
[JsonDerivedType(typeof(TargetHttpsProxyItem), "targetHttpsProxy")]
[JsonDerivedType(typeof(TargetHttpProxyItem), "targetHttpProxy")]
[JsonDerivedType(typeof(ForwardingRuleItem), "forwardingRule")]
[JsonDerivedType(typeof(IdentityPlatformConfigItem), "identityPlatformConfig")]
[JsonDerivedType(typeof(IdentityProviderConfigItem), "identityProviderConfig")]
[JsonDerivedType(typeof(ProjectIamMemberItem), "projectIamMember")]
[JsonDerivedType(typeof(BucketIamMemberItem), "bucketIamMember")]
[JsonDerivedType(typeof(SubnetIamMemberItem), "subnetIamMember")]
public abstract record PlanItem(
    [property: JsonPropertyOrder(-3)] string Name,
    [property: JsonPropertyOrder(-2)] IReadOnlyList<string> DependsOn,
    [property: JsonPropertyOrder(-1)] SourceLocation Source)
{
    [JsonIgnore]
    public abstract PlanItemKind Kind { get; }
}

/// <summary>A Google API the project must have enabled (Pulumi: Projects.Service). Never disabled on destroy.</summary>
public sealed record ApiServiceItem(string Name, IReadOnlyList<string> DependsOn, SourceLocation Source, string Service)
    : PlanItem(Name, DependsOn, Source)
{
    [JsonIgnore] public override PlanItemKind Kind => PlanItemKind.ApiService;
}

/// <summary>The dedicated identity of one workload or created caller (Pulumi: ServiceAccount.Account).</summary>
public sealed record ServiceAccountItem(
    string Name, IReadOnlyList<string> DependsOn, SourceLocation Source,
    string AccountId, string DisplayName, string Description, string Email, string Member, string UsedBy)
    : PlanItem(Name, DependsOn, Source)
{
    [JsonIgnore] public override PlanItemKind Kind => PlanItemKind.ServiceAccount;
}

/// <summary>An environment variable of a workload: a literal, or a reference to a secret.</summary>
public sealed record EnvEntry(
    string Name,
    EnvSource From,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Value = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Secret = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Version = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ConfigKey = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Target = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? SecretProject = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? VersionFrom = null);

[JsonConverter(typeof(CamelCaseEnumConverter<EnvSource>))]
public enum EnvSource
{
    /// <summary>Written in the map.</summary>
    Map,
    /// <summary>Set by callmap: the URL or audience of a service this workload calls.</summary>
    Wiring,
    /// <summary>A Secret Manager secret version, read by the platform at start.</summary>
    SecretManager,
    /// <summary>
    /// A Pulumi config secret of the stack, which callmap stores in a Secret Manager secret of its own
    /// (<see cref="EnvEntry.Secret"/>, the version created from it in <see cref="EnvEntry.VersionFrom"/>)
    /// and mounts by reference: never a plain env value, which anyone with run.services.get can read.
    /// </summary>
    PulumiConfig,
    /// <summary>Set by callmap: the issuer and audience of the end-user ID tokens an in-app service verifies.</summary>
    EndUserAuth,
}

/// <summary>What every workload item has: who it runs as, where it answers, what it accepts, and why.</summary>
public abstract record WorkloadItem(
    string Name, IReadOnlyList<string> DependsOn, SourceLocation Source,
    string Workload, string Location, string ServiceAccount, string ServiceAccountEmail,
    IReadOnlyList<EnvEntry> Env, int? MinInstances, int? MaxInstances,
    string Ingress, string IngressReason, string Url, string Audience, bool DeletionProtection)
    : PlanItem(Name, DependsOn, Source)
{
    /// <summary>
    /// Functions' deletion protection is the provider's deletionPolicy (pulumi-gcp CloudFunctions(V2)/Function.cs:
    /// "PREVENT": a `pulumi up` that would delete it fails; "DELETE" allows it), not Pulumi's protect.
    /// </summary>
    [JsonIgnore] public string DeletionPolicy => DeletionProtection ? "PREVENT" : "DELETE";
}

/// <summary>
/// A Cloud Run service (Pulumi: CloudRunV2.Service). <see cref="WorkloadItem.Ingress"/> is INGRESS_TRAFFIC_*.
/// <see cref="CpuIdle"/> is Google's request-based billing: once a container sets resource limits, Google
/// allocates CPU always unless cpuIdle is set (ServiceTemplateContainerResourcesArgs.CpuIdle).
/// </summary>
public sealed record RunServiceItem(
    string Name, IReadOnlyList<string> DependsOn, SourceLocation Source,
    string Workload, string Location, string ServiceAccount, string ServiceAccountEmail,
    IReadOnlyList<EnvEntry> Env, int? MinInstances, int? MaxInstances,
    string Ingress, string IngressReason, string Url, string Audience, bool DeletionProtection,
    string Image, string? Cpu, string? Memory, IReadOnlyList<string> CustomAudiences, bool InvokerIamDisabled, bool CpuIdle,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DirectVpcEgress? VpcEgress = null)
    : WorkloadItem(Name, DependsOn, Source, Workload, Location, ServiceAccount, ServiceAccountEmail, Env, MinInstances, MaxInstances,
        Ingress, IngressReason, Url, Audience, DeletionProtection)
{
    [JsonIgnore] public override PlanItemKind Kind => PlanItemKind.RunService;
}

/// <summary>
/// Direct VPC egress of a Cloud Run service (template VpcAccess): one network interface, and which traffic
/// uses it. <see cref="Network"/> and <see cref="Subnetwork"/> are full resource names
/// (projects/P/global/networks/N, projects/P/regions/R/subnetworks/S): bare names resolve only in the
/// service's own project, and a Shared VPC lives in its host project
/// (https://cloud.google.com/run/docs/configuring/shared-vpc-direct-vpc). <see cref="HostProject"/> is set
/// for a Shared VPC; <see cref="SubnetGrantBy"/> then says who grants Cloud Run's agent the subnet.
/// </summary>
public sealed record DirectVpcEgress(string Network, string Subnetwork, string Egress,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? HostProject = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? SubnetGrantBy = null);

/// <summary>
/// A 2nd gen function (Pulumi: CloudFunctionsV2.Function), HTTP-triggered. Its Cloud Run service has
/// the function's name; <see cref="WorkloadItem.Ingress"/> is ALLOW_*.
/// </summary>
public sealed record FunctionGen2Item(
    string Name, IReadOnlyList<string> DependsOn, SourceLocation Source,
    string Workload, string Location, string ServiceAccount, string ServiceAccountEmail,
    IReadOnlyList<EnvEntry> Env, int? MinInstances, int? MaxInstances,
    string Ingress, string IngressReason, string Url, string Audience, bool DeletionProtection,
    string Runtime, string EntryPoint, string SourceBucket, string SourceObject, string? AvailableMemory,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? BuildServiceAccount = null)
    : WorkloadItem(Name, DependsOn, Source, Workload, Location, ServiceAccount, ServiceAccountEmail, Env, MinInstances, MaxInstances,
        Ingress, IngressReason, Url, Audience, DeletionProtection)
{
    [JsonIgnore] public override PlanItemKind Kind => PlanItemKind.FunctionGen2;
}

/// <summary>A 1st gen function (Pulumi: CloudFunctions.Function), HTTPS-triggered with SECURE_ALWAYS.</summary>
public sealed record FunctionGen1Item(
    string Name, IReadOnlyList<string> DependsOn, SourceLocation Source,
    string Workload, string Location, string ServiceAccount, string ServiceAccountEmail,
    IReadOnlyList<EnvEntry> Env, int? MinInstances, int? MaxInstances,
    string Ingress, string IngressReason, string Url, string Audience, bool DeletionProtection,
    string Runtime, string EntryPoint, string SourceBucket, string SourceObject, int? AvailableMemoryMb, string HttpsTriggerSecurityLevel,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? BuildServiceAccount = null)
    : WorkloadItem(Name, DependsOn, Source, Workload, Location, ServiceAccount, ServiceAccountEmail, Env, MinInstances, MaxInstances,
        Ingress, IngressReason, Url, Audience, DeletionProtection)
{
    [JsonIgnore] public override PlanItemKind Kind => PlanItemKind.FunctionGen1;
}

/// <summary>
/// What every grant has: one member, one role, on one resource; additive (an IamMember resource).
/// <see cref="MemberOf"/> names the service identity item whose member output is the member, for Google's
/// own agents that exist only once asked for (<see cref="Member"/> is then what that output will be).
/// </summary>
public abstract record GrantItem(string Name, IReadOnlyList<string> DependsOn, SourceLocation Source, string Role, string Member, string Caller, string Target)
    : PlanItem(Name, DependsOn, Source)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? MemberOf { get; init; }
}

/// <summary>
/// A Google service agent asked into existence (Pulumi: Projects.ServiceIdentity): agents such as IAP's are
/// created lazily, and granting one a role before it exists fails. Cannot be updated or destroyed.
/// </summary>
public sealed record ServiceIdentityItem(string Name, IReadOnlyList<string> DependsOn, SourceLocation Source, string Service, string Member)
    : PlanItem(Name, DependsOn, Source)
{
    [JsonIgnore] public override PlanItemKind Kind => PlanItemKind.ServiceIdentity;
}

/// <summary>The invoker role on one Cloud Run service (Pulumi: CloudRunV2.ServiceIamMember); gen2 functions' too.</summary>
public sealed record RunInvokerGrantItem(
    string Name, IReadOnlyList<string> DependsOn, SourceLocation Source, string Role, string Member, string Caller, string Target,
    string Service, string Location)
    : GrantItem(Name, DependsOn, Source, Role, Member, Caller, Target)
{
    [JsonIgnore] public override PlanItemKind Kind => PlanItemKind.RunInvokerGrant;
}

/// <summary>The invoker role on one 1st gen function (Pulumi: CloudFunctions.FunctionIamMember).</summary>
public sealed record FunctionInvokerGrantItem(
    string Name, IReadOnlyList<string> DependsOn, SourceLocation Source, string Role, string Member, string Caller, string Target,
    string CloudFunction, string Region)
    : GrantItem(Name, DependsOn, Source, Role, Member, Caller, Target)
{
    [JsonIgnore] public override PlanItemKind Kind => PlanItemKind.FunctionInvokerGrant;
}

/// <summary>The Secret Manager secret callmap creates to hold one Pulumi config secret (Pulumi: SecretManager.Secret), replicated automatically.</summary>
public sealed record ConfigSecretItem(string Name, IReadOnlyList<string> DependsOn, SourceLocation Source, string SecretId, string ConfigKey)
    : PlanItem(Name, DependsOn, Source)
{
    /// <summary>Secret ids callmap creates start so, apart from the secrets the map names.</summary>
    public const string IdPrefix = "callmap-";

    [JsonIgnore] public override PlanItemKind Kind => PlanItemKind.ConfigSecret;
}

/// <summary>The config secret's value as a version of its secret (Pulumi: SecretManager.SecretVersion); workloads mount exactly this version.</summary>
public sealed record ConfigSecretVersionItem(string Name, IReadOnlyList<string> DependsOn, SourceLocation Source, string Secret, string ConfigKey)
    : PlanItem(Name, DependsOn, Source)
{
    [JsonIgnore] public override PlanItemKind Kind => PlanItemKind.ConfigSecretVersion;
}

/// <summary>roles/cloudtasks.enqueuer on one queue for one member (Pulumi: CloudTasks.QueueIamMember): who may add its tasks.</summary>
public sealed record TasksEnqueuerGrantItem(
    string Name, IReadOnlyList<string> DependsOn, SourceLocation Source, string Role, string Member, string Caller, string Target,
    string Queue, string Location)
    : GrantItem(Name, DependsOn, Source, Role, Member, Caller, Target)
{
    [JsonIgnore] public override PlanItemKind Kind => PlanItemKind.TasksEnqueuerGrant;
}

/// <summary>Read access to one Secret Manager secret for one workload (Pulumi: SecretManager.SecretIamMember).</summary>
public sealed record SecretAccessorGrantItem(
    string Name, IReadOnlyList<string> DependsOn, SourceLocation Source, string Role, string Member, string Caller, string Target,
    string SecretId)
    : GrantItem(Name, DependsOn, Source, Role, Member, Caller, Target)
{
    [JsonIgnore] public override PlanItemKind Kind => PlanItemKind.SecretAccessorGrant;
}

/// <summary>The OIDC token a created caller sends: signed for its own account, for the target's audience.</summary>
public sealed record OidcToken(string ServiceAccountEmail, string Audience);

/// <summary>What every created caller has: its account, its target and the token it sends.</summary>
public abstract record CreatedCallerItem(string Name, IReadOnlyList<string> DependsOn, SourceLocation Source, string Caller, string Target, string ServiceAccount, OidcToken Oidc)
    : PlanItem(Name, DependsOn, Source);

/// <summary>A Cloud Scheduler job with an HTTP target (Pulumi: CloudScheduler.Job).</summary>
public sealed record SchedulerJobItem(
    string Name, IReadOnlyList<string> DependsOn, SourceLocation Source, string Caller, string Target, string ServiceAccount, OidcToken Oidc,
    string JobName, string Region, string Schedule, string TimeZone, string HttpMethod, string Uri)
    : CreatedCallerItem(Name, DependsOn, Source, Caller, Target, ServiceAccount, Oidc)
{
    [JsonIgnore] public override PlanItemKind Kind => PlanItemKind.SchedulerJob;
}

/// <summary>
/// A Pub/Sub push subscription (Pulumi: PubSub.Subscription). <see cref="ExpirationTtl"/> "" means it never
/// expires: without it Google deletes a subscription after 31 idle days (SubscriptionArgs.ExpirationPolicy).
/// </summary>
public sealed record PushSubscriptionItem(
    string Name, IReadOnlyList<string> DependsOn, SourceLocation Source, string Caller, string Target, string ServiceAccount, OidcToken Oidc,
    string SubscriptionName, string Topic, string PushEndpoint, string ExpirationTtl)
    : CreatedCallerItem(Name, DependsOn, Source, Caller, Target, ServiceAccount, Oidc)
{
    [JsonIgnore] public override PlanItemKind Kind => PlanItemKind.PushSubscription;
}

/// <summary>An Eventarc trigger delivering to a Cloud Run service (Pulumi: Eventarc.Trigger).</summary>
public sealed record EventarcTriggerItem(
    string Name, IReadOnlyList<string> DependsOn, SourceLocation Source, string Caller, string Target, string ServiceAccount, OidcToken Oidc,
    string TriggerName, string Location, IReadOnlyList<MatchingCriterion> MatchingCriteria,
    string DestinationService, string DestinationRegion, string DestinationPath)
    : CreatedCallerItem(Name, DependsOn, Source, Caller, Target, ServiceAccount, Oidc)
{
    [JsonIgnore] public override PlanItemKind Kind => PlanItemKind.EventarcTrigger;
}

public sealed record MatchingCriterion(string Attribute, string Value);

/// <summary>
/// A Cloud Tasks queue whose tasks all go to one target (Pulumi: CloudTasks.Queue, queue-level HTTP target).
/// <see cref="Scheme"/> is HTTPS: the override replaces whatever scheme the task's own URL has.
/// </summary>
public sealed record TasksQueueItem(
    string Name, IReadOnlyList<string> DependsOn, SourceLocation Source, string Caller, string Target, string ServiceAccount, OidcToken Oidc,
    string QueueName, string Location, string Scheme, string Host, string Path, double? MaxDispatchesPerSecond, IReadOnlyList<string> Enqueuers)
    : CreatedCallerItem(Name, DependsOn, Source, Caller, Target, ServiceAccount, Oidc)
{
    [JsonIgnore] public override PlanItemKind Kind => PlanItemKind.TasksQueue;
}
