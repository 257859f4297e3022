using System.Text;
using Callmap.Diagnostics;
using Callmap.Loading;
using Callmap.Reports;
using Callmap.Tests.Support;

namespace Callmap.Tests.Inputs;

/// <summary>Error output is a page, whatever the map: few errors in full, short name lists, no echoed megabytes.</summary>
public class BoundedErrorsTests
{
    /// <summary>A map of <paramref name="services"/> services whose one caller invokes as many services that do not exist.</summary>
    private static string ManyUnknownTargets(int services)
    {
        var yaml = new StringBuilder(Maps.Header).AppendLine("services:");
        for (var i = 0; i < services; i++) yaml.AppendLine($"  s{i}: {{ run: {{ image: gcr.io/x/s{i} }} }}");
        yaml.AppendLine("callers:").Append("  group:devs@acme.shop: [");
        yaml.AppendJoin(", ", Enumerable.Range(0, services).Select(i => $"missing-service-{i}")).AppendLine("]");
        return yaml.ToString();
    }

    [Fact]
    public void Five_thousand_errors_each_offering_five_thousand_names_print_fifty_errors_of_twenty_names()
    {
        var result = AccessMapLoader.Load("many.yaml", ManyUnknownTargets(5_000));
        var text = DiagnosticsReport.Render(result.Diagnostics);

        Assert.Equal(5_000, result.Diagnostics.Count);
        Assert.True(text.Length < 50_000, $"{text.Length:N0} characters of errors");
        Assert.Contains("    fix: services of this map: s0, s1, s10, s100, s1000, s1001, s1002, s1003, s1004, s1005, s1006, s1007, s1008, s1009, s101, s1010, s1011, s1012, s1013, s1014 and 4,980 more\n", text);
        Assert.EndsWith("… and 4,950 more errors not shown; fix these first, then run again.\n5,000 errors in many.yaml; nothing was planned.\n", text);
    }

    [Fact]
    public void The_error_text_of_a_map_with_sixty_mistakes_is_bounded_and_says_what_is_left()
    {
        var run = CallmapCliWithMap(ManyUnknownTargets(60));

        Assert.Equal(2, run.ExitCode);
        Snapshot.Match(run.Error, "Inputs/sixty-unknown-services");
    }

    [Fact]
    public void A_megabyte_value_is_echoed_as_its_start_an_ellipsis_and_its_length()
    {
        var huge = new string('x', 1_000_000);
        var result = AccessMapLoader.Load("huge.yaml", Maps.Header + $"services:\n  api: {{ run: {{ image: gcr.io/x/api }} }}\ncallers:\n  api: [{huge}]\n");
        var text = DiagnosticsReport.Render(result.Diagnostics);

        Assert.True(text.Length < 3_000, $"{text.Length:N0} characters of errors");
        Assert.Matches(@"'xxxxx+… \(1,000,\d{3} characters\)\n", text);
        Assert.StartsWith("huge.yaml:7:9: error[unknown-service] 'api' invokes 'xxxxx", text);
    }

    [Fact]
    public void An_ingress_override_shutting_out_a_hundred_callers_names_twenty()
    {
        var callers = string.Concat(Enumerable.Range(0, 100).Select(i => $"  group:team-{i}@acme.shop: [orders]\n"));
        var errors = Maps.Errors(Maps.Header + "services:\n  orders: { run: { image: gcr.io/x/orders, ingress: internal } }\ncallers:\n" + callers);

        var message = Assert.Single(errors).Message;
        Assert.EndsWith("'group:team-19@acme.shop' and 80 more, which the map lets call 'orders'", message);
    }

    [Fact]
    public void A_long_line_keeps_its_start_and_says_its_length()
    {
        Assert.Equal("short", DiagnosticsReport.Bounded("short"));
        var cut = DiagnosticsReport.Bounded(new string('y', 5_000));
        Assert.Equal(new string('y', 960) + "… (5,000 characters)", cut);
        Assert.True(cut.Length <= DiagnosticsReport.MaxLineLength);
    }

    [Fact]
    public void Errors_in_many_files_name_five_of_them_in_the_summary()
    {
        var errors = Enumerable.Range(0, 8).Select(i => new Diagnostic(DiagnosticCodes.Io, new SourceLocation($"f{i}.yaml", 1, 1), "m", "f")).ToList();
        Assert.EndsWith("8 errors in f0.yaml, f1.yaml, f2.yaml, f3.yaml, f4.yaml and 3 more files; nothing was planned.\n", DiagnosticsReport.Render(errors));
    }

    private static CliRun CallmapCliWithMap(string text)
    {
        var file = Path.Combine(Path.GetTempPath(), $"callmap-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(file, text);
        try
        {
            var run = CallmapCli.Run("plan", file);
            var shown = DisplayPath.Of(file);
            return run with { Error = run.Error.Replace(shown, "sixty.yaml") };
        }
        finally { File.Delete(file); }
    }
}
