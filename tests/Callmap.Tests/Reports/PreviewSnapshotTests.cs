using Callmap.Reports;
using Callmap.Tests.Support;

namespace Callmap.Tests.Reports;

public class PreviewSnapshotTests
{
    private static readonly string DevStack = Path.Combine(RepoPaths.Stacks, "dev.yaml");

    [Theory]
    [InlineData("stacks/dev.yaml", "text")]
    [InlineData("stacks/dev.yaml", "markdown")]
    [InlineData("stacks/prod.yaml", "text")]
    [InlineData("stacks/prod.yaml", "markdown")]
    [InlineData("tests/Callmap.Tests/Maps/every-caller-kind.yaml", "text")]
    [InlineData("tests/Callmap.Tests/Maps/every-caller-kind.yaml", "markdown")]
    public void The_preview_of_a_shipped_map_reads_as_committed(string map, string format)
    {
        var plan = Maps.PlanFile(Path.Combine(RepoPaths.Root, map));
        var name = $"Preview/{Path.GetFileNameWithoutExtension(map)}.{format}";

        if (format == "text") Snapshot.Match(TextPreview.Render(plan), name);
        else Snapshot.Match(MarkdownPreview.Render(plan), name, "md");
    }

    [Fact]
    public void The_preview_names_every_workload_grant_and_matrix_row_of_the_plan()
    {
        var plan = Maps.PlanFile(DevStack);
        var text = TextPreview.Render(plan);

        Assert.All(plan.Matrix.Callers, caller => Assert.Contains(caller, text));
        Assert.All(plan.OfType<Callmap.Planning.WorkloadItem>(), w => Assert.Contains(w.ServiceAccountEmail, text));
        Assert.Contains("✓ = roles/run.servicesInvoker", text);
        Assert.DoesNotContain(text.Split('\n'), line => line.EndsWith(' '));
    }

    [Fact]
    public void A_public_path_holding_brackets_is_previewed_as_written()
    {
        // A path pattern may hold '[' and ']', which Spectre would read as markup (and fail on).
        var plan = Maps.Plan(Maps.Header + """
            edge:
              armor:
                default: { defaultAction: allow, rateLimit: { requests: 300, seconds: 60 } }
            services:
              api:
                run: { image: europe-west1-docker.pkg.dev/acme-shop-test/apps/api:1.0.0 }
                public: { hosts: [api.acme.shop], paths: ["/v1/[id]/*"], auth: in-app }
              web:
                run: { image: europe-west1-docker.pkg.dev/acme-shop-test/apps/web:1.0.0 }
                public: { hosts: [api.acme.shop], auth: in-app }
            """);

        Assert.Contains("  api.acme.shop/v1/[id]/*   api ", TextPreview.Render(plan));
        Assert.Contains("| `api.acme.shop/v1/[id]/*` | `api` |", MarkdownPreview.Render(plan));
    }
}
