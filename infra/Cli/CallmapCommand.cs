using System.CommandLine;
using Callmap.Reports;

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

    /// <summary>Every command writes through the safe terminal: control characters from a map or a token are shown, never obeyed.</summary>
    public static int Run(string[] args, Terminal terminal)
    {
        var safe = Safe(terminal);
        try
        {
            return Run(Create(safe), args, safe);
        }
        finally
        {
            // The safe writers may hold the start of a line ("#") until they know what follows it.
            safe.Out.Flush();
            safe.Error.Flush();
        }
    }

    private static Terminal Safe(Terminal terminal) => terminal.Out is SafeWriter ? terminal
        : terminal with { Console = new SafeConsole(terminal.Console), Out = new SafeWriter(terminal.Out), Error = new SafeWriter(terminal.Error) };

    /// <summary>Runs <paramref name="root"/>; an exception no command handled is a bug, reported as one (exit 70), never as exit 1.</summary>
    internal static int Run(RootCommand root, string[] args, Terminal terminal)
    {
        terminal = Safe(terminal);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count == 0)
        {
            try
            {
                // System.CommandLine's own handler prints the stack trace and exits 1, the code of a policy failure.
                return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false, Output = terminal.Out, Error = terminal.Error });
            }
            catch (Exception e)
            {
                return CrashReport.Write("callmap", e, terminal.Error);
            }
        }

        // System.CommandLine exits 1 on a usage error; callmap keeps 1 for policy failures and uses 2.
        foreach (var error in parsed.Errors) terminal.Error.WriteLine($"callmap: {error.Message}");
        terminal.Error.WriteLine("Run 'callmap --help' for usage.");
        return ExitCodes.BadInput;
    }
}
