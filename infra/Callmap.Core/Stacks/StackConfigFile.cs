using Callmap.Diagnostics;
using Callmap.Yaml;

namespace Callmap.Stacks;

/// <summary>
/// Finds where a config key is written in <c>stacks/Pulumi.STACK.yaml</c>, so that an error about a
/// stack setting points at its line. The values themselves come from Pulumi's config, which may also
/// have been set on the command line; then the error points at the file's first line.
/// </summary>
public static class StackConfigFile
{
    public static SourceLocation Locate(StackSettings stack, string key)
    {
        var start = new SourceLocation(stack.ConfigFile, 1, 1);
        if (Loading.BoundedFile.Read(stack.FullPath(stack.ConfigFile), stack.ConfigFile, Loading.InputKind.StackSettings).Text is not { } text)
            return start;
        // Errors in this file are Pulumi's to report; here it is only searched.
        var root = YamlReader.Read(stack.ConfigFile, text, YamlLimits.Default, new DiagnosticBag());
        if (root is not YMapping top || top.Entries.FirstOrDefault(e => e.Key.Value == "config")?.Value is not YMapping config)
            return start;
        return config.Entries.FirstOrDefault(e => e.Key.Value == key)?.Key.At ?? config.At;
    }
}
