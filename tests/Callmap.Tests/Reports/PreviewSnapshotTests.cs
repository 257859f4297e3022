using Callmap.Reports;
using Callmap.Tests.Support;

namespace Callmap.Tests.Reports;

public class PreviewSnapshotTests
{
    private static readonly string DevStack = Path.Combine(RepoPaths.Stacks, "dev.yaml");
    private static readonly string EveryKind = Path.Combine(RepoPaths.Tests, "Maps", "every-caller-kind.yaml");

    [Fact]
    public void The_text_preview_of_the_dev_stack_reads_as_committed() =>
        Snapshot.Match(TextPreview.Render(Maps.PlanFile(DevStack)), "Preview/dev.text");

    [Fact]
    public void The_markdown_preview_of_the_dev_stack_reads_as_committed() =>
        Snapshot.Match(MarkdownPreview.Render(Maps.PlanFile(DevStack)), "Preview/dev.markdown", "md");

    [Fact]
    public void The_text_preview_of_every_caller_kind_reads_as_committed() =>
        Snapshot.Match(TextPreview.Render(Maps.PlanFile(EveryKind)), "Preview/every-caller-kind.text");

    [Fact]
    public void The_markdown_preview_of_every_caller_kind_reads_as_committed() =>
        Snapshot.Match(MarkdownPreview.Render(Maps.PlanFile(EveryKind)), "Preview/every-caller-kind.markdown", "md");

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
