using System.Text;
using Callmap.PulumiStacks;
using Callmap.Tests.Support;

namespace Callmap.Tests.PulumiStacks;

public class StackReaderTests
{
    private static (IReadOnlyList<PulumiResource>? Resources, IReadOnlyList<Callmap.Diagnostics.Diagnostic> Errors) Read(string json, PulumiDocument kind, PulumiReadLimits? limits = null) =>
        PulumiStackReader.Read(Encoding.UTF8.GetBytes(json), "stack.json", kind, limits);

    private static StackFacts Facts(string fixture, PulumiDocument kind)
    {
        var path = Path.Combine(RepoPaths.Tests, "PulumiStacks", "Fixtures", fixture);
        var (resources, errors) = PulumiStackReader.ReadFile(path, fixture, kind);
        Assert.Empty(errors);
        return StackFactsBuilder.From(fixture, kind, resources!);
    }

    [Fact]
    public void Only_gcp_resources_are_read_and_the_stack_and_its_providers_are_skipped()
    {
        var facts = Facts("cloudrun-v1.state.json", PulumiDocument.State);

        Assert.All(facts.Resources, r => Assert.StartsWith("gcp:", r.Type));
        Assert.Equal(8, facts.Resources.Count);
    }

    [Fact]
    public void Cloud_run_v1_ingress_comes_from_its_annotation_and_a_service_without_one_gets_the_documented_default_all()
    {
        // gcp-facts.md: Cloud Run ingress values; the provider's default for a service that sets none is all traffic.
        var facts = Facts("cloudrun-v1.state.json", PulumiDocument.State);

        Assert.Equal("all", facts.Workloads.Single(w => w.Name.Text == "storefront").Ingress.Text);
        Assert.Equal("internal", facts.Workloads.Single(w => w.Name.Text == "inventory").Ingress.Text);
        Assert.Equal(WorkloadKind.CloudRunV1, facts.Workloads.Single(w => w.Name.Text == "inventory").Kind);
    }

    [Fact]
    public void A_binding_yields_one_grant_per_member_and_a_policy_one_per_member_of_each_binding()
    {
        var facts = Facts("iam-bindings.preview.json", PulumiDocument.Preview);

        Assert.Equal(["serviceAccount:frontend@catalog-staging.iam.gserviceaccount.com", "allAuthenticatedUsers"],
            facts.Grants.Where(g => g.Resource.LogicalName == "search-invokers").Select(g => g.Member.Text));
        Assert.All(facts.Grants.Where(g => g.Resource.LogicalName == "search-invokers"), g => Assert.Equal(GrantMode.Binding, g.Mode));
        var policy = Assert.Single(facts.Grants, g => g.Resource.LogicalName == "reports-policy");
        Assert.Equal((GrantMode.Policy, "roles/run.invoker", "reports"), (policy.Mode, policy.Role.Text, policy.TargetName.Text));
    }

    [Fact]
    public void Unknown_references_are_followed_through_property_dependencies_to_the_resource_of_the_same_stack()
    {
        var facts = Facts("clean.preview.json", PulumiDocument.Preview);

        var backend = Assert.Single(facts.Backends);
        Assert.Equal("bookings-edge", backend.Armor?.Name.Text);
        Assert.Equal("web", Assert.Single(backend.Workloads).Name.Text);
        Assert.Equal("TLS_1_2", Assert.Single(facts.HttpsListeners).MinTlsVersion.Text);
        Assert.True(Assert.Single(facts.HttpListeners).OnlyRedirects);
        Assert.Equal(3, facts.Workloads.Select(w => w.RuntimeAccountUrn).Distinct().Count(u => u is not null));
    }

    [Fact]
    public void The_unknown_sentinel_is_unknown_and_never_a_value()
    {
        var facts = Facts("unknowns.preview.json", PulumiDocument.Preview);

        Assert.True(facts.Grants.Single(g => g.Resource.LogicalName == "partner-calls-checkout").Member.IsUnknown);
        Assert.True(facts.Workloads.Single(w => w.Name.Text == "ledger").RuntimeAccount.IsUnknown);
        Assert.False(facts.Workloads.Single(w => w.Name.Text == "checkout").RuntimeAccount.IsUnknown);
    }

    [Fact]
    public void Each_resource_is_located_at_its_urn_in_the_file()
    {
        var json = "{\"version\":3,\"deployment\":{\"resources\":[\n  {\"urn\": \"urn:pulumi:s::p::gcp:serviceaccount/key:Key::k\", \"type\": \"gcp:serviceaccount/key:Key\"}\n]}}";
        var (resources, _) = Read(json, PulumiDocument.State);

        Assert.Equal("stack.json:2:11", Assert.Single(resources!).At.ToString());
    }

    [Fact]
    public void A_file_over_the_byte_limit_is_refused_before_parsing()
    {
        var (resources, errors) = Read("{\"steps\":[]}", PulumiDocument.Preview, PulumiReadLimits.Default with { MaxBytes = 5 });

        Assert.Null(resources);
        Assert.Equal("limit", Assert.Single(errors).Code);
    }

    [Fact]
    public void More_resources_than_the_limit_are_refused_with_how_to_split_the_stack()
    {
        var (resources, errors) = Read("{\"steps\":[{},{},{}]}", PulumiDocument.Preview, PulumiReadLimits.Default with { MaxResources = 2 });

        Assert.Null(resources);
        Assert.Contains("--target", Assert.Single(errors).Fix);
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_a_located_error_not_a_crash()
    {
        var json = "{\"steps\":" + new string('[', 200) + new string(']', 200) + "}";
        var (resources, errors) = Read(json, PulumiDocument.Preview);

        Assert.Null(resources);
        Assert.Equal("syntax", Assert.Single(errors).Code);
        Assert.Equal(1, errors[0].At.Line);
    }

    [Fact]
    public void A_resource_without_a_type_is_a_located_error()
    {
        var (resources, errors) = Read("{\"version\":3,\"deployment\":{\"resources\":[{\"urn\":\"urn:pulumi:s::p::x::y\"}]}}", PulumiDocument.State);

        Assert.Null(resources);
        Assert.Contains("without \"type\"", Assert.Single(errors).Message);
    }
}
