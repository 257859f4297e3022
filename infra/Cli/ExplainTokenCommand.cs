using System.CommandLine;
using Callmap.Loading;
using Callmap.Planning;
using Callmap.Tokens;

namespace Callmap.Cli;

/// <summary><c>callmap explain-token TOKEN|FILE --service NAME --map MAP</c>: what the service would answer to this token, and the fix.</summary>
public static class ExplainTokenCommand
{
    /// <summary>The most a token file may hold; ID tokens are about 1 KB, the largest JWTs a few tens of KB.</summary>
    public const int MaxTokenChars = 256 * 1024;

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
            terminal.Error.WriteLine($"    fix: {Suggestions.DidYouMean(service, services)}services: {string.Join(", ", services)}");
            return ExitCodes.BadInput;
        }
        var token = tokenOrFile;
        if (File.Exists(tokenOrFile))
        {
            // Read by what arrives, not by the file's stated length (a FIFO or /dev/zero states none); a token is a few KB.
            var buffer = new char[MaxTokenChars + 1];
            int read;
            try
            {
                using var reader = new StreamReader(tokenOrFile);
                read = reader.ReadBlock(buffer, 0, buffer.Length);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                terminal.Error.WriteLine($"callmap: cannot read the token file {tokenOrFile}: {e.Message}");
                terminal.Error.WriteLine("    fix: pass the token itself, or a readable file that holds only the token");
                return ExitCodes.BadInput;
            }
            if (read > MaxTokenChars)
            {
                terminal.Error.WriteLine($"callmap: the token file {tokenOrFile} holds more than {MaxTokenChars:N0} characters; Google's tokens are a few thousand");
                terminal.Error.WriteLine("    fix: pass a file that holds only the token");
                return ExitCodes.BadInput;
            }
            token = new string(buffer, 0, read);
        }
        if (TokenExplainer.Explain(token, map, plan, service, now) is not { } explanation)
        {
            terminal.Error.WriteLine("callmap: this is not a token: a JWT has three base64url parts separated by '.', an OAuth access token starts with 'ya29.'");
            terminal.Error.WriteLine("    fix: pass the value of the Authorization header without 'Bearer ', or a file that holds only the token");
            return ExitCodes.BadInput;
        }
        terminal.Out.Write(TokenReport.Render(explanation, map.File));
        return ExitCodes.Ok;
    }
}
