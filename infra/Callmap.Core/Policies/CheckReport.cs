using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Callmap.Reports;

namespace Callmap.Policies;

/// <summary>The findings of `callmap check`, for people (text, grouped by rule) and for code scanning (SARIF 2.1.0).</summary>
public static class CheckReport
{
    /// <summary><paramref name="verb"/> names the command in the heading: check, or audit (whose findings are in the same shape).</summary>
    public static string Text(CheckResult result, string mapFile, IReadOnlyList<string> policyFiles, string verb = "check")
    {
        var text = new StringBuilder($"callmap {verb} · {mapFile} · policies: {string.Join(", ", policyFiles)}\n");
        foreach (var group in result.Findings.GroupBy(f => f.RuleId))
        {
            var rule = result.Evaluated.Single(e => e.Rule.Id == group.Key).Rule;
            var level = group.First().Level;
            text.AppendLine().AppendLine($"{(level == PolicyLevel.Mandatory ? "✗" : "!")} {rule.Id} ({Word(level)}): {rule.Title}");
            foreach (var f in group)
            {
                // Messages, fixes and subjects quote map strings: each stays on its line.
                text.AppendLine($"    {f.At}: {SafeText.OneLine(f.Message)}");
                text.AppendLine($"      fix: {SafeText.OneLine(f.Fix)}");
                text.AppendLine($"      subject: {SafeText.OneLine(f.Subject)}");
            }
            text.AppendLine($"    why: {rule.Help} ({rule.DocsAnchor})");
        }
        if (result.ActiveWaivers.Count > 0)
        {
            text.AppendLine().AppendLine($"Active waivers ({result.ActiveWaivers.Count}):");
            foreach (var w in result.ActiveWaivers)
                text.AppendLine($"    {w.At}: {SafeText.OneLine(w.Rule)} for {SafeText.OneLine(w.Subject)} until {w.Expires:yyyy-MM-dd}, {result.Waived.Count(x => x.Waiver == w)} finding(s) waived: {SafeText.OneLine(w.Reason)}");
        }
        var mandatory = result.Findings.Count(f => f.Level == PolicyLevel.Mandatory);
        var advisory = result.Findings.Count - mandatory;
        var passed = result.Evaluated.Count(e => result.Findings.All(f => f.RuleId != e.Rule.Id));
        if (result.Disabled.Count > 0)
            text.AppendLine().AppendLine($"Disabled by the policy files ({result.Disabled.Count}), judging nothing: {string.Join(", ", result.Disabled)}");
        text.AppendLine().AppendLine($"{mandatory} mandatory violation{(mandatory == 1 ? "" : "s")}, {advisory} advisory finding{(advisory == 1 ? "" : "s")}, {passed} of {result.Evaluated.Count} rules passed.");
        return text.ToString();
    }

    /// <summary>SARIF 2.1.0: one run, every evaluated rule with its help, one result per finding at its map line.</summary>
    public static string Sarif(CheckResult result, string informationUri = InformationUri)
    {
        var text = new StringWriter();
        WriteSarif(result, text, informationUri);
        return text.ToString();
    }

    /// <summary>As <see cref="Sarif"/>, written to <paramref name="output"/> as it is produced, result by result.</summary>
    public static void WriteSarif(CheckResult result, TextWriter output, string informationUri = InformationUri)
    {
        var buffer = new ArrayBufferWriter<byte>(ChunkBytes * 2);
        using var json = new Utf8JsonWriter(buffer, SarifWriterOptions);
        json.WriteStartObject();
        json.WriteString("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        json.WriteString("version", "2.1.0");
        json.WriteStartArray("runs");
        json.WriteStartObject();

        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", "callmap");
        json.WriteString("informationUri", informationUri);
        json.WriteStartArray("rules");
        var ruleIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < result.Evaluated.Count; i++)
        {
            var (rule, level) = result.Evaluated[i];
            ruleIndex.TryAdd(rule.Id, i);
            json.WriteStartObject();
            json.WriteString("id", rule.Id);
            json.WriteString("name", rule.Id);
            WriteText(json, "shortDescription", rule.Title);
            WriteText(json, "fullDescription", rule.Help);
            WriteText(json, "help", $"{rule.Help} See {rule.DocsAnchor}.");
            json.WriteString("helpUri", $"{informationUri}/blob/main/{rule.DocsAnchor}");
            json.WriteStartObject("defaultConfiguration");
            json.WriteString("level", SarifLevel(level));
            json.WriteEndObject();
            json.WriteEndObject();
            PassOn(json, buffer, output, whenAbove: ChunkBytes);
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();

        json.WriteStartArray("results");
        foreach (var finding in result.Findings)
        {
            WriteResult(json, finding, null, ruleIndex);
            PassOn(json, buffer, output, whenAbove: ChunkBytes);
        }
        foreach (var waived in result.Waived)
        {
            WriteResult(json, waived.Finding, waived.Waiver, ruleIndex);
            PassOn(json, buffer, output, whenAbove: ChunkBytes);
        }
        json.WriteEndArray();

        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        PassOn(json, buffer, output, whenAbove: 0);
        output.Write("\n");
    }

    private const string InformationUri = "https://github.com/acme/callmap";

    /// <summary>How much SARIF is held before it is passed on.</summary>
    private const int ChunkBytes = 16 * 1024;

    /// <summary>Indented; text as written (not \u-escaped), since SARIF is JSON, not HTML, but control and direction characters escaped.</summary>
    private static readonly JsonWriterOptions SarifWriterOptions = new() { Indented = true, Encoder = TerminalSafeJsonEncoder.Instance };

    /// <summary>One SARIF result; a waived finding carries an accepted external suppression with the waiver's reason.</summary>
    private static void WriteResult(Utf8JsonWriter json, Finding f, Model.Waiver? waiver, IReadOnlyDictionary<string, int> ruleIndex)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", f.RuleId);
        json.WriteNumber("ruleIndex", ruleIndex.GetValueOrDefault(f.RuleId, -1));
        json.WriteString("level", SarifLevel(f.Level));
        WriteText(json, "message", $"{f.Message}. Fix: {f.Fix}");
        json.WriteStartObject("properties");
        json.WriteString("subject", f.Subject);
        json.WriteEndObject();
        json.WriteStartArray("locations");
        json.WriteStartObject();
        json.WriteStartObject("physicalLocation");
        json.WriteStartObject("artifactLocation");
        json.WriteString("uri", f.At.File);
        json.WriteEndObject();
        json.WriteStartObject("region");
        json.WriteNumber("startLine", f.At.Line);
        json.WriteNumber("startColumn", f.At.Column);
        json.WriteEndObject();
        json.WriteEndObject();
        if (f.Resource is not null)
        {
            json.WriteStartArray("logicalLocations");
            json.WriteStartObject();
            json.WriteString("fullyQualifiedName", f.Resource);
            json.WriteString("kind", "resource");
            json.WriteEndObject();
            json.WriteEndArray();
        }
        json.WriteEndObject();
        json.WriteEndArray();
        if (waiver is not null)
        {
            json.WriteStartArray("suppressions");
            json.WriteStartObject();
            json.WriteString("kind", "external");
            json.WriteString("status", "accepted");
            json.WriteString("justification", $"{waiver.Reason} (waived until {waiver.Expires:yyyy-MM-dd} at {waiver.At})");
            json.WriteEndObject();
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }

    /// <summary>SARIF's message object: <c>{ "text": … }</c>.</summary>
    private static void WriteText(Utf8JsonWriter json, string property, string text)
    {
        json.WriteStartObject(property);
        json.WriteString("text", text);
        json.WriteEndObject();
    }

    /// <summary>Moves the written bytes to the output; they end on a whole token, so never inside a character.</summary>
    private static void PassOn(Utf8JsonWriter json, ArrayBufferWriter<byte> buffer, TextWriter output, int whenAbove)
    {
        if (json.BytesPending + buffer.WrittenCount <= whenAbove) return;
        json.Flush();
        output.Write(Encoding.UTF8.GetString(buffer.WrittenSpan));
        buffer.ResetWrittenCount();
    }

    /// <summary>Markdown for a pull-request comment: a line per rule, failures first, then the findings with their fixes.</summary>
    public static string Markdown(CheckResult result, string mapFile, IReadOnlyList<string> policyFiles, string verb = "check")
    {
        var md = new StringBuilder($"## callmap {verb}: {SafeText.Code(mapFile)}\n\n");
        md.AppendLine($"Policies: {string.Join(", ", policyFiles.Select(SafeText.Code))}").AppendLine();
        md.AppendLine("| rule | level | result |").AppendLine("|---|---|---|");
        foreach (var (rule, level) in result.Evaluated.OrderBy(e => result.Findings.All(f => f.RuleId != e.Rule.Id)).ThenBy(e => e.Rule.Id, StringComparer.Ordinal))
        {
            var count = result.Findings.Count(f => f.RuleId == rule.Id);
            md.AppendLine($"| [`{rule.Id}`]({rule.DocsAnchor}) | {Word(level)} | {(count == 0 ? "✓ passed" : $"{(level == PolicyLevel.Mandatory ? "✗" : "!")} {count} finding{(count == 1 ? "" : "s")}")} |");
        }
        foreach (var group in result.Findings.GroupBy(f => f.RuleId))
        {
            md.AppendLine().AppendLine($"### `{group.Key}`").AppendLine();
            foreach (var f in group) md.AppendLine($"- {SafeText.Code(f.At.ToString())}: {SafeText.Markdown(f.Message)}. **Fix**: {SafeText.Markdown(f.Fix)} (subject: {SafeText.Code(f.Subject)})");
        }
        if (result.ActiveWaivers.Count > 0)
        {
            md.AppendLine().AppendLine("### Active waivers").AppendLine().AppendLine("| rule | subject | until | waived | reason |").AppendLine("|---|---|---|---|---|");
            foreach (var w in result.ActiveWaivers)
                md.AppendLine($"| {SafeText.Code(w.Rule)} | {SafeText.Code(w.Subject)} | {w.Expires:yyyy-MM-dd} | {result.Waived.Count(x => x.Waiver == w)} | {SafeText.Markdown(w.Reason)} |");
        }
        if (result.Disabled.Count > 0)
            md.AppendLine().AppendLine($"**Disabled by the policy files** ({result.Disabled.Count}), judging nothing: {string.Join(", ", result.Disabled.Select(SafeText.Code))}");
        return md.ToString();
    }

    /// <summary>JUnit XML for CI dashboards: one test case per rule for this stack, failed when the rule has mandatory findings.</summary>
    public static string JUnit(CheckResult result, string mapFile)
    {
        var cases = result.Evaluated.Select(e =>
        {
            var findings = result.Findings.Where(f => f.RuleId == e.Rule.Id).ToList();
            // XML 1.0 forbids most control characters: map strings in findings are shown escaped, never written raw.
            var details = Reports.SafeText.Terminal(string.Join("\n", findings.Select(f => $"{f.At}: {f.Message}. Fix: {f.Fix}")));
            return new XElement("testcase", new XAttribute("classname", Reports.SafeText.Terminal(mapFile)), new XAttribute("name", e.Rule.Id),
                findings.Count == 0 ? null
                : e.Level == PolicyLevel.Mandatory ? new XElement("failure", new XAttribute("message", $"{findings.Count} finding(s): {e.Rule.Title}"), details)
                : new XElement("system-out", details));
        }).ToList();
        var waivers = result.ActiveWaivers.Count == 0 ? null : new XElement("system-out",
            Reports.SafeText.Terminal(string.Join("\n", result.ActiveWaivers.Select(w => $"waiver: {w.Rule} for {w.Subject} until {w.Expires:yyyy-MM-dd}: {w.Reason}"))));
        var root = new XElement("testsuites", new XElement("testsuite",
            new XAttribute("name", Reports.SafeText.Terminal($"callmap check {mapFile}")),
            new XAttribute("tests", cases.Count),
            new XAttribute("failures", cases.Count(c => c.Element("failure") is not null)),
            cases, waivers));
        return $"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n{root}\n";
    }

    private static string SarifLevel(PolicyLevel level) => level == PolicyLevel.Mandatory ? "error" : "warning";

    private static string Word(PolicyLevel level) => level.ToString().ToLowerInvariant();
}
