using Callmap.Planning;
using Pulumi;
using Gcp = Pulumi.Gcp;

namespace Callmap.Deploy;

/// <summary>The callers the map creates: each sends an OIDC token signed for its own account, for its target's audience.</summary>
internal static class Callers
{
    public static CustomResource Scheduler(SchedulerJobItem item, Declared d) =>
        new Gcp.CloudScheduler.Job(item.Name, new Gcp.CloudScheduler.JobArgs
        {
            Name = item.JobName,
            Region = item.Region,
            Schedule = item.Schedule,
            TimeZone = item.TimeZone,
            HttpTarget = new Gcp.CloudScheduler.Inputs.JobHttpTargetArgs
            {
                HttpMethod = item.HttpMethod,
                Uri = item.Uri,
                OidcToken = new Gcp.CloudScheduler.Inputs.JobHttpTargetOidcTokenArgs
                {
                    ServiceAccountEmail = item.Oidc.ServiceAccountEmail,
                    Audience = item.Oidc.Audience,
                },
            },
        }, d.Options(item));

    public static CustomResource Push(PushSubscriptionItem item, Declared d) =>
        new Gcp.PubSub.Subscription(item.Name, new Gcp.PubSub.SubscriptionArgs
        {
            Name = item.SubscriptionName,
            Topic = item.Topic,
            ExpirationPolicy = new Gcp.PubSub.Inputs.SubscriptionExpirationPolicyArgs { Ttl = item.ExpirationTtl },
            PushConfig = new Gcp.PubSub.Inputs.SubscriptionPushConfigArgs
            {
                PushEndpoint = item.PushEndpoint,
                OidcToken = new Gcp.PubSub.Inputs.SubscriptionPushConfigOidcTokenArgs
                {
                    ServiceAccountEmail = item.Oidc.ServiceAccountEmail,
                    Audience = item.Oidc.Audience,
                },
            },
        }, d.Options(item));

    /// <summary>Eventarc has no audience setting: it asks for a token for the destination service's URL (the plan's audience says so).</summary>
    public static CustomResource Eventarc(EventarcTriggerItem item, Declared d) =>
        new Gcp.Eventarc.Trigger(item.Name, new Gcp.Eventarc.TriggerArgs
        {
            Name = item.TriggerName,
            Location = item.Location,
            ServiceAccount = item.Oidc.ServiceAccountEmail,
            MatchingCriterias = item.MatchingCriteria
                .Select(c => new Gcp.Eventarc.Inputs.TriggerMatchingCriteriaArgs { Attribute = c.Attribute, Value = c.Value }).ToList(),
            Destination = new Gcp.Eventarc.Inputs.TriggerDestinationArgs
            {
                CloudRunService = new Gcp.Eventarc.Inputs.TriggerDestinationCloudRunServiceArgs
                {
                    Service = item.DestinationService,
                    Region = item.DestinationRegion,
                    Path = item.DestinationPath,
                },
            },
        }, d.Options(item));

    /// <summary>A queue-level HTTP target: every task goes to the target's host and path, whatever URL the code gives it.</summary>
    public static CustomResource Tasks(TasksQueueItem item, Declared d) =>
        new Gcp.CloudTasks.Queue(item.Name, new Gcp.CloudTasks.QueueArgs
        {
            Name = item.QueueName,
            Location = item.Location,
            HttpTarget = new Gcp.CloudTasks.Inputs.QueueHttpTargetArgs
            {
                UriOverride = new Gcp.CloudTasks.Inputs.QueueHttpTargetUriOverrideArgs
                {
                    Scheme = item.Scheme,
                    Host = item.Host,
                    PathOverride = new Gcp.CloudTasks.Inputs.QueueHttpTargetUriOverridePathOverrideArgs { Path = item.Path },
                },
                OidcToken = new Gcp.CloudTasks.Inputs.QueueHttpTargetOidcTokenArgs
                {
                    ServiceAccountEmail = item.Oidc.ServiceAccountEmail,
                    Audience = item.Oidc.Audience,
                },
            },
            RateLimits = Inputs.Optional(item.MaxDispatchesPerSecond is { } rate
                ? new Gcp.CloudTasks.Inputs.QueueRateLimitsArgs { MaxDispatchesPerSecond = rate }
                : null),
        }, d.Options(item));
}
