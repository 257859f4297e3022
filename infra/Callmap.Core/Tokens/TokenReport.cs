using System.Text;

namespace Callmap.Tokens;

/// <summary>The answer of <c>callmap explain-token</c>, led by the warning that nothing was verified.</summary>
public static class TokenReport
{
    public static string Render(TokenExplanation e, string mapFile)
    {
        var text = new StringBuilder();
        text.AppendLine("Decoded offline: the signature is NOT verified. Never trust these claims for access decisions.");
        text.AppendLine();
        text.AppendLine($"  kind       {e.KindText}");
        foreach (var (name, value) in e.Claims) text.AppendLine($"  {name,-10} {value}");
        text.AppendLine();
        text.AppendLine($"Against '{e.Service}' in {mapFile}:");
        foreach (var check in e.Checks) text.AppendLine($"  {(check.Passed ? "✓" : "✗")} {check.Name,-14} {check.Detail}");
        text.AppendLine();
        text.AppendLine($"Predicted: {e.Predicted}");
        if (e.Fix is not null) text.AppendLine($"Fix: {e.Fix}");
        return text.ToString().ReplaceLineEndings("\n");
    }
}
