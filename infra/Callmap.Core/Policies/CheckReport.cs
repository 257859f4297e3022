using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
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
                text.AppendLine($"    {f.At}: {f.Message}");
                text.AppendLine($"      fix: {f.Fix}");
                text.AppendLine($"      subject: {f.Subject}");
            }
            text.AppendLine($"    why: {rule.Help} ({rule.DocsAnchor})");
        }
        if (result.ActiveWaivers.Count > 0)
        {
            text.AppendLine().AppendLine($"Active waivers ({result.ActiveWaivers.Count}):");
            foreach (var w in result.ActiveWaivers)
                text.AppendLine($"    {w.At}: {w.Rule} for {w.Subject} until {w.Expires:yyyy-MM-dd}, {result.Waived.Count(x => x.Waiver == w)} finding(s) waived: {w.Reason}");
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
    public static string Sarif(CheckResult result, string informationUri = "https://github.com/acme/callmap")
    {
        var rules = new JsonArray(result.Evaluated.Select(e => (JsonNode)new JsonObject
        {
            ["id"] = e.Rule.Id,
            ["name"] = e.Rule.Id,
            ["shortDescription"] = new JsonObject { ["text"] = e.Rule.Title },
            ["fullDescription"] = new JsonObject { ["text"] = e.Rule.Help },
            ["help"] = new JsonObject { ["text"] = $"{e.Rule.Help} See {e.Rule.DocsAnchor}." },
            ["helpUri"] = $"{informationUri}/blob/main/{e.Rule.DocsAnchor}",
            ["defaultConfiguration"] = new JsonObject { ["level"] = SarifLevel(e.Level) },
        }).ToArray());
        var results = new JsonArray(result.Findings.Select(f => (f, (Model.Waiver?)null))
            .Concat(result.Waived.Select(w => (w.Finding, (Model.Waiver?)w.Waiver)))
            .Select(p => Result(p.Item1, p.Item2, result)).ToArray());
        var sarif = new JsonObject
        {
            ["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json",
            ["version"] = "2.1.0",
            ["runs"] = new JsonArray(new JsonObject
            {
                ["tool"] = new JsonObject { ["driver"] = new JsonObject { ["name"] = "callmap", ["informationUri"] = informationUri, ["rules"] = rules } },
                ["results"] = results,
            }),
        };
        return sarif.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
    }

    /// <summary>One SARIF result; a waived finding carries an accepted external suppression with the waiver's reason.</summary>
    private static JsonNode Result(Finding f, Model.Waiver? waiver, CheckResult result)
    {
        var node = new JsonObject
        {
            ["ruleId"] = f.RuleId,
            ["ruleIndex"] = result.Evaluated.Select(e => e.Rule.Id).ToList().IndexOf(f.RuleId),
            ["level"] = SarifLevel(f.Level),
            ["message"] = new JsonObject { ["text"] = $"{f.Message}. Fix: {f.Fix}" },
            ["properties"] = new JsonObject { ["subject"] = f.Subject },
            ["locations"] = new JsonArray(new JsonObject
            {
                ["physicalLocation"] = new JsonObject
                {
                    ["artifactLocation"] = new JsonObject { ["uri"] = f.At.File },
                    ["region"] = new JsonObject { ["startLine"] = f.At.Line, ["startColumn"] = f.At.Column },
                },
            }),
        };
        if (f.Resource is not null)
            ((JsonObject)node["locations"]![0]!)["logicalLocations"] = new JsonArray(new JsonObject { ["fullyQualifiedName"] = f.Resource, ["kind"] = "resource" });
        if (waiver is not null)
            node["suppressions"] = new JsonArray(new JsonObject
            {
                ["kind"] = "external",
                ["status"] = "accepted",
                ["justification"] = $"{waiver.Reason} (waived until {waiver.Expires:yyyy-MM-dd} at {waiver.At})",
            });
        return node;
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
