using System.CommandLine;
using Callmap.Planning;
using Callmap.Policies;
using Callmap.Reports;

namespace Callmap.Cli;

public enum CheckFormat { Text, Sarif }

/// <summary>
/// <c>callmap check MAP [--policy FILE]... [--format text|sarif]</c>: the least-privilege rules, as the
/// policy files configure them. Exit 0 clean (advisory findings allowed), 1 mandatory violation, 2 bad input.
/// </summary>
public static class CheckCommand
{
    public const string BaselinePolicy = "policies/baseline.yaml";

    public static Command Create(Terminal terminal)
    {
        var map = new Argument<FileInfo>("map") { Description = "The access map, e.g. stacks/prod.yaml" };
        var policies = new Option<FileInfo[]>("--policy", "-p")
        {
            Description = $"Policy files, later ones overriding earlier ones (default: {BaselinePolicy} and policies/STACK.yaml)",
            AllowMultipleArgumentsPerToken = false,
        };
        var format = new Option<CheckFormat>("--format", "-f") { Description = "text, or sarif for code scanning", DefaultValueFactory = _ => CheckFormat.Text };
        var command = new Command("check", "Check a map against the least-privilege policies; exit 1 on a mandatory violation")
        {
            map,
            policies,
            format,
        };
        command.SetAction(parse => Run(parse.GetValue(map)!, parse.GetValue(policies) ?? [], parse.GetValue(format), terminal));
        return command;
    }

    /// <summary>policies/baseline.yaml, then policies/STACK.yaml when it exists (policies/ beside the map's folder).</summary>
    public static List<string> DefaultPolicies(FileInfo mapFile)
    {
        var folder = Path.GetFullPath(Path.Combine(mapFile.DirectoryName!, "..", "policies"));
        var stack = Path.Combine(folder, mapFile.Name);
        return File.Exists(stack) ? [Path.Combine(folder, "baseline.yaml"), stack] : [Path.Combine(folder, "baseline.yaml")];
    }

    public static int Run(FileInfo mapFile, FileInfo[] policyFiles, CheckFormat format, Terminal terminal)
    {
        var paths = policyFiles.Length > 0 ? policyFiles.Select(f => f.FullName).ToList() : DefaultPolicies(mapFile);
        var (policies, errors) = PolicyLoader.LoadFiles(paths);
        if (policies is null)
        {
            terminal.Error.Write(DiagnosticsReport.Render(errors));
            return ExitCodes.BadInput;
        }
        if (MapInput.Load(mapFile, terminal) is not { } map) return ExitCodes.BadInput;

        var result = PolicyEngine.Check(new PolicyContext(map, Planner.Create(map)), policies);
        terminal.Out.Write(format == CheckFormat.Sarif ? CheckReport.Sarif(result) : CheckReport.Text(result, map.File, policies.Files));
        return result.HasMandatoryViolations ? ExitCodes.Violations : ExitCodes.Ok;
    }
}
