using System.CommandLine;
using Callmap.Planning;
using Callmap.Policies;
using Callmap.Reports;

namespace Callmap.Cli;

public enum CheckFormat { Text, Sarif, Junit, Markdown }

/// <summary>
/// <c>callmap check MAP [--policy FILE]... [--format text|sarif]</c>: the least-privilege rules, as the
/// policy files configure them. Exit 0 clean (advisory findings allowed), 1 mandatory violation, 2 bad input.
/// </summary>
public static class CheckCommand
{
    public const string BaselinePolicy = PolicyFiles.Baseline;

    public static Command Create(Terminal terminal)
    {
        var map = new Argument<FileInfo?>("map") { Description = "The access map, e.g. stacks/prod.yaml (or give --pulumi-preview / --pulumi-state)", Arity = ArgumentArity.ZeroOrOne };
        var preview = new Option<FileInfo?>("--pulumi-preview") { Description = "Check a Pulumi stack instead of a map: the output of `pulumi preview --json`" };
        var state = new Option<FileInfo?>("--pulumi-state") { Description = "Check a Pulumi stack instead of a map: the output of `pulumi stack export`" };
        var resources = new Option<string?>("--pulumi-resources") { Description = "Check resources as the CrossGuard pack (policies/crossguard) hands them over; - reads standard input" };
        var policies = new Option<FileInfo[]>("--policy", "-p")
        {
            Description = $"Policy files, later ones overriding earlier ones (default: {BaselinePolicy} and policies/STACK.yaml of the project: the folder holding Pulumi.yaml above the map, else above the working directory)",
            AllowMultipleArgumentsPerToken = false,
        };
        var roles = new Option<FileInfo?>("--roles") { Description = "A roles file (role → permissions, as `roles refresh` writes it) to judge role minimality by, instead of the shipped facts" };
        var format = ChoiceOption.Create("--format", "-f", "text, sarif (code scanning), junit (CI dashboards) or markdown (PR comments)", CheckFormat.Text);
        var command = new Command("check", "Check a map against the least-privilege policies; exit 1 on a mandatory violation")
        {
            map,
            policies,
            roles,
            format,
            preview,
            state,
            resources,
        };
        command.SetAction(parse => parse.GetValue(preview) is not null || parse.GetValue(state) is not null || parse.GetValue(resources) is not null || parse.GetValue(map) is null
            ? StackCheckCommand.Run(parse.GetValue(map), parse.GetValue(preview), parse.GetValue(state), parse.GetValue(policies) ?? [], parse.GetValue(format), terminal, parse.GetValue(roles), parse.GetValue(resources))
            : Run(parse.GetValue(map)!, parse.GetValue(policies) ?? [], parse.GetValue(format), terminal, parse.GetValue(roles)));
        return command;
    }

    public static int Run(FileInfo mapFile, FileInfo[] policyFiles, CheckFormat format, Terminal terminal, FileInfo? rolesFile = null)
    {
        Roles.RoleCatalog? roleFacts = null;
        if (rolesFile is not null)
        {
            (roleFacts, var rolesErrors) = Roles.RolesFileReader.Read(rolesFile.FullName, Loading.DisplayPath.Of(rolesFile.FullName));
            if (roleFacts is null)
            {
                terminal.Error.Write(DiagnosticsReport.Render(rolesErrors));
                return ExitCodes.BadInput;
            }
        }
        var search = policyFiles.Length > 0 ? new PolicySearch(policyFiles.Select(f => f.FullName).ToList(), null) : PolicyFiles.Find(mapFile.FullName);
        if (search.Error is { } notFound)
        {
            terminal.Error.Write(DiagnosticsReport.Render([notFound]));
            return ExitCodes.BadInput;
        }
        var (policies, errors) = PolicyLoader.LoadFiles(search.Paths);
        if (policies is null)
        {
            terminal.Error.Write(DiagnosticsReport.Render(errors));
            return ExitCodes.BadInput;
        }
        if (MapInput.Load(mapFile, terminal) is not { } map) return ExitCodes.BadInput;

        var result = PolicyEngine.Check(new PolicyContext(map, Planner.Create(map), roleFacts), policies);
        if (format == CheckFormat.Sarif) CheckReport.WriteSarif(result, terminal.Out);
        else terminal.Out.Write(format switch
        {
            CheckFormat.Junit => CheckReport.JUnit(result, map.File),
            CheckFormat.Markdown => CheckReport.Markdown(result, map.File, policies.Files),
            _ => CheckReport.Text(result, map.File, policies.Files),
        });
        return result.HasMandatoryViolations ? ExitCodes.Violations : ExitCodes.Ok;
    }
}
