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
    public static int Run(FileInfo? map, FileInfo? preview, FileInfo? state, FileInfo[] policyFiles, CheckFormat format, Terminal terminal, FileInfo? rolesFile, string? resources = null)
    {
        var given = new object?[] { map, preview, state, resources }.Count(f => f is not null);
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
        var file = resources is null ? (preview ?? state)! : resources == "-" ? null : new FileInfo(resources);
        var display = file is null ? "stdin" : Path.GetRelativePath(Directory.GetCurrentDirectory(), file.FullName).Replace('\\', '/');
        var document = resources is not null ? PulumiDocument.Resources : preview is not null ? PulumiDocument.Preview : PulumiDocument.State;
        var (result, readErrors) = file is null
            ? StackCheck.Stream(Console.OpenStandardInput(), display, document, policies, roleFacts)
            : StackCheck.File(file.FullName, display, document, policies, roleFacts);
        if (result is null)
        {
            terminal.Error.Write(DiagnosticsReport.Render(readErrors));
            return ExitCodes.BadInput;
        }
        if (format == CheckFormat.Sarif) CheckReport.WriteSarif(result, terminal.Out);
        else terminal.Out.Write(format switch
        {
            CheckFormat.Junit => CheckReport.JUnit(result, display),
            CheckFormat.Markdown => CheckReport.Markdown(result, display, policies.Files),
            _ => CheckReport.Text(result, display, policies.Files),
        });
        return result.HasMandatoryViolations ? ExitCodes.Violations : ExitCodes.Ok;
    }
}
