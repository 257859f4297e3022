namespace Callmap.Reports;

/// <summary>
/// What a command says when callmap itself fails: one line asking for a report, and an exit code no CI
/// step mistakes for a verdict (1 means a mandatory violation, 2 bad input). The stack trace is for the
/// report, so it is printed only when asked for.
/// </summary>
public static class CrashReport
{
    /// <summary>EX_SOFTWARE of sysexits.h: an internal software error.</summary>
    public const int ExitCode = 70;

    /// <summary>Set to 1 to print the exception with its stack trace before the line.</summary>
    public const string DebugVariable = "CALLMAP_DEBUG";

    public static int Write(string tool, Exception exception, TextWriter error)
    {
        if (Environment.GetEnvironmentVariable(DebugVariable) == "1") error.WriteLine(exception);
        error.WriteLine($"{tool}: internal error ({exception.GetType().Name}), a bug in {tool}, not a verdict on your input; "
            + $"please report it with the command line and the files it read (run again with {DebugVariable}=1 for the stack trace)");
        return ExitCode;
    }
}
