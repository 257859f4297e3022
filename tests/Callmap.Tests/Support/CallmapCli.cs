using Callmap.Cli;
using Spectre.Console;

namespace Callmap.Tests.Support;

/// <summary>What a user sees from one callmap command line: exit code, stdout and stderr (output redirected, as in CI).</summary>
public sealed record CliRun(int ExitCode, string Out, string Error);

public static class CallmapCli
{
    public static CliRun Run(params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, Out = new AnsiConsoleOutput(stdout) });
        var exit = CallmapCommand.Run(args, new Terminal(console, stdout, stderr, IsRedirected: true));
        return new CliRun(exit, stdout.ToString(), stderr.ToString());
    }
}
