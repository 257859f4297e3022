using System.CommandLine;
using System.Diagnostics;
using Callmap.Diff;
using Callmap.Loading;
using Callmap.Planning;
using Callmap.Reports;

namespace Callmap.Cli;

public enum DiffFailOn
{
    /// <summary>Exit 0 whatever changed.</summary>
    Never,
    /// <summary>Exit 1 on new public surface, widened access or removed protection.</summary>
    Widen,
}

/// <summary>
/// <c>callmap diff OLD NEW</c> or <c>callmap diff --base REF MAP</c>: the access change between two
/// versions of a map, for a reviewer. With <c>--base</c> the old version is the map at a git ref.
/// </summary>
public static class DiffCommand
{
    public static Command Create(Terminal terminal)
    {
        var maps = new Argument<FileInfo[]>("maps") { Description = "OLD.yaml NEW.yaml, or with --base just the map", Arity = new ArgumentArity(1, 2) };
        var baseRef = new Option<string?>("--base", "-b") { Description = "Compare the map with its version at this git ref, e.g. origin/main" };
        var format = ChoiceOption.Create("--format", "-f", "text or markdown", OutputFormat.Text, OutputFormat.Text, OutputFormat.Markdown);
        var failOn = ChoiceOption.Create("--fail-on", "", "widen: exit 1 when access widens", DiffFailOn.Never);
        var command = new Command("diff", "Show how access changes between two versions of a map, risks first")
        {
            maps,
            baseRef,
            format,
            failOn,
        };
        command.SetAction(parse => Run(parse.GetValue(maps)!, parse.GetValue(baseRef), parse.GetValue(format), parse.GetValue(failOn), terminal));
        return command;
    }

    public static int Run(FileInfo[] maps, string? baseRef, OutputFormat format, DiffFailOn failOn, Terminal terminal)
    {
        if ((baseRef is null) != (maps.Length == 2))
        {
            terminal.Error.WriteLine("callmap: give two maps (OLD.yaml NEW.yaml), or one map and --base REF");
            return ExitCodes.BadInput;
        }
        if (baseRef is not null && BaseRef.Problem(baseRef) is { } problem)
        {
            terminal.Error.WriteLine($"callmap: {problem}");
            terminal.Error.WriteLine($"    fix: {BaseRef.Fix}");
            return ExitCodes.BadInput;
        }
        var newFile = maps[^1];
        var oldPlan = baseRef is null ? MapInput.Plan(maps[0], terminal) : PlanAtRef(newFile, baseRef, terminal);
        var newPlan = MapInput.Plan(newFile, terminal);
        if (oldPlan is null || newPlan is null) return ExitCodes.BadInput;

        var diff = AccessDiff.Between(oldPlan, newPlan);
        var label = baseRef is null ? $"{oldPlan.MapFile} → {newPlan.MapFile}" : $"{newPlan.MapFile} against {baseRef}";
        terminal.Out.Write(format == OutputFormat.Markdown ? DiffReport.Markdown(diff, label) : DiffReport.Text(diff, label));
        return failOn == DiffFailOn.Widen && diff.Widens ? ExitCodes.Violations : ExitCodes.Ok;
    }

    /// <summary>git's complaint is one or two lines; more is not worth showing.</summary>
    private const int GitErrorBytes = 4096;

    /// <summary>The map as it is at <paramref name="gitRef"/>, read with git from the map's own checkout.</summary>
    private static Plan? PlanAtRef(FileInfo map, string gitRef, Terminal terminal)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = map.DirectoryName!, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "show", "--end-of-options", $"{gitRef}:./{map.Name}" }) start.ArgumentList.Add(arg);
        try
        {
            using var git = Process.Start(start)!;
            // Bounded like a map file: a ref holding a huge blob must not be read to the end.
            var errorRead = Task.Run(() =>
            {
                var head = BoundedFile.ReadUpTo(git.StandardError.BaseStream, GitErrorBytes);
                git.StandardError.BaseStream.CopyTo(Stream.Null); // so that git never blocks on a full pipe
                return head;
            });
            var (bytes, more) = BoundedFile.ReadUpTo(git.StandardOutput.BaseStream, InputKind.Map.MaxBytes);
            if (more)
            {
                git.Kill(entireProcessTree: true);
                terminal.Error.Write(DiagnosticsReport.Render([new Diagnostics.Diagnostic(Diagnostics.DiagnosticCodes.Limit,
                    new Diagnostics.SourceLocation($"{map.Name}@{gitRef}", 1, 1),
                    $"the map at {gitRef} is larger than {InputKind.Map.MaxBytes:N0} bytes, the most callmap reads; reading stopped there",
                    InputKind.Map.TooLargeFix!)]));
                return null;
            }
            var error = BoundedFile.Decode(errorRead.GetAwaiter().GetResult().Bytes);
            git.WaitForExit();
            if (git.ExitCode != 0)
            {
                terminal.Error.WriteLine($"callmap: cannot read {map.Name} at {gitRef}: {error.Trim()}");
                terminal.Error.WriteLine("    fix: fetch the ref first (git fetch origin main), or compare two files: callmap diff OLD.yaml NEW.yaml");
                return null;
            }
            var display = $"{Path.GetRelativePath(Directory.GetCurrentDirectory(), map.FullName).Replace('\\', '/')}@{gitRef}";
            // Bytes, not decoded text: a map that is not UTF-8 is refused at its first bad byte here too.
            var loaded = AccessMapLoader.Load(display, bytes);
            if (loaded.Succeeded) return Planner.Create(loaded.Map!);
            terminal.Error.Write(DiagnosticsReport.Render(loaded.Diagnostics));
            return null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            terminal.Error.WriteLine("callmap: --base needs git on the PATH");
            return null;
        }
    }
}
