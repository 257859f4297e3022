using Callmap.Tests.Support;

namespace Callmap.Tests.Cli;

/// <summary>A wrong word for --format or --fail-on is answered with the words accepted, never with a .NET type.</summary>
public class FormatOptionTests
{
    private static readonly string Dev = Path.Combine(RepoPaths.Stacks, "dev.yaml");

    [Fact]
    public void A_bad_format_names_the_accepted_values_of_each_command_and_exits_2()
    {
        var runs = new[]
        {
            CallmapCli.Run("plan", Dev, "--format", "xml"),
            CallmapCli.Run("check", Dev, "--format", "html"),
            CallmapCli.Run("graph", Dev, "-f", "svg"),
            CallmapCli.Run("diff", Dev, Dev, "--format", "json"),
            CallmapCli.Run("diff", Dev, Dev, "--fail-on", "always"),
        };

        Assert.All(runs, r => Assert.Equal(2, r.ExitCode));
        Assert.All(runs, r => Assert.DoesNotContain("Callmap.Cli", r.Error));
        Snapshot.Match(string.Concat(runs.Select(r => r.Error)), "Cli/bad-format");
    }

    [Theory]
    [InlineData("plan", "JSON", "\"schemaVersion\": 1")]
    [InlineData("graph", "dot", "digraph access {")]
    [InlineData("check", "Sarif", "\"version\": \"2.1.0\"")]
    public void Format_words_are_accepted_in_any_case(string command, string format, string expected) =>
        Assert.Contains(expected, CallmapCli.Run(command, Dev, "--format", format).Out);
}
