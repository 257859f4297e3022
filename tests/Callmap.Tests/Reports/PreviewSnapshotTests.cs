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
}
