namespace Callmap.Planning;

/// <summary>Who may hold a project-level grant: each exception names exactly one kind of member.</summary>
public enum GrantMemberKind
{
    /// <summary>The account of an Eventarc trigger the map creates.</summary>
    EventarcTriggerAccount,
    /// <summary>The project's Cloud Storage service agent, as Storage's API reports it.</summary>
    StorageServiceAgent,
    /// <summary>The one account callmap creates for building the project's functions.</summary>
    FunctionBuildAccount,
}

/// <summary>
/// One named exception to "never grant at project level": the role, the kind of member it is for, why
/// Google leaves no narrower resource to grant it on, and the Google page that says so.
/// </summary>
public sealed record ProjectGrantException(string Id, string Role, GrantMemberKind MemberKind, string Reason, string Source);

/// <summary>
/// The only project-level grants callmap ever plans. Everything else is granted on exactly one resource.
/// The planner takes its project-level grants from this table, and the policy rule
/// <c>project-level-grants</c> flags every project-level grant of a plan that is not one of these with
/// exactly its role and member kind, so no project-level grant is ever silently accepted.
/// </summary>
public static class ProjectGrantExceptions
{
    public const string EventarcEventReceiver = "eventarc-event-receiver";
    public const string StorageAgentPublishesEvents = "storage-agent-publishes-events";
    public const string FunctionBuildWritesLogs = "function-build-writes-logs";
    public const string FunctionBuildPushesImages = "function-build-pushes-images";

    public static IReadOnlyList<ProjectGrantException> All { get; } =
    [
        new(EventarcEventReceiver, "roles/eventarc.eventReceiver", GrantMemberKind.EventarcTriggerAccount,
            "an Eventarc trigger's account must be allowed to receive events; Google offers this role only on the project (no trigger-level IAM), and it holds just eventarc.events.receiveEvent and receiveAuditLogWritten",
            "https://cloud.google.com/eventarc/docs/roles-permissions"),
        new(StorageAgentPublishesEvents, "roles/pubsub.publisher", GrantMemberKind.StorageServiceAgent,
            "Cloud Storage direct events are published by the project's Cloud Storage service agent to a topic Eventarc creates for the trigger, which does not exist before the trigger does; Google grants the agent Pub/Sub Publisher on the project (only pubsub.topics.publish)",
            "https://cloud.google.com/eventarc/docs/roles-permissions"),
        new(FunctionBuildWritesLogs, "roles/logging.logWriter", GrantMemberKind.FunctionBuildAccount,
            "a function's build writes its build logs to Cloud Logging; log entries are written to the project (logging.logEntries.create has no narrower resource)",
            "https://cloud.google.com/functions/docs/securing/build-custom-sa"),
        new(FunctionBuildPushesImages, "roles/artifactregistry.writer", GrantMemberKind.FunctionBuildAccount,
            "a function's build pushes its image to the gcf-artifacts repository, which Cloud Functions creates on the first deploy, so no repository exists to grant on beforehand; Artifact Registry Writer is Google's documented role and is narrower than createOnPushWriter",
            "https://cloud.google.com/functions/docs/securing/build-custom-sa"),
    ];

    public static ProjectGrantException? Find(string id) => All.FirstOrDefault(e => e.Id == id);

    public static ProjectGrantException Get(string id) => Find(id) ?? throw new ArgumentException($"no project-level grant exception '{id}'", nameof(id));
}
