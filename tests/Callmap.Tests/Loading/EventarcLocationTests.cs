using Callmap.Tests.Support;

namespace Callmap.Tests.Loading;

/// <summary>
/// Where an Eventarc trigger may live (https://cloud.google.com/eventarc/docs/locations): a Storage
/// trigger where its bucket is, including multi- and dual-regions; any other trigger in a region, or global.
/// </summary>
public class EventarcLocationTests
{
    private static string Map(string caller) => Maps.Header + $$"""
        services:
          hooks: { run: { image: europe-west1-docker.pkg.dev/p/apps/hooks:1 } }
        callers:
          {{caller}}
        """;

    [Theory]
    [InlineData("eu")]
    [InlineData("us")]
    [InlineData("eur4")]
    [InlineData("us-central1")]
    public void A_storage_trigger_accepts_any_bucket_location(string location) =>
        Assert.NotNull(Maps.Valid(Map($"eventarc/up: {{ invokes: hooks, event: google.cloud.storage.object.v1.finalized, filters: {{ bucket: b }}, location: {location} }}")));

    [Theory]
    [InlineData("global")]
    [InlineData("us-central1")]
    public void An_audit_log_trigger_accepts_a_region_or_global(string location) =>
        Assert.NotNull(Maps.Valid(Map($"eventarc/audit: {{ invokes: hooks, event: google.cloud.audit.log.v1.written, location: {location} }}")));

    [Fact]
    public void A_pub_sub_message_trigger_is_refused_with_the_push_subscription_that_delivers_the_topic()
    {
        var error = Assert.Single(Maps.Errors(Map("eventarc/msg: { invokes: hooks, event: google.cloud.pubsub.topic.v1.messagePublished }")));

        Assert.Equal("unsupported-target", error.Code);
        Assert.Equal("push/msg: { invokes: SERVICE, topic: TOPIC }", error.Fix[(error.Fix.IndexOf("push/", StringComparison.Ordinal))..]);
    }

    [Fact]
    public void An_audit_log_trigger_in_a_multi_region_is_refused_at_its_location_with_what_to_write()
    {
        var error = Assert.Single(Maps.Errors(Map("eventarc/audit: { invokes: hooks, event: google.cloud.audit.log.v1.written, location: eu }")));

        Assert.Equal("invalid-value", error.Code);
        Assert.Contains("write a region such as europe-west1", error.Fix);
    }

    [Fact]
    public void Without_a_location_a_non_storage_trigger_plans_in_the_services_region()
    {
        var plan = Maps.Plan(Map("eventarc/audit: { invokes: hooks, event: google.cloud.audit.log.v1.written }"));

        Assert.Equal("europe-west1", ((Callmap.Planning.EventarcTriggerItem)plan["eventarc/audit"]).Location);
    }
}
