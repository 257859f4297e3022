using System.Text.Json;
using System.Text.Json.Serialization;
using Callmap.Reports;

namespace Callmap.Planning;

/// <summary>
/// The JSON metadata of the plan, generated at compile time: the <c>kind</c> discriminator of
/// <see cref="PlanItem"/>, camelCase names and camelCase string enums, as `plan --format json` has always
/// written them. No reflection at run time, so the published tool starts without building serializers and
/// stays trimmable. Indentation, line ends and escaping come from the writer (<see cref="JsonPlan"/>).
/// </summary>
/// <remarks>
/// No converters are added here: with the context's own options, and none added to them, the generated code
/// writes each object directly (its fast path), which <see cref="JsonPlan"/> relies on. The plan's enums name
/// their converter on their type (<see cref="CamelCaseEnumConverter{TEnum}"/>).
/// </remarks>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    NewLine = "\n")]
[JsonSerializable(typeof(PlanItem))]
[JsonSerializable(typeof(PlanSummary))]
[JsonSerializable(typeof(AccessCell))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(IReadOnlyList<EndUserCell>))]
internal sealed partial class PlanJsonContext : JsonSerializerContext;

/// <summary>An enum as its camelCase name ("secretManager"), with no reflection.</summary>
internal sealed class CamelCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.CamelCase)
    where TEnum : struct, Enum;

/// <summary>Plain values with the serializer's defaults: compact, every non-ASCII or HTML-sensitive character escaped (<see cref="Replacement"/>).</summary>
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
internal sealed partial class ValueJsonContext : JsonSerializerContext;
