using System.Text;
using Callmap.Reports;

namespace Callmap.Calling;

/// <summary>The answer of <c>callmap how-to-call</c> as plain text, recipes indented so they paste cleanly.</summary>
public static class HowToCallReport
{
    public static string Render(CallInstructions call)
    {
        var text = new StringBuilder();
        text.AppendLine($"How {call.Caller} calls {call.Service}");
        text.AppendLine();
        text.AppendLine($"  url       {call.Url}");
        text.AppendLine($"  audience  {call.Audience}   (request exactly this)");
        text.AppendLine($"  grant     {call.Grant.Role} for {call.Grant.Member}");
        text.AppendLine($"            on {PlanSummary.GrantResource(call.Grant)} only, from {call.Grant.Source}");
        text.AppendLine();
        foreach (var note in call.Notes) text.AppendLine(note);
        foreach (var recipe in call.Recipes)
        {
            text.AppendLine();
            text.AppendLine($"{recipe.Title}:");
            foreach (var line in recipe.Code.Split('\n')) text.AppendLine($"    {line}");
        }
        return text.ToString().ReplaceLineEndings("\n");
    }

    public static string Render(CallRefusal refusal) =>
        $"{(refusal.At is { } at ? $"{at}: " : "")}callmap: {refusal.Message}\n    fix: {refusal.Fix}\n";
}
