using YamlDotNet.RepresentationModel;

namespace Callmap.Benchmarks;

/// <summary>
/// `floor FILE...`: the least any command on a map can cost — start .NET, read the file and parse it with
/// YamlDotNet's RepresentationModel. `commands` runs it as its own process beside every callmap run,
/// so each figure is set against the same machine at the same moment.
/// </summary>
public static class Floor
{
    public static int Run(string[] files)
    {
        var documents = 0;
        foreach (var file in files)
        {
            using var reader = new StreamReader(file);
            var stream = new YamlStream();
            stream.Load(reader);
            documents += stream.Documents.Count;
        }
        // Use the result, so the parse cannot be skipped.
        return documents == files.Length ? 0 : 1;
    }
}
