using System.CommandLine;
using Callmap.Cli;

var terminal = Terminal.FromProcess();
var root = new RootCommand("callmap: least-privilege access maps for Cloud Run and Cloud Functions, planned offline")
{
    PlanCommand.Create(terminal),
};

var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    foreach (var error in parsed.Errors) terminal.Error.WriteLine($"callmap: {error.Message}");
    terminal.Error.WriteLine("Run 'callmap --help' for usage.");
    return ExitCodes.BadInput;
}
return parsed.Invoke();
