using System.CommandLine;

namespace Callmap.Cli;

/// <summary>
/// An option that takes one of a few words (--format, --fail-on). System.CommandLine's own enum parsing
/// answers a wrong word with the .NET type name; this one names the option and the words it accepts.
/// </summary>
public static class ChoiceOption
{
    /// <param name="allowed">The values accepted, when not all of the enum's (diff has no json form).</param>
    public static Option<T> Create<T>(string name, string alias, string description, T defaultValue, params T[] allowed) where T : struct, Enum
    {
        var choices = (allowed.Length > 0 ? allowed : Enum.GetValues<T>()).ToDictionary(v => v.ToString().ToLowerInvariant(), v => v);
        var words = string.Join(", ", choices.Keys);
        var option = alias.Length > 0 ? new Option<T>(name, alias) : new Option<T>(name);
        option.Description = description;
        option.DefaultValueFactory = _ => defaultValue;
        option.HelpName = string.Join("|", choices.Keys);
        option.CustomParser = result =>
        {
            var written = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
            if (choices.TryGetValue(written.ToLowerInvariant(), out var value)) return value;
            result.AddError($"{name} cannot be '{Reports.DiagnosticsReport.Bounded(written, 100)}'; write one of: {words}");
            return defaultValue;
        };
        option.CompletionSources.Add(choices.Keys.ToArray());
        return option;
    }
}
