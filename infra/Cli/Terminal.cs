using System.Text;
using Spectre.Console;

namespace Callmap.Cli;

/// <summary>
/// Where a command writes. When output is redirected (CI logs, files, tests) text is plain, at a fixed
/// width and without trailing spaces, so it is byte-for-byte what the snapshot tests check.
/// </summary>
public sealed record Terminal(IAnsiConsole Console, TextWriter Out, TextWriter Error, bool IsRedirected)
{
    /// <summary>
    /// The process's own streams. Redirected output is buffered and written when the command ends
    /// (<see cref="Flush"/>): Console.Out flushes every write, which costs a system call per line of a
    /// 20,000-service preview.
    /// </summary>
    public static Terminal FromProcess() => System.Console.IsOutputRedirected
        ? new(AnsiConsole.Console, new StreamWriter(System.Console.OpenStandardOutput(), new UTF8Encoding(false), 64 * 1024), System.Console.Error, true)
        : new(AnsiConsole.Console, System.Console.Out, System.Console.Error, false);

    public void Flush()
    {
        Out.Flush();
        Error.Flush();
    }
}
