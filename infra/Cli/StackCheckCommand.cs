using Callmap.Diagnostics;
using Callmap.Policies;
using Callmap.PulumiStacks;
using Callmap.Reports;

namespace Callmap.Cli;

/// <summary>
/// <c>callmap check --pulumi-preview FILE</c> / <c>--pulumi-state FILE</c>: the least-privilege rules on the
/// resources of any Pulumi GCP stack, with the formats and exit codes of <c>check MAP</c>.
/// </summary>
public static class StackCheckCommand
{
    public static int Run(FileInfo? map, FileInfo? preview, FileInfo? state, FileInfo[] policyFiles, CheckFormat format, Terminal terminal, FileInfo? rolesFile)
    {
        var given = new[] { map, preview, state }.Count(f => f is not null);
        if (given != 1)
        {
            terminal.Error.Write(DiagnosticsReport.Render([new Diagnostic(DiagnosticCodes.InvalidValue, new SourceLocation("callmap check", 1, 1),
                given == 0 ? "nothing to check" : "give one thing to check, not several",
                "callmap check MAP, callmap check --pulumi-preview preview.json, or callmap check --pulumi-state state.json")]));
            return ExitCodes.BadInput;
        }
        Roles.RoleCatalog? roleFacts = null;
        if (rolesFile is not null)
        {
            (roleFacts, var error) = Roles.RoleCatalog.LoadFile(rolesFile.FullName, rolesFile.Name);
            if (error is not null)
            {
                terminal.Error.Write(DiagnosticsReport.Render([error]));
                return ExitCodes.BadInput;
            }
        }
        // A stack has no map beside a policies/ folder: the baseline of the working directory unless --policy says otherwise.
        var paths = policyFiles.Length > 0 ? policyFiles.Select(f => f.FullName).ToList() : [Path.GetFullPath(PolicyFiles.Baseline)];
        var (policies, errors) = PolicyLoader.LoadFiles(paths);
        if (policies is null)
        {
            terminal.Error.Write(DiagnosticsReport.Render(errors));
            return ExitCodes.BadInput;
        }
        var file = (preview ?? state)!;
        var display = Path.GetRelativePath(Directory.GetCurrentDirectory(), file.FullName).Replace('\\', '/');
        var (result, readErrors) = StackCheck.File(file.FullName, display, preview is not null ? PulumiDocument.Preview : PulumiDocument.State, policies, roleFacts);
        if (result is null)
        {
            terminal.Error.Write(DiagnosticsReport.Render(readErrors));
            return ExitCodes.BadInput;
        }
        terminal.Out.Write(format switch
        {
            CheckFormat.Sarif => CheckReport.Sarif(result),
            CheckFormat.Junit => CheckReport.JUnit(result, display),
            CheckFormat.Markdown => CheckReport.Markdown(result, display, policies.Files),
            _ => CheckReport.Text(result, display, policies.Files),
        });
        return result.HasMandatoryViolations ? ExitCodes.Violations : ExitCodes.Ok;
    }
}
