using Callmap.Cli;

return CallmapCommand.Run(args, Terminal.FromProcess());
