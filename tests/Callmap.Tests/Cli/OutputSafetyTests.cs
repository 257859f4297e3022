using System.Text.Json;
using Callmap.Tests.Support;

namespace Callmap.Tests.Cli;

/// <summary>Map strings reach terminals, CI logs and XML reports: none of them may act there.</summary>
public sealed class OutputSafetyTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("callmap-output-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Map(string waiverReason) => Write("map.yaml", $$"""
        project: acme-shop-prod
        projectNumber: "234567890123"
        region: europe-west1
        services:
          orders: { run: { image: europe-west1-docker.pkg.dev/acme-shop-prod/apps/api:1.4.2 } }
        callers:
          user:bob@acme.shop: [orders]
        waivers:
          - { rule: people-invokers, subject: "user:bob@acme.shop on orders", reason: "{{waiverReason}}", expires: 2099-12-31 }
        """);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static string Baseline => Path.Combine(RepoPaths.Root, "policies", "baseline.yaml");

    [Fact]
    public void A_control_character_in_a_map_string_is_shown_escaped_in_junit_instead_of_breaking_the_xml()
    {
        var run = CallmapCli.Run("check", Map("\\e[2J"), "--policy", Baseline, "--format", "junit");

        Assert.NotEqual(70, run.ExitCode);
        var xml = System.Xml.Linq.XDocument.Parse(run.Out);
        Assert.Contains("\\u{001b}[2J", xml.ToString());
    }

    [Fact]
    public void A_map_string_cannot_start_an_output_line_as_a_ci_workflow_command()
    {
        // GitHub Actions runs "::error::", "::add-mask::" and "::stop-commands::" found at the start of any log line.
        var run = CallmapCli.Run("check", Map("ok\\n::notice::fake all clear\\n##[error]fake"), "--policy", Baseline);

        var lines = (run.Out + run.Error).Split('\n');
        Assert.DoesNotContain(lines, l => l.StartsWith("::", StringComparison.Ordinal) || l.StartsWith("##[", StringComparison.Ordinal));
        // The reason stays on its waiver's line, its newlines shown.
        Assert.Contains(lines, l => l.Contains("ok\\u{000a}::notice::fake all clear\\u{000a}\\u{0023}#[error]fake", StringComparison.Ordinal));
    }

    /// <summary>JSON escapes what a terminal would obey, so the document stays valid and gives the map's string back exactly.</summary>
    [Fact]
    public void Control_and_direction_characters_in_a_map_string_are_json_escapes_in_the_plan_and_in_sarif()
    {
        // YAML escapes: ESC, RIGHT-TO-LEFT OVERRIDE, isolates, LINE SEPARATOR, NEXT LINE (C1), BEL, and a workflow command on a line of its own.
        const string Hostile = @"ok\e[2J\u202Egnp.exe\u2066x\u2069\u2028\u0085\a\n::error::pwned\n##[error]fake";
        const string Expected = "ok\u001b[2J\u202Egnp.exe\u2066x\u2069\u2028\u0085\u0007\n::error::pwned\n##[error]fake";
        var map = Write("hostile.yaml", $$"""
            project: acme-shop-prod
            projectNumber: "234567890123"
            region: europe-west1
            services:
              orders: { run: { image: europe-west1-docker.pkg.dev/acme-shop-prod/apps/api:1.4.2, env: { GREETING: "{{Hostile}}" } } }
            callers:
              user:bob@acme.shop: [orders]
            waivers:
              - { rule: people-invokers, subject: "user:bob@acme.shop on orders", reason: "{{Hostile}}", expires: 2099-12-31 }
            """);

        var plan = CallmapCli.Run("plan", map, "--format", "json");
        var sarif = CallmapCli.Run("check", map, "--policy", Baseline, "--format", "sarif");

        Assert.Equal(0, plan.ExitCode);
        var env = JsonDocument.Parse(plan.Out).RootElement.GetProperty("items").EnumerateArray()
            .Single(i => i.GetProperty("kind").GetString() == "runService").GetProperty("env").EnumerateArray()
            .Single(e => e.GetProperty("name").GetString() == "GREETING");
        Assert.Equal(Expected, env.GetProperty("value").GetString());
        var justification = JsonDocument.Parse(sarif.Out).RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Single(r => r.TryGetProperty("suppressions", out _)).GetProperty("suppressions")[0].GetProperty("justification").GetString();
        Assert.StartsWith(Expected + " (waived until", justification, StringComparison.Ordinal);
        foreach (var output in new[] { plan.Out, sarif.Out })
        {
            Assert.DoesNotContain(output, c => c is '\u001b' or '\u0007' or '\u0085' or '\u2028' || c is >= '\u202a' and <= '\u202e' || c is >= '\u2066' and <= '\u2069');
            Assert.DoesNotContain(output.Split('\n'), l => l.StartsWith("::", StringComparison.Ordinal) || l.StartsWith("##[", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Output_written_a_piece_at_a_time_is_made_as_safe_as_output_written_whole()
    {
        // Previews reach the writer in pieces (a line's parts, a character at a time): "##[" split over
        // three writes, and an escape sequence, must still not act on a CI log or a terminal.
        string[] pieces = ["ok\n", "#", "#", "[error]fake\n", ":", ":notice::x\n", "##", "nothing\n", "\u001b[2J", "#"];
        const string shown = "ok\n\\u{0023}#[error]fake\n\\u{003a}:notice::x\n##nothing\n\\u{001b}[2J#";

        Assert.Equal(shown, Safe([string.Concat(pieces)]));
        Assert.Equal(shown, Safe(pieces));
        Assert.Equal(shown, Safe(string.Concat(pieces).Select(c => c.ToString())));
    }

    private static string Safe(IEnumerable<string> pieces)
    {
        var output = new StringWriter();
        var safe = new Callmap.Cli.SafeWriter(output);
        foreach (var piece in pieces) safe.Write(piece);
        safe.Flush();
        return output.ToString();
    }

    [Fact]
    public void A_map_string_cannot_add_a_line_that_reads_like_the_check_verdict()
    {
        // Found by an attack: a waiver reason with a newline printed a fake "all passed" line in the check report.
        var run = CallmapCli.Run("check", Map("ok\\n0 mandatory violations, 0 advisory findings, 15 of 15 rules passed."), "--policy", Baseline);

        var verdicts = run.Out.Split('\n').Where(l => l.Contains("mandatory violation", StringComparison.Ordinal)).ToList();
        Assert.Single(verdicts, l => !l.Contains("\\u{000a}", StringComparison.Ordinal));
        Assert.Contains(verdicts, l => l.Contains("ok\\u{000a}0 mandatory violations", StringComparison.Ordinal));
    }

    [Fact]
    public void An_env_value_with_newlines_stays_on_its_line_in_the_preview()
    {
        var map = Write("env.yaml", Maps.Header + """
            services:
              orders: { run: { image: europe-west1-docker.pkg.dev/acme-shop-dev/apps/api:1.4.2, env: { NOTE: "one\n  ::error::forged\ntwo" } } }
            """);

        var run = CallmapCli.Run("plan", map);

        Assert.Contains(run.Out.Split('\n'), l => l.Contains("NOTE=one\\u{000a}  ::error::forged\\u{000a}two", StringComparison.Ordinal));
        Assert.DoesNotContain(run.Out.Split('\n'), l => l.TrimStart().StartsWith("::", StringComparison.Ordinal));
    }

    [Fact]
    public void A_time_zone_that_is_not_a_tz_name_is_refused_where_it_is_written()
    {
        var map = Write("tz.yaml", """
            project: acme-shop-prod
            projectNumber: "234567890123"
            region: europe-west1
            services:
              orders: { run: { image: europe-west1-docker.pkg.dev/acme-shop-prod/apps/api:1.4.2 } }
            callers:
              schedule/nightly: { invokes: orders, schedule: "0 3 * * *", timeZone: "Europe/Berlin\n::error::pwned" }
            """);

        var run = CallmapCli.Run("plan", map);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("tz.yaml:7:", run.Error);
        Assert.Contains("is not a time zone name", run.Error);
    }
}
