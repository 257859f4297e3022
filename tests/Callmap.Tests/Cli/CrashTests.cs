using System.CommandLine;
using Callmap.Cli;
using Callmap.Reports;
using Callmap.Tests.Support;
using Spectre.Console;

namespace Callmap.Tests.Cli;

/// <summary>A bug in callmap is reported as a bug: one line, exit 70, never exit 1 (a mandatory violation to CI).</summary>
public class CrashTests
{
    private static CliRun RunFailing(Exception failure)
    {
        var command = new Command("plan");
        command.SetAction((Func<ParseResult, int>)(_ => throw failure));
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, Out = new AnsiConsoleOutput(stdout) });
        var exit = CallmapCommand.Run(new RootCommand { command }, ["plan"], new Terminal(console, stdout, stderr, IsRedirected: true));
        return new CliRun(exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void An_exception_no_command_handled_exits_70_with_one_line_asking_for_a_report_and_no_stack_trace()
    {
        var run = RunFailing(new InvalidOperationException("Sequence contains more than one element"));

        Assert.Equal(70, run.ExitCode);
        Assert.Equal(ExitCodes.InternalError, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.DoesNotContain(" at ", run.Error);
        Snapshot.Match(run.Error, "Cli/internal-error");
    }

    [Fact]
    public void The_crash_exit_code_is_distinct_from_every_verdict()
    {
        Assert.DoesNotContain(ExitCodes.InternalError, new[] { ExitCodes.Ok, ExitCodes.Violations, ExitCodes.BadInput });
        Assert.Equal(70, CrashReport.ExitCode);
    }

    [Fact]
    public void With_CALLMAP_DEBUG_1_the_stack_trace_comes_before_the_line()
    {
        var error = new StringWriter();
        Environment.SetEnvironmentVariable(CrashReport.DebugVariable, "1");
        try
        {
            try { throw new InvalidOperationException("boom"); }
            catch (Exception e) { Assert.Equal(70, CrashReport.Write("callmap", e, error)); }
        }
        finally { Environment.SetEnvironmentVariable(CrashReport.DebugVariable, null); }

        Assert.StartsWith("System.InvalidOperationException: boom", error.ToString());
        Assert.Contains(" at ", error.ToString());
    }
}
