using System.Buffers;
using System.Collections.Frozen;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
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

    /// <summary>
    /// Indented with "\n" whatever the platform; text as written (not \u-escaped), since the output is JSON, not HTML,
    /// but with every control and direction character escaped, so the bytes are safe on a terminal as they are.
    /// </summary>
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        NewLine = "\n",
        Encoder = TerminalSafeJsonEncoder.Instance,
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
        var buffer = new JsonBuffer(ChunkBytes * 2);
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
            WriteItem(json, buffer, item);
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

    /// <summary>
    /// One item, as the polymorphic <see cref="PlanItem"/> contract writes it: <c>{ "kind": …, "name": …, … }</c>.
    /// The generated code of the item's own type writes the object directly (its fast path: no serializer state,
    /// several times less allocation), but it knows nothing of the discriminator, which the polymorphic contract
    /// writes only on its slower path. So the object is written by the fast path, and the kind is put in as its
    /// first property, with the line break and indentation of the property that follows it.
    /// </summary>
    private static void WriteItem(Utf8JsonWriter json, JsonBuffer buffer, PlanItem item)
    {
        var kind = Kinds.TryGetValue(item.GetType(), out var known) ? known
            : throw new InvalidOperationException($"{item.GetType().Name} is not a [JsonDerivedType] of PlanItem");
        json.Flush();
        var start = buffer.WrittenCount;
        JsonSerializer.Serialize(json, item, kind.TypeInfo);    // flushes
        var written = buffer.WrittenSpan[start..];
        var open = written.IndexOf((byte)'{') + 1;
        var length = written[open..].IndexOf((byte)'"');
        // A copy: the line break and indentation are bytes of the buffer, which Insert moves.
        var indentation = length <= 128 ? stackalloc byte[length] : new byte[length];
        written.Slice(open, length).CopyTo(indentation);
        buffer.Insert(start + open, indentation, kind.Property);
    }

    /// <summary>Each item type's generated contract, and its discriminator as a property: <c>"kind": "runService",</c>.</summary>
    private static readonly FrozenDictionary<Type, ItemKind> Kinds = ItemKinds();

    private sealed record ItemKind(JsonTypeInfo TypeInfo, byte[] Property);

    private static FrozenDictionary<Type, ItemKind> ItemKinds()
    {
        var polymorphism = Context.PlanItem.PolymorphismOptions
            ?? throw new InvalidOperationException("PlanItem has no [JsonPolymorphic] discriminator");
        var name = JsonEncodedText.Encode(polymorphism.TypeDiscriminatorPropertyName, WriterOptions.Encoder);
        return polymorphism.DerivedTypes.ToFrozenDictionary(
            d => d.DerivedType,
            d => new ItemKind(
                Context.GetTypeInfo(d.DerivedType) ?? throw new InvalidOperationException($"no generated contract for {d.DerivedType.Name}"),
                Encoding.UTF8.GetBytes($"\"{name}\": \"{JsonEncodedText.Encode((string)d.TypeDiscriminator!, WriterOptions.Encoder)}\",")));
    }

    /// <summary>Moves the serialized bytes to the output; they end on a whole token, so never inside a character.</summary>
    private static void PassOn(Utf8JsonWriter json, JsonBuffer buffer, Action<ReadOnlySpan<byte>> output, int whenAbove)
    {
        if (json.BytesPending + buffer.WrittenCount <= whenAbove) return;
        json.Flush();
        output(buffer.WrittenSpan);
        buffer.Clear();
    }

    /// <summary>The serialized JSON held before it is passed on; bytes can be put in before the end (an item's kind).</summary>
    private sealed class JsonBuffer(int capacity) : IBufferWriter<byte>
    {
        private byte[] _bytes = new byte[capacity];

        public int WrittenCount { get; private set; }

        public ReadOnlySpan<byte> WrittenSpan => _bytes.AsSpan(0, WrittenCount);

        public void Advance(int count) => WrittenCount += count;

        public Memory<byte> GetMemory(int sizeHint = 0)
        {
            Reserve(sizeHint);
            return _bytes.AsMemory(WrittenCount);
        }

        public Span<byte> GetSpan(int sizeHint = 0)
        {
            Reserve(sizeHint);
            return _bytes.AsSpan(WrittenCount);
        }

        public void Clear() => WrittenCount = 0;

        /// <summary>Puts <paramref name="first"/> then <paramref name="second"/> (not spans of this buffer) at <paramref name="at"/>, moving what follows.</summary>
        public void Insert(int at, ReadOnlySpan<byte> first, ReadOnlySpan<byte> second)
        {
            var length = first.Length + second.Length;
            Reserve(length);
            _bytes.AsSpan(at, WrittenCount - at).CopyTo(_bytes.AsSpan(at + length));
            first.CopyTo(_bytes.AsSpan(at));
            second.CopyTo(_bytes.AsSpan(at + first.Length));
            WrittenCount += length;
        }

        /// <summary>Room for <paramref name="sizeHint"/> more bytes; may replace the array, so spans of it are taken after.</summary>
        private void Reserve(int sizeHint)
        {
            var needed = WrittenCount + Math.Max(sizeHint, 1);
            if (needed > _bytes.Length) Array.Resize(ref _bytes, Math.Max(needed, _bytes.Length * 2));
        }
    }
}
