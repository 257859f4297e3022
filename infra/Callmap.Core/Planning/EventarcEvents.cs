namespace Callmap.Planning;

/// <summary>Event types whose triggers need something different (https://cloud.google.com/eventarc/docs/roles-permissions).</summary>
public static class EventarcEvents
{
    /// <summary>Pub/Sub direct events: the trigger's account needs no Event Receiver role for them.</summary>
    public const string PubSubMessagePublished = "google.cloud.pubsub.topic.v1.messagePublished";
}
