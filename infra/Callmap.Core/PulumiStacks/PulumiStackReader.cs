using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Callmap.Diagnostics;

namespace Callmap.PulumiStacks;

/// <summary>Which Pulumi document a file is.</summary>
public enum PulumiDocument
{
    /// <summary>`pulumi preview --json`: { steps: [ { op, urn, newState: { urn, type, inputs, outputs, propertyDependencies } } ] }.</summary>
    Preview,

    /// <summary>`pulumi stack export`: { version: 3, deployment: { resources: [ { urn, type, inputs, outputs, propertyDependencies } ] } }.</summary>
    State,

    /// <summary>What the CrossGuard pack (policies/crossguard) hands over: { resources: [ { urn, type, props, propertyDependencies } ] }, as @pulumi/policy's PolicyResource.</summary>
    Resources,
}

/// <summary>Bounds on what is read from a preview or state file; a file beyond them is refused with a located error.</summary>
public sealed record PulumiReadLimits(long MaxBytes, int MaxResources, int MaxDepth)
{
    public static PulumiReadLimits Default { get; } = new(128L * 1024 * 1024, 200_000, 64);
}

/// <summary>
/// Reads the GCP resources of a Pulumi preview or state export, bounded (bytes, resources, depth), with
/// errors at file:line:column and never an exception. Formats as Pulumi documents them:
/// https://www.pulumi.com/docs/iac/cli/commands/pulumi_preview/ (`--json`: "Serialize the preview diffs,
/// operations, and overall output as JSON"; each step carries the resource's newState) and
/// https://www.pulumi.com/docs/iac/cli/commands/pulumi_stack_export/ (the deployment, whose resources
/// carry urn, type, inputs, outputs and propertyDependencies).
/// </summary>
public static class PulumiStackReader
{
    /// <summary>Steps whose resource will not exist after the update.</summary>
    private static readonly HashSet<string> GoneOps = ["delete", "delete-replaced", "discard", "discard-replaced", "remove-pending-replace", "read-discard"];

    public static (IReadOnlyList<PulumiResource>? Resources, IReadOnlyList<Diagnostic> Errors) ReadFile(string path, string display, PulumiDocument kind, PulumiReadLimits? limits = null)
    {
        limits ??= PulumiReadLimits.Default;
        byte[] bytes;
        try
        {
            using var stream = File.OpenRead(path);
            if (stream.Length > limits.MaxBytes) return Fail(display, 1, 1, DiagnosticCodes.Limit, $"the file is {stream.Length:N0} bytes, more than the {limits.MaxBytes:N0} callmap reads", "check a smaller stack, or split it with `pulumi preview --target`");
            bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail(display, 1, 1, DiagnosticCodes.Io, $"cannot read the file: {e.Message}", kind == PulumiDocument.Preview ? "write it with `pulumi preview --json > preview.json`" : "write it with `pulumi stack export --file state.json`");
        }
        return Read(bytes, display, kind, limits);
    }

    /// <summary>Reads a stream (standard input) up to the byte limit; one byte more is refused, so nothing unbounded is buffered.</summary>
    public static (IReadOnlyList<PulumiResource>? Resources, IReadOnlyList<Diagnostic> Errors) ReadStream(Stream stream, string display, PulumiDocument kind, PulumiReadLimits? limits = null)
    {
        limits ??= PulumiReadLimits.Default;
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > limits.MaxBytes)
                return Fail(display, 1, 1, DiagnosticCodes.Limit, $"the input is more than the {limits.MaxBytes:N0} bytes callmap reads", "check the stack in parts");
        }
        return Read(buffer.ToArray(), display, kind, limits);
    }

    public static (IReadOnlyList<PulumiResource>? Resources, IReadOnlyList<Diagnostic> Errors) Read(byte[] bytes, string display, PulumiDocument kind, PulumiReadLimits? limits = null)
    {
        limits ??= PulumiReadLimits.Default;
        var how = kind switch
        {
            PulumiDocument.Preview => "the output of `pulumi preview --json`",
            PulumiDocument.State => "the output of `pulumi stack export`",
            _ => "{ \"resources\": [ { \"urn\", \"type\", \"props\", \"propertyDependencies\" } ] }, as policies/crossguard writes it",
        };
        if (bytes.Length > limits.MaxBytes) return Fail(display, 1, 1, DiagnosticCodes.Limit, $"the file is {bytes.Length:N0} bytes, more than the {limits.MaxBytes:N0} callmap reads", "check a smaller stack");
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(bytes, documentOptions: new JsonDocumentOptions { MaxDepth = limits.MaxDepth });
        }
        catch (JsonException e)
        {
            // Pulumi writes plain JSON: a syntax error means a truncated or mixed file (e.g. progress text before the JSON).
            return Fail(display, (int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1, DiagnosticCodes.Syntax,
                $"not valid JSON: {FirstSentence(e.Message)}", $"give {how} unchanged (stdout only, without progress text)");
        }
        var positions = UrnPositions(bytes);
        var entries = kind switch
        {
            PulumiDocument.Preview => (root as JsonObject)?["steps"] as JsonArray,
            PulumiDocument.State => ((root as JsonObject)?["deployment"] as JsonObject)?["resources"] as JsonArray,
            _ => (root as JsonObject)?["resources"] as JsonArray,
        };
        if (entries is null)
            return Fail(display, 1, 1, DiagnosticCodes.MissingKey, kind switch
                {
                    PulumiDocument.Preview => "this is not the output of `pulumi preview --json`: it has no \"steps\" list",
                    PulumiDocument.State => "this is not the output of `pulumi stack export`: it has no \"deployment.resources\" list",
                    _ => "this is not a list of Pulumi resources: it has no \"resources\" list",
                }, kind switch
                {
                    PulumiDocument.Preview => "run `pulumi preview --json > preview.json` (a state export goes to --pulumi-state)",
                    PulumiDocument.State => "run `pulumi stack export --file state.json` (a preview goes to --pulumi-preview)",
                    _ => $"give {how}",
                });
        if (entries.Count > limits.MaxResources)
            return Fail(display, 1, 1, DiagnosticCodes.Limit, $"the file holds {entries.Count:N0} {(kind == PulumiDocument.Preview ? "steps" : "resources")}, more than the {limits.MaxResources:N0} callmap checks at once", "check the stack in parts with `pulumi preview --target`");

        var resources = new List<PulumiResource>();
        var errors = new List<Diagnostic>();
        foreach (var entry in entries)
        {
            var state = kind == PulumiDocument.Preview ? Step(entry) : entry as JsonObject;
            if (state is null) continue;
            var urn = (state["urn"] as JsonValue)?.TryGetValue<string>(out var u) == true ? u : null;
            var type = (state["type"] as JsonValue)?.TryGetValue<string>(out var t) == true ? t : null;
            if (urn is null || type is null)
            {
                if (errors.Count < 20)
                    errors.Add(new Diagnostic(DiagnosticCodes.MissingKey, urn is not null && positions.TryGetValue(urn, out var p) ? Location(display, p) : new SourceLocation(display, 1, 1),
                        $"a resource without {(urn is null ? "\"urn\"" : "\"type\"")}", $"give {how} unchanged"));
                continue;
            }
            if (!type.StartsWith("gcp:", StringComparison.Ordinal)) continue;   // the stack, providers and other clouds are not judged
            var properties = Overlay(state, kind switch { PulumiDocument.Preview => ["inputs", "outputs"], PulumiDocument.State => ["outputs", "inputs"], _ => ["props"] });
            // A state export keeps the provider's id beside the outputs; other resources refer to it (a backend's securityPolicy, a proxy's urlMap).
            if (!properties.ContainsKey("id") && state["id"] is JsonValue id) properties["id"] = id.DeepClone();
            resources.Add(new PulumiResource(urn, type, properties, Dependencies(state), positions.TryGetValue(urn, out var at) ? Location(display, at) : new SourceLocation(display, 1, 1)));
        }
        return errors.Count > 0 ? (null, errors) : (resources, []);
    }

    /// <summary>The state a step leaves: its newState, unless the step removes the resource.</summary>
    private static JsonObject? Step(JsonNode? step) =>
        step is JsonObject s && !(s["op"] is JsonValue op && op.TryGetValue<string>(out var name) && GoneOps.Contains(name)) ? s["newState"] as JsonObject : null;

    /// <summary>The first section's properties, with those it lacks taken from the second.</summary>
    private static JsonObject Overlay(JsonObject state, string[] sections)
    {
        var result = new JsonObject();
        foreach (var section in sections)
            if (state[section] is JsonObject props)
                foreach (var (key, value) in props)
                    if (!result.ContainsKey(key)) result[key] = value?.DeepClone();
        return result;
    }

    private static Dictionary<string, IReadOnlyList<string>> Dependencies(JsonObject state)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (state["propertyDependencies"] is JsonObject deps)
            foreach (var (key, value) in deps)
                result[key] = value is JsonArray list ? list.Select(n => (n as JsonValue)?.TryGetValue<string>(out var s) == true ? s : null).OfType<string>().ToList() : [];
        return result;
    }

    /// <summary>Where each URN is first written ("urn": "..."), as line and column (1-based, columns in characters); one pass over the file.</summary>
    private static Dictionary<string, (int Line, int Column)> UrnPositions(byte[] bytes)
    {
        var lineStarts = new List<int> { 0 };
        for (var i = 0; i < bytes.Length; i++)
            if (bytes[i] == (byte)'\n') lineStarts.Add(i + 1);
        var result = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = 256 });
        var afterUrnKey = false;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName) afterUrnKey = reader.ValueTextEquals("urn");
            else
            {
                if (afterUrnKey && reader.TokenType == JsonTokenType.String && reader.GetString() is { } urn && !result.ContainsKey(urn))
                {
                    var offset = (int)reader.TokenStartIndex;
                    var line = lineStarts.BinarySearch(offset);
                    if (line < 0) line = ~line - 1;
                    result[urn] = (line + 1, Encoding.UTF8.GetCharCount(bytes, lineStarts[line], offset - lineStarts[line]) + 1);
                }
                afterUrnKey = false;
            }
        }
        return result;
    }

    private static SourceLocation Location(string display, (int Line, int Column) at) => new(display, at.Line, at.Column);

    private static (IReadOnlyList<PulumiResource>?, IReadOnlyList<Diagnostic>) Fail(string file, int line, int column, string code, string message, string fix) =>
        (null, [new Diagnostic(code, new SourceLocation(file, line, column), message, fix)]);

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" LineNumber", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd('.', ' ');
    }
}
