using Callmap.Tests.Support;

namespace Callmap.Tests.Cli;

public class ToolCommandsTests
{
    private static CliRun Callmap(params string[] args) => CallmapCli.Run(args);

    private static readonly string Dev = Path.Combine(RepoPaths.Stacks, "dev.yaml");

    [Fact]
    public void Graph_prints_mermaid_by_default_and_dot_on_request()
    {
        Assert.StartsWith("flowchart LR\n", Callmap("graph", Dev).Out);
        Assert.StartsWith("digraph access {", Callmap("graph", Dev, "--format", "dot").Out);
    }

    [Fact]
    public void How_to_call_answers_an_edge_and_refuses_one_the_map_lacks_with_exit_2()
    {
        var ok = Callmap("how-to-call", "api", "orders", "--map", Dev);
        Assert.Equal(0, ok.ExitCode);
        Assert.StartsWith("How api calls orders", ok.Out);

        var refused = Callmap("how-to-call", "payments", "orders", "--map", Dev);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("add under callers: payments: [orders]", refused.Error);
    }

    [Fact]
    public void Explain_token_reads_a_file_refuses_non_tokens_and_unknown_services()
    {
        var file = Path.GetTempFileName();
        File.WriteAllText(file, "ya29.a0AfB_byC3xQexample\n");
        var fromFile = Callmap("explain-token", file, "--service", "orders", "--map", Dev);
        Assert.Equal(0, fromFile.ExitCode);
        Assert.Contains("Google OAuth 2.0 access token", fromFile.Out);
        Assert.StartsWith("Decoded offline: the signature is NOT verified.", fromFile.Out);

        Assert.Equal(2, Callmap("explain-token", "hello", "--service", "orders", "--map", Dev).ExitCode);
        var unknown = Callmap("explain-token", "ya29.x", "--service", "ordrs", "--map", Dev);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("did you mean 'orders'?", unknown.Error);
        File.Delete(file);
    }
}
