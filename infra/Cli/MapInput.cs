using Callmap.Loading;
using Callmap.Model;
using Callmap.Planning;
using Callmap.Reports;

namespace Callmap.Cli;

/// <summary>Every command reads a map the same way: all errors on stderr with their locations, nothing else printed.</summary>
public static class MapInput
{
    public static AccessMap? Load(FileInfo file, Terminal terminal)
    {
        var loaded = AccessMapLoader.LoadFile(file.FullName);
        if (loaded.Succeeded) return loaded.Map;
        terminal.Error.Write(DiagnosticsReport.Render(loaded.Diagnostics));
        return null;
    }

    public static Plan? Plan(FileInfo file, Terminal terminal) => Load(file, terminal) is { } map ? Planner.Create(map) : null;
}
