using System.CommandLine;

namespace Callmap.Cli;

/// <summary>The whole command line: every command, and the exit code for a command line that does not parse.</summary>
public static class CallmapCommand
{
    public static RootCommand Create(Terminal terminal) =>
        new("callmap: least-privilege access maps for Cloud Run and Cloud Functions, planned offline")
        {
            PlanCommand.Create(terminal),
            CheckCommand.Create(terminal),
            DiffCommand.Create(terminal),
            GraphCommand.Create(terminal),
            HowToCallCommand.Create(terminal),
            ExplainTokenCommand.Create(terminal, () => DateTimeOffset.UtcNow),
        };

    public static int Run(string[] args, Terminal terminal)
    {
        terminal = terminal with { Console = new SafeConsole(terminal.Console), Out = new SafeWriter(terminal.Out), Error = new SafeWriter(terminal.Error) };
        var parsed = Create(terminal).Parse(args);
        if (parsed.Errors.Count == 0) return parsed.Invoke();

        // System.CommandLine exits 1 on a usage error; callmap keeps 1 for policy failures and uses 2.
        foreach (var error in parsed.Errors) terminal.Error.WriteLine($"callmap: {error.Message}");
        terminal.Error.WriteLine("Run 'callmap --help' for usage.");
        return ExitCodes.BadInput;
    }
}
