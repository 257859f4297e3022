using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Callmap.Planning;

namespace Callmap.Reports;

/// <summary>
/// The plan in a stable machine form. <see cref="SchemaVersion"/> changes only when a field is removed
/// or changes meaning; new fields may appear in the same version.
/// </summary>
public static class JsonPlan
{
    public const int SchemaVersion = 1;

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private sealed record Document(int SchemaVersion, string Map, string Project, string ProjectNumber, string Region,
        PlanSummary Summary, IReadOnlyList<PlanItem> Items, AccessMatrix Matrix);

    public static string Render(Plan plan) =>
        JsonSerializer.Serialize(new Document(SchemaVersion, plan.MapFile, plan.Project, plan.ProjectNumber, plan.Region,
            PlanSummary.Of(plan), plan.Items, plan.Matrix), Options).ReplaceLineEndings("\n") + "\n";
}
