using Callmap.Cli;

var terminal = Terminal.FromProcess();
try
{
    return CallmapCommand.Run(args, terminal);
}
finally
{
    terminal.Flush();
}
