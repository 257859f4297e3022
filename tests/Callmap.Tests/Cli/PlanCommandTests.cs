using System.Text.Json;
using Callmap.Tests.Support;

namespace Callmap.Tests.Cli;

public class PlanCommandTests
{
    private static CliRun Callmap(params string[] args) => CallmapCli.Run(args);

    private static string Stack(string name) => Path.Combine(RepoPaths.Stacks, name);

    [Fact]
    public void Plan_prints_the_preview_and_exits_0()
    {
        var run = Callmap("plan", Stack("dev.yaml"));

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("callmap plan · acme-shop-dev", run.Out);
        Assert.Contains("Access matrix", run.Out);
        Assert.Empty(run.Error);
    }

    [Fact]
    public void Plan_as_json_is_the_stable_machine_form()
    {
        var run = Callmap("plan", Stack("dev.yaml"), "--format", "json");

        using var json = JsonDocument.Parse(run.Out);
        Assert.Equal(1, json.RootElement.GetProperty("schemaVersion").GetInt32());
        Assert.Contains(json.RootElement.GetProperty("items").EnumerateArray(),
            i => i.GetProperty("kind").GetString() == "runInvokerGrant" && i.GetProperty("name").GetString() == "invoke/api/orders");
    }

    [Fact]
    public void Plan_as_markdown_is_a_pull_request_comment()
    {
        var run = Callmap("plan", Stack("dev.yaml"), "--format", "markdown");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("## callmap plan: `acme-shop-dev`", run.Out);
        Assert.Contains("| caller | `admin` | `api` | `orders` | `payments` | `receipts` | `screen-signups` |", run.Out);
        Assert.Contains("### Public surface", run.Out);
    }

    [Fact]
    public void A_bad_map_exits_2_with_every_error_on_stderr_and_nothing_on_stdout()
    {
        var run = Callmap("plan", Path.Combine(RepoPaths.Tests, "BadMaps", "many-mistakes.yaml"));

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Out);
        Assert.Contains("BadMaps/many-mistakes.yaml:5:16: error[invalid-name]", run.Error);
        Assert.EndsWith("nothing was planned.\n", run.Error);
    }

    [Fact]
    public void A_missing_map_exits_2_and_says_where_maps_live()
    {
        var run = Callmap("plan", Stack("nope.yaml"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("error[io]", run.Error);
    }

    [Fact]
    public void An_unknown_format_is_a_usage_error_that_exits_2()
    {
        var run = Callmap("plan", Stack("dev.yaml"), "--format", "yaml");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("yaml", run.Error);
        Assert.Contains("callmap --help", run.Error);
        Assert.Empty(run.Out);
    }
}
