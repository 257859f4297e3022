using Callmap.Planning;
using Callmap.Policies;
using Callmap.Reports;
using Callmap.Tests.Support;

namespace Callmap.Tests.Policies;

/// <summary>Cloud Run accepts a token for its URL or a custom audience; two services accepting one audience accept each other's tokens.</summary>
public class SharedAudienceTests
{
    private static readonly string Shared = Maps.Header + """
        services:
          orders: { run: { image: gcr.io/x/orders, customAudiences: [https://internal.acme.shop] } }
          payments: { run: { image: gcr.io/x/payments, customAudiences: [https://internal.acme.shop] } }
          refunds: { run: { image: gcr.io/x/refunds, customAudiences: ["https://orders-123456789012.europe-west1.run.app"] } }
          ledger: { run: { image: gcr.io/x/ledger, customAudiences: [https://ledger.internal.acme.shop] } }
        """;

    private static PolicySet Baseline => PolicyLoader.LoadFiles([Path.Combine(RepoPaths.Root, "policies", "baseline.yaml")]).Policies!;

    [Fact]
    public void A_shared_custom_audience_and_another_services_url_as_audience_are_advisory_findings_at_the_listing_service()
    {
        var map = Maps.Valid(Shared);

        var findings = PolicyEngine.Check(new PolicyContext(map, Planner.Create(map)), Baseline).Findings.Where(f => f.RuleId == "distinct-audiences").ToList();

        Assert.Equal([
            ("orders and payments accept the same token audience https://internal.acme.shop", 5, "https://internal.acme.shop"),
            ("orders and refunds accept the same token audience https://orders-123456789012.europe-west1.run.app", 7, "https://orders-123456789012.europe-west1.run.app"),
        ], findings.Select(f => (f.Message, f.At.Line, f.Subject)));
        Assert.All(findings, f => Assert.Equal(PolicyLevel.Advisory, f.Level));
    }

    [Fact]
    public void The_previews_warn_about_every_shared_audience()
    {
        var plan = Planner.Create(Maps.Valid(Shared));

        var md = MarkdownPreview.Render(plan);

        Assert.Contains("> ⚠ orders and payments accept the same token audience https://internal.acme.shop: a token sent to one is accepted by the other, for any caller granted on both", md, StringComparison.Ordinal);
        Assert.Contains("orders and refunds accept the same token audience", md, StringComparison.Ordinal);
        var text = CallmapCli.Run("plan", WriteTemp(Shared)).Out;
        Assert.Contains("⚠ orders and payments accept the same token audience https://internal.acme.shop", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Services_with_their_own_audiences_share_nothing()
    {
        var map = Maps.Valid(File.ReadAllText(Path.Combine(RepoPaths.Root, "tests", "Callmap.Tests", "Maps", "every-caller-kind.yaml")));

        Assert.Empty(SharedAudiences.In(Planner.Create(map)));
    }

    private static string WriteTemp(string text)
    {
        var file = Path.Combine(Path.GetTempPath(), $"callmap-audiences-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(file, text);
        return file;
    }
}
