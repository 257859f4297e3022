using System.CommandLine;
using Callmap.Graph;

namespace Callmap.Cli;

public enum GraphFormat
{
    /// <summary>Renders in GitHub comments and Markdown files.</summary>
    Mermaid,
    /// <summary>For Graphviz: <c>| dot -Tsvg</c>.</summary>
    Dot,
}

/// <summary><c>callmap graph MAP [--format mermaid|dot]</c>: who may invoke what, as a picture.</summary>
public static class GraphCommand
{
    public static Command Create(Terminal terminal)
    {
        var map = new Argument<FileInfo>("map") { Description = "The access map, e.g. stacks/dev.yaml" };
        var format = ChoiceOption.Create("--format", "-f", "mermaid (GitHub comments) or dot (Graphviz)", GraphFormat.Mermaid);
        var command = new Command("graph", "Draw the access graph: callers → services with their roles, end users → public services with their auth mode")
        {
            map,
            format,
        };
        command.SetAction(parse => Run(parse.GetValue(map)!, parse.GetValue(format), terminal));
        return command;
    }

    public static int Run(FileInfo mapFile, GraphFormat format, Terminal terminal)
    {
        if (MapInput.Plan(mapFile, terminal) is not { } plan) return ExitCodes.BadInput;
        var graph = AccessGraph.From(plan);
        if (format == GraphFormat.Dot) DotGraph.Write(graph, terminal.Out);
        else MermaidGraph.Write(graph, terminal.Out);
        return ExitCodes.Ok;
    }
}
