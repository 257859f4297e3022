using Spectre.Console;

namespace Callmap.Cli;

/// <summary>
/// Where a command writes. When output is redirected (CI logs, files, tests) text is plain, at a fixed
/// width and without trailing spaces, so it is byte-for-byte what the snapshot tests check.
/// </summary>
public sealed record Terminal(IAnsiConsole Console, TextWriter Out, TextWriter Error, bool IsRedirected)
{
    public static Terminal FromProcess() => new(AnsiConsole.Console, System.Console.Out, System.Console.Error,
        System.Console.IsOutputRedirected);
}
