namespace Callmap.Cli;

/// <summary>The exit codes of every callmap command, as documented in the README.</summary>
public static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Ok = 0;

    /// <summary>A mandatory policy failed (check), or access widened with --fail-on widen (diff).</summary>
    public const int Violations = 1;

    /// <summary>The map or the command line is wrong; the errors say where and what to write instead.</summary>
    public const int BadInput = 2;

    /// <summary>callmap itself failed (a bug): one line asks for a report; never confused with a verdict.</summary>
    public const int InternalError = Reports.CrashReport.ExitCode;
}
