using System.Text;
using Callmap.Diagnostics;

namespace Callmap.Reports;

/// <summary>Every problem of a map, one block each: where, what, and what to write instead.</summary>
public static class DiagnosticsReport
{
    public static string Render(IReadOnlyList<Diagnostic> diagnostics)
    {
        var text = new StringBuilder();
        foreach (var d in diagnostics)
        {
            text.AppendLine($"{d.At}: error[{d.Code}] {d.Message}");
            text.AppendLine($"    fix: {d.Fix}");
        }
        var files = diagnostics.Select(d => d.At.File).Distinct().ToList();
        text.AppendLine($"{diagnostics.Count} error{(diagnostics.Count == 1 ? "" : "s")} in {string.Join(", ", files)}; nothing was planned.");
        return text.ToString().ReplaceLineEndings("\n");
    }
}
