using Callmap.Benchmarks;
using Callmap.Loading;
using Callmap.Planning;
using Callmap.Reports;
using Callmap.Tests.Support;

namespace Callmap.Tests.Reports;

/// <summary>The previews of a 2,000-service map: what a reviewer sees first, and the matrix in counts instead of a 2,000-column table.</summary>
public class LargeMapPreviewTests
{
    private const int ScreenLines = 50;

    private static readonly Lazy<Plan> Plan2000 = new(() =>
        Planner.Create(AccessMapLoader.Load("synthetic-2000.yaml", SyntheticMap.Generate(2_000, 20_000)).Map!));

    [Fact]
    public void The_first_screen_of_the_text_preview_of_a_2000_service_map_reads_as_committed()
    {
        var lines = TextPreview.Render(Plan2000.Value).Split('\n');

        Snapshot.Match(string.Join('\n', lines.Take(ScreenLines)) + "\n", "Preview/synthetic-2000.first-screen");
    }

    [Fact]
    public void The_text_preview_of_a_2000_service_map_shows_the_matrix_as_counts_and_says_where_the_full_matrix_is()
    {
        var text = TextPreview.Render(Plan2000.Value);
        var matrix = text[text.IndexOf("── Access matrix", StringComparison.Ordinal)..];

        Snapshot.Match(matrix, "Preview/synthetic-2000.matrix");
        Assert.Contains("--format json", matrix);
        Assert.All(text.Split('\n'), line => Assert.True(line.Length <= 120, $"a line wider than the terminal: {line}"));
    }

    [Fact]
    public void The_markdown_preview_of_a_2000_service_map_has_no_table_wider_than_four_columns_and_no_graph()
    {
        var markdown = MarkdownPreview.Render(Plan2000.Value);
        var matrix = markdown[markdown.IndexOf("### Access matrix", StringComparison.Ordinal)..];

        Snapshot.Match(matrix, "Preview/synthetic-2000.matrix", "md");
        Assert.DoesNotContain(markdown.Split('\n'), line => line.Count(c => c == '|') > 5);
        Assert.DoesNotContain("```mermaid", markdown);
    }

    [Fact]
    public void A_map_within_the_table_limits_keeps_its_matrix_as_a_table()
    {
        var plan = Planner.Create(AccessMapLoader.Load("synthetic-12.yaml", SyntheticMap.Generate(MatrixOverview.MaxTableServices, 24)).Map!);

        Assert.True(MatrixOverview.FitsAsTable(plan.Matrix));
        Assert.Contains("  caller ", TextPreview.Render(plan));
        Assert.DoesNotContain("too many for a table", MarkdownPreview.Render(plan));
    }
}
