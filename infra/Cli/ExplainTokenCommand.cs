using System.CommandLine;
using Callmap.Loading;
using Callmap.Planning;
using Callmap.Tokens;

namespace Callmap.Cli;

/// <summary><c>callmap explain-token TOKEN|FILE --service NAME --map MAP</c>: what the service would answer to this token, and the fix.</summary>
public static class ExplainTokenCommand
{
    public static Command Create(Terminal terminal, Func<DateTimeOffset> clock)
    {
        var token = new Argument<string>("token") { Description = "The token (with or without 'Bearer '), or a file holding it" };
        var service = new Option<string>("--service", "-s") { Description = "The service it is sent to", Required = true };
        var map = new Option<FileInfo>("--map", "-m") { Description = "The access map, e.g. stacks/dev.yaml", Required = true };
        var command = new Command("explain-token", "Decode a token offline and predict what Cloud Run answers to it (200, 401 or 403), with the fix")
        {
            token,
            service,
            map,
        };
        command.SetAction(parse => Run(parse.GetValue(token)!, parse.GetValue(service)!, parse.GetValue(map)!, terminal, clock()));
        return command;
    }

    public static int Run(string tokenOrFile, string service, FileInfo mapFile, Terminal terminal, DateTimeOffset now)
    {
        if (MapInput.Load(mapFile, terminal) is not { } map) return ExitCodes.BadInput;
        var plan = Planner.Create(map);
        var services = plan.OfType<WorkloadItem>().Select(w => w.Workload).ToList();
        if (!services.Contains(service))
        {
            terminal.Error.WriteLine($"callmap: '{service}' is not a service of {map.File}");
            terminal.Error.WriteLine($"    fix: {Suggestions.DidYouMean(service, services)}services: {Suggestions.List(services)}");
            return ExitCodes.BadInput;
        }
        if (TokenText(tokenOrFile, terminal) is not { } token) return ExitCodes.BadInput;
        if (TokenExplainer.Explain(token, map, plan, service, now) is not { } explanation)
        {
            terminal.Error.WriteLine("callmap: this is not a token: a JWT has three base64url parts separated by '.', an OAuth access token starts with 'ya29.'");
            terminal.Error.WriteLine("    fix: pass the value of the Authorization header without 'Bearer ', or a file that holds only the token");
            return ExitCodes.BadInput;
        }
        terminal.Out.Write(TokenReport.Render(explanation, map.File));
        return ExitCodes.Ok;
    }

    /// <summary>The token itself, or the content of the file it names; both bounded like every other input.</summary>
    private static string? TokenText(string tokenOrFile, Terminal terminal)
    {
        var limit = InputKind.Token;
        if (tokenOrFile.Length > limit.MaxBytes)
        {
            terminal.Error.Write(Reports.DiagnosticsReport.Render([new Diagnostics.Diagnostic(Diagnostics.DiagnosticCodes.Limit,
                new Diagnostics.SourceLocation("TOKEN", 1, 1), $"the token is {tokenOrFile.Length:N0} characters long; tokens may be at most {limit.MaxBytes:N0}",
                "pass the value of the Authorization header without 'Bearer ', or a file that holds only the token")]));
            return null;
        }
        if (!File.Exists(tokenOrFile) && !Directory.Exists(tokenOrFile)) return tokenOrFile;
        var read = BoundedFile.Read(tokenOrFile, tokenOrFile, limit);
        if (read.Succeeded) return read.Text;
        terminal.Error.Write(Reports.DiagnosticsReport.Render([read.Error!]));
        return null;
    }
}
