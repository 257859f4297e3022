using System.Text.Json;
using System.Text.Json.Serialization;
using Callmap.Reports;

namespace Callmap.Planning;

/// <summary>
/// The JSON metadata of the plan, generated at compile time: the <c>kind</c> discriminator of
/// <see cref="PlanItem"/>, camelCase names and string enums, as `plan --format json` has always written them.
/// No reflection at run time, so the published tool starts without building serializers and stays trimmable.
/// Indentation, line ends and escaping come from the writer (<see cref="JsonPlan"/>); values that escape
/// differently (<see cref="Replacement"/>) use <see cref="ValueJsonContext"/>.
/// </summary>
/// <remarks>
/// The enum converters are named here rather than added at run time: serializing with the context's own
/// options lets the generated code write objects directly (its fast path), which run-time converters would turn off.
/// They take precedence over the types' own <c>[JsonConverter]</c>, as the run-time converters did before.
/// </remarks>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    NewLine = "\n",
    Converters = [typeof(CamelCaseEnumConverter<EnvSource>), typeof(CamelCaseEnumConverter<MemberSource>)])]
[JsonSerializable(typeof(PlanItem))]
[JsonSerializable(typeof(PlanSummary))]
[JsonSerializable(typeof(AccessCell))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(IReadOnlyList<EndUserCell>))]
internal sealed partial class PlanJsonContext : JsonSerializerContext;

/// <summary>An enum as its camelCase name ("secretManager"), with no reflection.</summary>
internal sealed class CamelCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.CamelCase)
    where TEnum : struct, Enum;

/// <summary>Plain values with the serializer's defaults: compact, and every non-ASCII or HTML-sensitive character escaped.</summary>
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
internal sealed partial class ValueJsonContext : JsonSerializerContext;
