using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Callmap.Benchmarks;
using Callmap.Loading;
using Callmap.Planning;
using Callmap.Reports;
using Callmap.Tests.Support;

namespace Callmap.Tests.Reports;

/// <summary>
/// `plan --format json` is written with metadata generated at compile time (no reflection in the tool). These
/// tests hold it to what tools reading the plan rely on: every item opens with its <c>kind</c>, every value of
/// the item's type is there, and the document is exactly what reflection over the same types would write.
/// </summary>
public class JsonPlanTests
{
    /// <summary>The shipped maps (every kind of item between them) and a synthetic map large enough to be written in many chunks.</summary>
    private static readonly Lazy<IReadOnlyList<Plan>> Plans = new(() =>
        Maps.GoodMapFiles().Select(Maps.PlanFile)
            .Append(Planner.Create(AccessMapLoader.Load("synthetic-300.yaml", SyntheticMap.Generate(300, 3_000)).Map!))
            .ToList());

    /// <summary>The discriminator of each item type, as PlanItem declares it.</summary>
    private static readonly IReadOnlyDictionary<Type, string> Kinds = typeof(PlanItem).GetCustomAttributes<JsonDerivedTypeAttribute>()
        .ToDictionary(d => d.DerivedType, d => (string)d.TypeDiscriminator!);

    [Fact]
    public void Every_kind_of_item_is_declared_and_the_maps_here_plan_each_of_them()
    {
        var concrete = typeof(PlanItem).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(PlanItem)) && !t.IsAbstract).ToList();
        var planned = Plans.Value.SelectMany(p => p.Items).Select(i => i.GetType()).ToHashSet();

        Assert.All(concrete, t => Assert.True(Kinds.ContainsKey(t), $"{t.Name} has no [JsonDerivedType] on PlanItem: its items could not be written"));
        Assert.All(concrete, t => Assert.True(planned.Contains(t), $"no map of the repository plans a {t.Name}, so its JSON is not checked here"));
        Assert.Equal(Enum.GetValues<PlanItemKind>().Length, concrete.Count);
    }

    [Fact]
    public void Every_item_opens_with_its_kind_and_carries_every_value_of_its_type()
    {
        foreach (var plan in Plans.Value)
        {
            using var json = JsonDocument.Parse(JsonPlan.Render(plan));
            var items = json.RootElement.GetProperty("items").EnumerateArray().ToList();
            Assert.Equal(plan.Items.Count, items.Count);
            foreach (var (item, element) in plan.Items.Zip(items))
            {
                var written = element.EnumerateObject().Select(p => p.Name).ToList();
                Assert.Equal(("kind", Kinds[item.GetType()]), (written[0], element.GetProperty("kind").GetString()));
                Assert.Equal(["name", "dependsOn", "source"], written.Skip(1).Take(3));
                Assert.Equal(item.Name, element.GetProperty("name").GetString());
                Assert.Equal(item.Source.ToString(), element.GetProperty("source").GetString());
                Assert.Equal(Expected(item).Order(StringComparer.Ordinal), written.Skip(1).Order(StringComparer.Ordinal));
            }
        }
    }

    /// <summary>The camelCase name of every public property of the item's type that is not ignored (or, where ignored when null, not null).</summary>
    private static IEnumerable<string> Expected(PlanItem item) =>
        item.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0)
            .Where(p => p.GetCustomAttribute<JsonIgnoreAttribute>() switch
            {
                null => true,
                { Condition: JsonIgnoreCondition.WhenWritingNull } => p.GetValue(item) is not null,
                _ => false,
            })
            .Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name));

    [Fact]
    public void The_document_is_exactly_what_reflection_over_the_plan_types_writes()
    {
        foreach (var plan in Plans.Value)
            Assert.Equal(ByReflection(plan), JsonPlan.Render(plan));
    }

    [Fact]
    public void Written_to_a_stream_the_bytes_are_the_same_as_the_text()
    {
        foreach (var plan in Plans.Value)
        {
            using var stream = new MemoryStream();
            JsonPlan.Write(plan, stream);
            Assert.Equal(JsonPlan.Render(plan), Encoding.UTF8.GetString(stream.ToArray()));
        }
    }

    [Fact]
    public void The_document_has_the_documented_fields_in_order()
    {
        using var json = JsonDocument.Parse(JsonPlan.Render(Plans.Value[0]));

        Assert.Equal(["schemaVersion", "map", "project", "projectNumber", "region", "summary", "items", "matrix"], json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonPlan.SchemaVersion, json.RootElement.GetProperty("schemaVersion").GetInt32());
        Assert.Equal(["callers", "services", "cells", "endUsers"], json.RootElement.GetProperty("matrix").EnumerateObject().Select(p => p.Name));
    }

    [Theory]
    [InlineData(8)]
    [InlineData(400)]
    public void A_source_location_is_written_as_file_line_column_whatever_the_length_of_its_path(int length)
    {
        var at = new Diagnostics.SourceLocation(new string('d', length) + "/dev.yaml", 12, 5);

        Assert.Equal($"\"{at}\"", JsonSerializer.Serialize(at, PlanJsonContext.Default.SourceLocation));
    }

    /// <summary>The options `plan --format json` used when it was written by reflection (with today's escaping): the reference for the generated code.</summary>
    private static readonly JsonSerializerOptions ReflectionOptions = new()
    {
        WriteIndented = true,
        NewLine = "\n",
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = TerminalSafeJsonEncoder.Instance,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
    };

    private static string ByReflection(Plan plan)
    {
        var document = new
        {
            schemaVersion = JsonPlan.SchemaVersion,
            map = plan.MapFile,
            project = plan.Project,
            projectNumber = plan.ProjectNumber,
            region = plan.Region,
            summary = PlanSummary.Of(plan),
            items = plan.Items,
            matrix = new { callers = plan.Matrix.Callers, services = plan.Matrix.Services, cells = plan.Matrix.Cells, endUsers = plan.Matrix.EndUsers },
        };
        return JsonSerializer.Serialize(document, ReflectionOptions) + "\n";
    }
}
