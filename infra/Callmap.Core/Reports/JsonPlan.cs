using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Callmap.Planning;

namespace Callmap.Reports;

/// <summary>
/// The plan in a stable machine form. <see cref="SchemaVersion"/> changes only when a field is removed
/// or changes meaning; new fields may appear in the same version. Written item by item as it is
/// serialized, so a 20,000-service plan is never held in memory as one document.
/// </summary>
public static class JsonPlan
{
    public const int SchemaVersion = 1;

    /// <summary>How much serialized JSON is held before it is passed on.</summary>
    private const int ChunkBytes = 64 * 1024;

    /// <summary>The generated metadata (<see cref="PlanJsonContext"/>): no serializer is built by reflection at run time.</summary>
    private static PlanJsonContext Context => PlanJsonContext.Default;

    /// <summary>Indented with "\n" whatever the platform; text as written (not \u-escaped), since the output is JSON, not HTML.</summary>
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Render(Plan plan)
    {
        var writer = new StringWriter();
        Write(plan, writer);
        return writer.ToString();
    }

    /// <summary>Writes to a text writer; when it writes UTF-8 to a stream, the bytes go to that stream directly.</summary>
    public static void Write(Plan plan, TextWriter output)
    {
        if (output is StreamWriter { Encoding: UTF8Encoding } streamWriter)
        {
            streamWriter.Flush();
            Write(plan, streamWriter.BaseStream);
            return;
        }
        Write(plan, bytes => output.Write(Encoding.UTF8.GetString(bytes)));
    }

    public static void Write(Plan plan, Stream output) => Write(plan, bytes => output.Write(bytes));

    /// <summary>
    /// The document <c>{ schemaVersion, map, project, projectNumber, region, summary, items, matrix }</c>,
    /// with items and matrix cells serialized one at a time and passed on in chunks.
    /// </summary>
    private static void Write(Plan plan, Action<ReadOnlySpan<byte>> output)
    {
        var buffer = new ArrayBufferWriter<byte>(ChunkBytes * 2);
        using var json = new Utf8JsonWriter(buffer, WriterOptions);

        json.WriteStartObject();
        json.WriteNumber("schemaVersion", SchemaVersion);
        json.WriteString("map", plan.MapFile);
        json.WriteString("project", plan.Project);
        json.WriteString("projectNumber", plan.ProjectNumber);
        json.WriteString("region", plan.Region);
        json.WritePropertyName("summary");
        JsonSerializer.Serialize(json, PlanSummary.Of(plan), Context.PlanSummary);

        json.WriteStartArray("items");
        foreach (var item in plan.Items)
        {
            JsonSerializer.Serialize(json, item, Context.PlanItem);
            PassOn(json, buffer, output, whenAbove: ChunkBytes);
        }
        json.WriteEndArray();

        var matrix = plan.Matrix;
        json.WriteStartObject("matrix");
        json.WritePropertyName("callers");
        JsonSerializer.Serialize(json, matrix.Callers, Context.IReadOnlyListString);
        json.WritePropertyName("services");
        JsonSerializer.Serialize(json, matrix.Services, Context.IReadOnlyListString);
        json.WriteStartArray("cells");
        foreach (var cell in matrix.Cells)
        {
            JsonSerializer.Serialize(json, cell, Context.AccessCell);
            PassOn(json, buffer, output, whenAbove: ChunkBytes);
        }
        json.WriteEndArray();
        json.WritePropertyName("endUsers");
        JsonSerializer.Serialize(json, matrix.EndUsers, Context.IReadOnlyListEndUserCell);
        json.WriteEndObject();

        json.WriteEndObject();
        PassOn(json, buffer, output, whenAbove: 0);
        output("\n"u8);
    }

    /// <summary>Moves the serialized bytes to the output; they end on a whole token, so never inside a character.</summary>
    private static void PassOn(Utf8JsonWriter json, ArrayBufferWriter<byte> buffer, Action<ReadOnlySpan<byte>> output, int whenAbove)
    {
        if (json.BytesPending + buffer.WrittenCount <= whenAbove) return;
        json.Flush();
        output(buffer.WrittenSpan);
        buffer.ResetWrittenCount();
    }
}
