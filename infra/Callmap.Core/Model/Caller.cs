using Callmap.Diagnostics;

namespace Callmap.Model;

public enum CallerKind
{
    /// <summary>A service of this map, calling with its own service account.</summary>
    Workload,
    ServiceAccount,
    User,
    Group,
    /// <summary>One workload identity federation identity: <c>principal://...</c>.</summary>
    Principal,
    /// <summary>A set of workload identity federation identities: <c>principalSet://...</c>.</summary>
    PrincipalSet,
    /// <summary>A Cloud Scheduler job the map creates, with its own service account.</summary>
    Scheduler,
    /// <summary>A Pub/Sub push subscription the map creates, with its own service account.</summary>
    PubSubPush,
    /// <summary>An Eventarc trigger the map creates, with its own service account.</summary>
    Eventarc,
    /// <summary>A Cloud Tasks queue the map creates, with its own service account.</summary>
    CloudTasks,
}

/// <summary>
/// One entry under <c>callers:</c>. <see cref="Key"/> is the key as written (normalised to lower case
/// for e-mail members, which IAM compares without case).
/// </summary>
public sealed record Caller(string Key, SourceLocation At, CallerKind Kind, IReadOnlyList<Located<string>> Targets, CallerSettings? Settings)
{
    /// <summary>True for the callers the map creates (job, subscription, trigger, queue) along with their account.</summary>
    public bool IsCreatedByMap => Kind is CallerKind.Scheduler or CallerKind.PubSubPush or CallerKind.Eventarc or CallerKind.CloudTasks;

    /// <summary>The name after the <c>kind/</c> prefix for created callers; the key otherwise.</summary>
    public string Name => IsCreatedByMap ? Key[(Key.IndexOf('/') + 1)..] : Key;
}

/// <summary>The settings of a caller the map creates.</summary>
public abstract record CallerSettings(string Path);

public sealed record SchedulerSettings(string Schedule, string TimeZone, string Path, string HttpMethod) : CallerSettings(Path);

public sealed record PushSettings(string Topic, string Path) : CallerSettings(Path);

/// <summary>
/// An Eventarc trigger's event and filters; <see cref="Location"/> is where the trigger lives when the
/// map says so (required for Cloud Storage events: the bucket's location), the service's region otherwise.
/// </summary>
public sealed record EventarcSettings(string EventType, IReadOnlyList<EventFilter> Filters, string Path, Located<string>? Location = null)
    : CallerSettings(Path)
{
    /// <summary>Cloud Storage direct events: google.cloud.storage.object.v1.finalized, .deleted, .archived, .metadataUpdated.</summary>
    public const string StorageEventPrefix = "google.cloud.storage.object.v1.";

    public bool IsStorageEvent => EventType.StartsWith(StorageEventPrefix, StringComparison.Ordinal);
}

public sealed record EventFilter(string Attribute, string Value);

/// <summary>
/// A Cloud Tasks queue. <see cref="Enqueuers"/> are who may add tasks to it (roles/cloudtasks.enqueuer on
/// the queue): services of the map (their own accounts) or IAM members. A queue nobody can fill does nothing.
/// </summary>
public sealed record TasksSettings(string Path, double? MaxDispatchesPerSecond, IReadOnlyList<Located<string>> Enqueuers) : CallerSettings(Path);
