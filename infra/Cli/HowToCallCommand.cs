using System.CommandLine;
using Callmap.Calling;

namespace Callmap.Cli;

/// <summary><c>callmap how-to-call CALLER SERVICE --map MAP</c>: the audience, URL, grant and token recipe for one edge.</summary>
public static class HowToCallCommand
{
    public static Command Create(Terminal terminal)
    {
        var caller = new Argument<string>("caller") { Description = "A caller as the map writes it: api, group:devs@acme.shop, schedule/nightly, ..." };
        var service = new Argument<string>("service") { Description = "The service it calls" };
        var map = new Option<FileInfo>("--map", "-m") { Description = "The access map, e.g. stacks/dev.yaml", Required = true };
        var command = new Command("how-to-call", "Show how one caller of the map gets a token for one service, and which grant lets it in")
        {
            caller,
            service,
            map,
        };
        command.SetAction(parse => Run(parse.GetValue(caller)!, parse.GetValue(service)!, parse.GetValue(map)!, terminal));
        return command;
    }

    public static int Run(string caller, string service, FileInfo mapFile, Terminal terminal)
    {
        if (MapInput.Load(mapFile, terminal) is not { } map) return ExitCodes.BadInput;
        var (instructions, refusal) = HowToCall.For(map, Planning.Planner.Create(map), caller, service);
        if (refusal is not null)
        {
            terminal.Error.Write(HowToCallReport.Render(refusal));
            return ExitCodes.BadInput;
        }
        terminal.Out.Write(HowToCallReport.Render(instructions!));
        return ExitCodes.Ok;
    }
}
