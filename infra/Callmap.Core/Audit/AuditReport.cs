using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
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

    /// <summary>
    /// <c>{ map, project, inventory, findings, waived, mandatoryViolations }</c>, indented, text as written (not
    /// \u-escaped). The inventory is the record as it is named in C# (AccountsInProject, …), as it has always been.
    /// </summary>
    public static string Json(AuditResult result, string mapFile)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("map", mapFile);
            json.WriteString("project", result.Project);
            json.WritePropertyName("inventory");
            JsonSerializer.Serialize(json, result.Inventory, AuditJsonContext.Default.AuditInventory);
            json.WriteStartArray("findings");
            foreach (var f in result.Verdict.Findings)
            {
                json.WriteStartObject();
                json.WriteString("rule", f.RuleId);
                json.WriteString("level", f.Level.ToString().ToLowerInvariant());
                json.WriteString("at", f.At.ToString());
                json.WriteString("subject", f.Subject);
                json.WriteString("message", f.Message);
                json.WriteString("fix", f.Fix);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("waived");
            foreach (var w in result.Verdict.Waived)
            {
                json.WriteStartObject();
                json.WriteString("rule", w.Finding.RuleId);
                json.WriteString("at", w.Finding.At.ToString());
                json.WriteString("subject", w.Finding.Subject);
                json.WriteString("message", w.Finding.Message);
                json.WriteString("until", w.Waiver.Expires.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                json.WriteString("reason", w.Waiver.Reason);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteNumber("mandatoryViolations", result.Verdict.Findings.Count(f => f.Level == PolicyLevel.Mandatory));
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n";
    }

    private static string Counted(AuditResult result) =>
        $"Counted in {result.Project}: {result.Inventory.AccountsInProject} service accounts (the plan declares {result.Inventory.AccountsInPlan}), "
        + $"{result.Inventory.UserManagedKeys} user-managed and {result.Inventory.SystemManagedKeys} Google-managed keys.";
}

/// <summary>The audit's counts, as the JSON report writes them; generated at compile time.</summary>
[JsonSerializable(typeof(AuditInventory))]
internal sealed partial class AuditJsonContext : JsonSerializerContext;
