using System.CommandLine;
using Callmap.Audit;
using Callmap.Loading;
using Callmap.Planning;
using Callmap.Policies;
using Callmap.Reports;
using Spectre.Console;

namespace Callmap.AuditTool;

public enum AuditFormat { Text, Json, Sarif, Markdown }

/// <summary>
/// <c>callmap-audit audit MAP [--project P] [--policy F]... [--format F]</c> and <c>callmap-audit roles refresh --out FILE</c>.
/// Exit codes as `callmap check`: 0 clean, 1 a mandatory finding, 2 bad input or a failed API call, 70 a bug (Program.cs).
/// </summary>
internal static class AuditCommands
{
    public const int Ok = 0, Violations = 1, BadInput = 2;

    public static RootCommand Create(Func<IIamReader> reader, TextWriter stdout, TextWriter stderr, IAnsiConsole? progressConsole)
    {
        var map = new Argument<FileInfo>("map") { Description = "The access map whose plan the project should match, e.g. stacks/prod.yaml" };
        var project = new Option<string?>("--project") { Description = "The project to read (default: the map's project:); must be the map's project" };
        var policies = new Option<FileInfo[]>("--policy", "-p") { Description = $"Policy files setting the live rules' levels (default: {PolicyFiles.Baseline} and policies/STACK.yaml)" };
        var format = Callmap.Cli.ChoiceOption.Create("--format", "-f", "text, json, sarif or markdown", AuditFormat.Text);
        var audit = new Command("audit", "Compare the project's service accounts and keys with the map's plan; changes nothing") { map, project, policies, format };
        audit.SetAction((parse, ct) => Audit(parse.GetValue(map)!, parse.GetValue(project), parse.GetValue(policies) ?? [], parse.GetValue(format),
            reader, stdout, stderr, progressConsole, ct));

        var output = new Option<FileInfo>("--out", "-o") { Description = "Where to write the roles file `callmap check --roles` reads", Required = true };
        var refresh = new Command("refresh", "List every predefined role with its permissions and write the roles file") { output };
        refresh.SetAction((parse, ct) => RefreshRoles(parse.GetValue(output)!, reader, stderr, ct));

        return new RootCommand("callmap-audit: read-only checks of a live project against its access map")
        {
            audit,
            new Command("roles", "Google's predefined roles") { refresh },
        };
    }

    private static async Task<int> Audit(FileInfo mapFile, string? project, FileInfo[] policyFiles, AuditFormat format,
        Func<IIamReader> reader, TextWriter stdout, TextWriter stderr, IAnsiConsole? progressConsole, CancellationToken ct)
    {
        var search = policyFiles.Length > 0 ? new PolicySearch(policyFiles.Select(f => f.FullName).ToList(), null) : PolicyFiles.Find(mapFile.FullName);
        if (search.Error is { } notFound) return Fail(stderr, DiagnosticsReport.Render([notFound]));
        var (policySet, policyErrors) = PolicyLoader.LoadFiles(search.Paths);
        if (policySet is null) return Fail(stderr, DiagnosticsReport.Render(policyErrors));
        var loaded = AccessMapLoader.LoadFile(mapFile.FullName);
        if (loaded.Map is not { } accessMap) return Fail(stderr, DiagnosticsReport.Render(loaded.Diagnostics));
        if (project is not null && project != accessMap.Project.Value)
            return Fail(stderr, $"{accessMap.Project.At}: the map is for project '{accessMap.Project.Value}', not '{project}'\n"
                + $"    fix: audit {project} with its own map, or drop --project to audit {accessMap.Project.Value}\n");

        try
        {
            var plan = Planner.Create(accessMap);
            var result = progressConsole is null
                ? await AccessAudit.RunAsync(accessMap, plan, policySet, reader(), DateTimeOffset.UtcNow, null, ct)
                : await progressConsole.Status().StartAsync("listing service accounts", status =>
                    AccessAudit.RunAsync(accessMap, plan, policySet, reader(), DateTimeOffset.UtcNow,
                        new Progress<AuditProgress>(p => status.Status(p.AccountsTotal == 0
                            ? $"listing service accounts: {p.AccountsListed}"
                            : $"reading keys: {p.AccountsWithKeysRead} of {p.AccountsTotal} accounts")), ct));
            stdout.Write(format switch
            {
                AuditFormat.Json => AuditReport.Json(result, accessMap.File),
                AuditFormat.Sarif => AuditReport.Sarif(result),
                AuditFormat.Markdown => AuditReport.Markdown(result, accessMap.File, policySet.Files),
                _ => AuditReport.Text(result, accessMap.File, policySet.Files),
            });
            return result.Verdict.HasMandatoryViolations ? Violations : Ok;
        }
        catch (IamCallFailed e)
        {
            return Fail(stderr, $"callmap-audit: {IamErrors.Explain(e.Call, e.Status, e.Detail, accessMap.Project.Value)}\n");
        }
        catch (InvalidOperationException e) when (e.Message.Contains("Application Default Credentials", StringComparison.Ordinal))
        {
            return Fail(stderr, $"callmap-audit: {IamErrors.Explain("ListServiceAccounts", "Unauthenticated", e.Message, accessMap.Project.Value)}\n");
        }
    }

    /// <summary>Written beside the target and moved over it, so a failed refresh never leaves half a roles file.</summary>
    private static async Task<int> RefreshRoles(FileInfo output, Func<IIamReader> reader, TextWriter stderr, CancellationToken ct)
    {
        try
        {
            var roles = await RolesFile.ReadAllAsync(reader(), null, ct);
            var temporary = output.FullName + ".partial";
            await File.WriteAllTextAsync(temporary, RolesFile.Render(roles), ct);
            File.Move(temporary, output.FullName, overwrite: true);
            await stderr.WriteLineAsync($"callmap-audit: wrote {roles.Count} roles to {output.Name}");
            return Ok;
        }
        catch (IamCallFailed e)
        {
            return Fail(stderr, $"callmap-audit: {IamErrors.Explain(e.Call, e.Status, e.Detail, null)}\n");
        }
        catch (InvalidOperationException e) when (e.Message.Contains("Application Default Credentials", StringComparison.Ordinal))
        {
            return Fail(stderr, $"callmap-audit: {IamErrors.Explain("ListRoles", "Unauthenticated", e.Message, null)}\n");
        }
    }

    private static int Fail(TextWriter stderr, string text)
    {
        stderr.Write(text);
        return BadInput;
    }
}
