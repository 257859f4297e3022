using Callmap.Cli;

namespace Callmap.Tests.Cli;

/// <summary>
/// What reaches a terminal or CI log however a command happens to split its writes: hidden characters shown
/// escaped, no line starting a workflow command, and nothing held back lost.
/// </summary>
public class SafeWriterTests
{
    private static string Through(params string[] writes)
    {
        var output = new StringWriter();
        var safe = new SafeWriter(output);
        foreach (var write in writes) safe.Write(write);
        safe.Flush();
        return output.ToString();
    }

    [Fact]
    public void A_workflow_command_split_across_writes_is_still_neutralised()
    {
        Assert.Equal("ok\n\\u{0023}#[error]fake\n", Through("ok\n#", "#", "[error]fake\n"));
        Assert.Equal("\\u{003a}:notice::x", Through(":", ":notice::x"));
    }

    [Fact]
    public void A_workflow_command_written_one_character_at_a_time_is_neutralised()
    {
        var output = new StringWriter();
        var safe = new SafeWriter(output);
        foreach (var c in "a\n##[group]x\n::add-mask::y") safe.Write(c);
        safe.Flush();

        Assert.Equal("a\n\\u{0023}#[group]x\n\\u{003a}:add-mask::y", output.ToString());
    }

    [Fact]
    public void Hashes_that_do_not_become_a_workflow_command_are_written_as_they_are()
    {
        Assert.Equal("## Heading\n#", Through("#", "# Heading\n", "#"));
    }

    [Fact]
    public void Hidden_characters_anywhere_in_a_long_text_are_shown_escaped_and_the_rest_is_unchanged()
    {
        var text = new string('x', 100_000) + "\u001b[2J" + new string('y', 100_000) + "\u202e\r\tz";

        var shown = Through(text);

        Assert.Equal(new string('x', 100_000) + "\\u{001b}[2J" + new string('y', 100_000) + "\\u{202e}\\u{000d}\tz", shown);
    }

    [Fact]
    public void Many_lines_in_one_write_each_keep_their_own_line_start_check()
    {
        var lines = Enumerable.Range(0, 1000).Select(i => i % 100 == 0 ? $"::warning::{i}" : $"line {i}\u0007").ToList();

        var shown = Through(string.Join("\n", lines)).Split('\n');

        Assert.Equal(1000, shown.Length);
        Assert.All(shown.Where((_, i) => i % 100 == 0), l => Assert.StartsWith("\\u{003a}:warning::", l));
        Assert.All(shown.Where((_, i) => i % 100 != 0), l => Assert.EndsWith("\\u{0007}", l));
    }

    [Theory]
    [InlineData("  ::error::indented", "  \\u{003a}:error::indented")]
    [InlineData("\t\u00a0::warning::after a tab and a no-break space", "\t\u00a0\\u{003a}:warning::after a tab and a no-break space")]
    [InlineData("x ##[error]mid-line", "x \\u{0023}#[error]mid-line")]
    [InlineData("###[group]three", "\\u{0023}\\u{0023}#[group]three")]
    [InlineData("# a heading, #[one] and ## two", "# a heading, #[one] and ## two")]
    [InlineData("ok: a colon after text", "ok: a colon after text")]
    public void No_line_can_carry_a_workflow_command_where_the_actions_runner_looks_for_one(string written, string shown)
    {
        // actions/runner: "::cmd::" after the line's leading whitespace (TrimStart), "##[cmd]" anywhere in the line.
        Assert.Equal(shown, Through(written));
        Assert.Equal($"first line\n{shown}", Through("first line\n", written));
    }

    [Fact]
    public void A_mid_line_workflow_marker_split_across_writes_is_still_neutralised()
    {
        Assert.Equal("x \\u{0023}#[error]y", Through("x #", "#", "[error]y"));
        Assert.Equal("x ##", Through("x ##"));
    }
}
