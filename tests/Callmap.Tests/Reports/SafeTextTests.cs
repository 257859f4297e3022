using Callmap.Diff;
using Callmap.Planning;
using Callmap.Policies;
using Callmap.Reports;
using Callmap.Tests.Support;

namespace Callmap.Tests.Reports;

/// <summary>Map strings and token claims cannot hide lines in a rendered PR comment or act on a terminal.</summary>
public class SafeTextTests
{
    private const string Hiding = "group:x@acme.shop\n<!--";
    private const string Esc = "\u001b[2J\u001b]0;owned\u0007";

    private static AccessDiff FourRisks(string hidingText) => new(
    [
        new AccessChange(ChangeKind.Widened, $"{hidingText} may now invoke orders"),
        new AccessChange(ChangeKind.Widened, "api may now invoke admin"),
        new AccessChange(ChangeKind.NewPublicSurface, "admin became public"),
        new AccessChange(ChangeKind.RemovedProtection, "rate limit on /v1/login raised --> "),
    ], Planner.Create(Maps.Valid(Maps.Header + "services:\n  orders: { run: { image: gcr.io/x/orders } }\n")),
       Planner.Create(Maps.Valid(Maps.Header + "services:\n  orders: { run: { image: gcr.io/x/orders } }\n")));

    [Fact]
    public void A_change_holding_a_newline_and_an_html_comment_cannot_hide_the_other_risks_in_diff_markdown()
    {
        var md = DiffReport.Markdown(FourRisks(Hiding), "stacks/dev.yaml\n<!--");

        Assert.DoesNotContain(md.Split('\n'), l => l.TrimStart().StartsWith("<!--", StringComparison.Ordinal));
        Assert.Contains("## callmap diff: `stacks/dev.yaml <!--`", md, StringComparison.Ordinal);   // literal inside a code span
        Assert.Equal(4, md.Split('\n').Count(l => l.StartsWith("- **", StringComparison.Ordinal)));
        Assert.Contains("group:x@acme.shop \\<\\!-- may now invoke orders", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_markdown_escapes_finding_messages_subjects_and_waiver_reasons()
    {
        var finding = new Finding("people-invokers", PolicyLevel.Mandatory, new Diagnostics.SourceLocation("m.yaml", 3, 3), $"{Hiding} may invoke api", "fix", $"{Hiding} on api");
        var waiver = new Model.Waiver("people-invokers", "`x` | y", "until\n<!-- hidden", new DateOnly(2026, 12, 1), new Diagnostics.SourceLocation("m.yaml", 9, 5));
        var rule = BuiltInRules.All.Single(r => r.Id == "people-invokers");
        var result = new CheckResult([finding], [(rule, PolicyLevel.Mandatory)], [], [waiver]);

        var md = CheckReport.Markdown(result, "m.yaml", ["p.yaml"]);

        Assert.DoesNotContain(md.Split('\n'), l => l.TrimStart().StartsWith("<!--", StringComparison.Ordinal));
        Assert.Contains("group:x@acme.shop \\<\\!-- may invoke api", md, StringComparison.Ordinal);
        Assert.Contains("until \\<\\!-- hidden", md, StringComparison.Ordinal);
        Assert.Contains("| `` `x` \\| y `` |", md, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("group:a|b@acme.shop", "`group:a\\|b@acme.shop`")]
    [InlineData("a`b", "``a`b``")]
    [InlineData("`x`", "`` `x` ``")]
    [InlineData("two\nlines", "`two lines`")]
    public void A_code_span_holds_any_value_on_one_line_and_one_table_cell(string value, string span) =>
        Assert.Equal(span, SafeText.Code(value));

    [Theory]
    [InlineData("a\u001b[31mred", "a\\u{001b}[31mred")]
    [InlineData("bell\u0007", "bell\\u{0007}")]
    [InlineData("c1\u009b2J", "c1\\u{009b}2J")]
    [InlineData("rtl\u202eevil", "rtl\\u{202e}evil")]
    [InlineData("line\nnext\ttab", "line\nnext\ttab")]
    public void Terminal_text_shows_control_characters_instead_of_obeying_them(string raw, string shown) =>
        Assert.Equal(shown, SafeText.Terminal(raw));

    [Fact]
    public void Explain_token_prints_escape_sequences_in_claims_as_text_not_as_terminal_commands()
    {
        var token = $"{Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode("""{"alg":"RS256"}""")}."
            + Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode($$"""{"iss":"https://evil.example{{System.Text.Json.JsonEncodedText.Encode(Esc)}}","sub":"1","aud":"x","exp":1}""") + ".c2ln";

        var run = CallmapCli.Run("explain-token", token, "--service", "orders", "--map", Path.Combine(RepoPaths.Stacks, "dev.yaml"));

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain('\u001b', run.Out);
        Assert.DoesNotContain('\u0007', run.Out);
        Assert.Contains("https://evil.example\\u{001b}[2J", run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_text_preview_shows_an_escape_sequence_in_a_map_string_as_text_on_a_terminal_and_in_a_log(bool redirected)
    {
        var file = Path.Combine(Path.GetTempPath(), $"callmap-esc-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(file, Maps.Header + "services:\n  orders: { run: { image: gcr.io/x/orders, env: { GREETING: \"hi\\e[2J\\e]0;owned\\a\" } } }\n");
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var console = Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings
        {
            Ansi = Spectre.Console.AnsiSupport.No,
            Out = new Spectre.Console.AnsiConsoleOutput(stdout),
        });

        var exit = Callmap.Cli.CallmapCommand.Run(["plan", file], new Callmap.Cli.Terminal(console, stdout, stderr, IsRedirected: redirected));
        File.Delete(file);

        Assert.Equal(0, exit);
        Assert.DoesNotContain('\u001b', stdout.ToString());
        Assert.DoesNotContain('\u0007', stdout.ToString());
        Assert.Contains("hi\\u{001b}[2J", stdout.ToString(), StringComparison.Ordinal);
    }
}
