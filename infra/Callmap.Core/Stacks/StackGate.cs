using Callmap.Diagnostics;
using Callmap.Loading;
using Callmap.Model;
using Callmap.Planning;
using Callmap.Policies;
using Callmap.Reports;
using Callmap.Roles;

namespace Callmap.Stacks;

/// <summary>
/// The outcome of the gate: the plan to declare, or the report to stop with; never both.
/// <see cref="Warnings"/> are advisory findings and active waivers, shown but not blocking.
/// </summary>
public sealed record GateResult(Plan? Plan, string? Refusal, IReadOnlyList<string> Warnings)
{
    public bool Passed => Plan is not null;
}

/// <summary>
/// Everything the Pulumi program decides before it registers a single resource: the stack's settings
/// are complete, the policies and the map load, the map is for the project and region the provider
/// deploys to, and no mandatory policy fails. The texts are those of <c>callmap plan</c> and
/// <c>callmap check</c>, so a refused <c>pulumi preview</c> reads like the CLI.
/// </summary>
public static class StackGate
{
    /// <summary>
    /// The gate, with the real project's number asked for once the map is known to be for the stack's
    /// project: a mistyped projectNumber would silently break every run.app URL, audience, OIDC token and
    /// the IAP agent's address, which are all derived from it before deploy.
    /// </summary>
    public static async Task<GateResult> RunAsync(StackSettings stack, Func<string, Task<string>> projectNumberOf, DateOnly? today = null)
    {
        var gate = Run(stack, today);
        if (gate.Plan is not { } plan) return gate;
        var actual = await projectNumberOf(plan.Project);
        if (actual == plan.ProjectNumber) return gate;
        var loaded = AccessMapLoader.LoadFile(stack.FullPath(stack.MapPath!), relativeTo: stack.RootDirectory);
        return Refuse(new Diagnostic(DiagnosticCodes.StackConfig, loaded.Map!.ProjectNumber.At,
            $"the map says project '{plan.Project}' has number {plan.ProjectNumber}, but Google says {actual}: every run.app URL, token audience and the IAP agent would be wrong",
            $"write projectNumber: \"{actual}\" in the map (gcloud projects describe {plan.Project} --format='value(projectNumber)')"));
    }

    public static GateResult Run(StackSettings stack, DateOnly? today = null)
    {
        if (stack.MapPath is not { Length: > 0 } mapPath)
            return Refuse(Setting(stack, "callmap:map", $"the stack '{stack.StackName}' names no access map",
                $"add `callmap:map: stacks/{stack.StackName}.yaml` under config: in {stack.ConfigFile}"));
        if (string.IsNullOrEmpty(stack.GcpProject) || string.IsNullOrEmpty(stack.GcpRegion))
            return Refuse(Setting(stack, string.IsNullOrEmpty(stack.GcpProject) ? "gcp:project" : "gcp:region",
                $"the stack '{stack.StackName}' sets no {(string.IsNullOrEmpty(stack.GcpProject) ? "gcp:project" : "gcp:region")}",
                $"set gcp:project and gcp:region in {stack.ConfigFile} to the map's project and region"));

        var policyPaths = stack.PolicyPaths.Count > 0 ? stack.PolicyPaths.Select(stack.FullPath).ToList() : PolicyFiles.DefaultFor(stack.FullPath(mapPath), stack.RootDirectory);
        var (policies, policyErrors) = PolicyLoader.LoadFiles(policyPaths, stack.RootDirectory);
        if (policies is null) return Refuse(policyErrors);

        RoleCatalog? roles = null;
        if (stack.RolesPath is { Length: > 0 } rolesPath)
        {
            (roles, var rolesError) = RoleCatalog.LoadFile(stack.FullPath(rolesPath), stack.Display(rolesPath));
            if (rolesError is not null) return Refuse([rolesError]);
        }

        var loaded = AccessMapLoader.LoadFile(stack.FullPath(mapPath), relativeTo: stack.RootDirectory);
        if (loaded.Map is not { } map) return Refuse(loaded.Diagnostics);
        if (Mismatches(stack, map) is { Count: > 0 } mismatches) return Refuse(mismatches);

        var plan = Planner.Create(map);
        var result = PolicyEngine.Check(new PolicyContext(map, plan, roles, today), policies);
        var warnings = result.Findings.Where(f => f.Level == PolicyLevel.Advisory)
            .Select(f => $"{f.RuleId} (advisory): {f.At}: {f.Message}; fix: {f.Fix}")
            .Concat(result.ActiveWaivers.Select(w => $"waiver: {w.At}: {w.Rule} for {w.Subject} until {w.Expires:yyyy-MM-dd}: {w.Reason}"))
            .Select(Reports.SafeText.Terminal)   // Pulumi prints these to a terminal or CI log
            .ToList();
        return result.HasMandatoryViolations
            ? new GateResult(null, Reports.SafeText.Terminal(CheckReport.Text(result, map.File, policies.Files)), warnings)
            : new GateResult(plan, null, warnings);
    }

    /// <summary>The provider deploys where the stack config says; the map must say the same, or grants would land elsewhere.</summary>
    private static List<Diagnostic> Mismatches(StackSettings stack, AccessMap map)
    {
        var errors = new List<Diagnostic>();
        if (map.Project.Value != stack.GcpProject)
            errors.Add(new Diagnostic(DiagnosticCodes.StackConfig, map.Project.At,
                $"the map is for project '{map.Project.Value}' but the stack '{stack.StackName}' deploys to gcp:project '{stack.GcpProject}'",
                $"point callmap:map in {stack.ConfigFile} at the map for '{stack.GcpProject}', or set gcp:project: {map.Project.Value} there"));
        if (map.Region.Value != stack.GcpRegion)
            errors.Add(new Diagnostic(DiagnosticCodes.StackConfig, map.Region.At,
                $"the map's region is '{map.Region.Value}' but the stack '{stack.StackName}' sets gcp:region '{stack.GcpRegion}'",
                $"set gcp:region: {map.Region.Value} in {stack.ConfigFile}, or change region: in the map"));
        return errors;
    }

    private static Diagnostic Setting(StackSettings stack, string key, string message, string fix) =>
        new(DiagnosticCodes.StackConfig, StackConfigFile.Locate(stack, key), message, fix);

    private static GateResult Refuse(Diagnostic error) => Refuse([error]);

    private static GateResult Refuse(IReadOnlyList<Diagnostic> errors) => new(null, DiagnosticsReport.Render(errors), []);
}
