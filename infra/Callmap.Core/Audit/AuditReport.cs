using System.Text.Encodings.Web;
using System.Text.Json;
using Callmap.Policies;

namespace Callmap.Audit;

/// <summary>The audit's findings in check's four shapes (text, JSON, SARIF, Markdown), with what was counted.</summary>
public static class AuditReport
{
    public static string Text(AuditResult result, string mapFile, IReadOnlyList<string> policyFiles) =>
        CheckReport.Text(result.Verdict, mapFile, policyFiles, "audit") + Counted(result) + "\n";

    public static string Markdown(AuditResult result, string mapFile, IReadOnlyList<string> policyFiles) =>
        CheckReport.Markdown(result.Verdict, mapFile, policyFiles, "audit") + "\n" + Counted(result) + "\n";

    public static string Sarif(AuditResult result) => CheckReport.Sarif(result.Verdict);

    public static string Json(AuditResult result, string mapFile) => JsonSerializer.Serialize(new
    {
        map = mapFile,
        project = result.Project,
        inventory = result.Inventory,
        findings = result.Verdict.Findings.Select(f => new { rule = f.RuleId, level = f.Level.ToString().ToLowerInvariant(), at = f.At.ToString(), subject = f.Subject, message = f.Message, fix = f.Fix }),
        waived = result.Verdict.Waived.Select(w => new { rule = w.Finding.RuleId, at = w.Finding.At.ToString(), subject = w.Finding.Subject, message = w.Finding.Message, until = w.Waiver.Expires, reason = w.Waiver.Reason }),
        mandatoryViolations = result.Verdict.Findings.Count(f => f.Level == PolicyLevel.Mandatory),
    }, new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";

    private static string Counted(AuditResult result) =>
        $"Counted in {result.Project}: {result.Inventory.AccountsInProject} service accounts (the plan declares {result.Inventory.AccountsInPlan}), "
        + $"{result.Inventory.UserManagedKeys} user-managed and {result.Inventory.SystemManagedKeys} Google-managed keys.";
}
