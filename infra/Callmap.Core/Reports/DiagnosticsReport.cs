using System.Text;
using Callmap.Diagnostics;

namespace Callmap.Reports;

/// <summary>
/// Every problem of a map, one block each: where, what, and what to write instead. Bounded whatever the map:
/// at most <see cref="MaxShown"/> blocks (the count of the rest is said), and no line longer than
/// <see cref="MaxLineLength"/> characters, so a map of 5,000 mistakes or a 10 MB value still prints a page.
/// </summary>
public static class DiagnosticsReport
{
    /// <summary>Errors shown in full; the first ones by location, which is where fixing starts.</summary>
    public const int MaxShown = 50;

    /// <summary>A message or fix longer than this is cut, saying how long it was.</summary>
    public const int MaxLineLength = 1_000;

    /// <summary>Files named in the summary line.</summary>
    private const int MaxFilesNamed = 5;

    public static string Render(IReadOnlyList<Diagnostic> diagnostics)
    {
        var text = new StringBuilder();
        foreach (var d in diagnostics.Take(MaxShown))
        {
            text.AppendLine(Bounded($"{d.At}: error[{d.Code}] {d.Message}"));
            text.AppendLine(Bounded($"    fix: {d.Fix}"));
        }
        if (diagnostics.Count > MaxShown)
            text.AppendLine($"… and {diagnostics.Count - MaxShown:N0} more errors not shown; fix these first, then run again.");
        var files = diagnostics.Select(d => d.At.File).Distinct().ToList();
        var named = string.Join(", ", files.Take(MaxFilesNamed).Select(f => Bounded(f, 200)))
            + (files.Count > MaxFilesNamed ? $" and {files.Count - MaxFilesNamed:N0} more files" : "");
        text.AppendLine($"{diagnostics.Count:N0} error{(diagnostics.Count == 1 ? "" : "s")} in {named}; nothing was planned.");
        return text.ToString().ReplaceLineEndings("\n");
    }

    /// <summary>The line, or its start, an ellipsis and its length: "… (10,485,790 characters)".</summary>
    public static string Bounded(string line, int max = MaxLineLength)
    {
        if (line.Length <= max) return line;
        var cut = max - 40;
        if (char.IsHighSurrogate(line[cut - 1])) cut--;
        return $"{line[..cut]}… ({line.Length:N0} characters)";
    }
}
