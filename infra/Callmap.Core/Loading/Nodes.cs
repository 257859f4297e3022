using System.Globalization;
using Callmap.Diagnostics;
using Callmap.Yaml;

namespace Callmap.Loading;

/// <summary>Typed reads of YAML nodes. Each failure is one located error saying what to write instead.</summary>
internal static class Nodes
{
    public static YMapping? Mapping(YNode node, string what, DiagnosticBag d, string example)
    {
        if (node is YMapping mapping) return mapping;
        WrongType(node, what, "a mapping", example, d);
        return null;
    }

    public static YSequence? Sequence(YNode node, string what, DiagnosticBag d, string example)
    {
        if (node is YSequence sequence) return sequence;
        WrongType(node, what, "a list", example, d);
        return null;
    }

    public static string? Text(YNode node, string what, DiagnosticBag d, string example)
    {
        if (node is YScalar { IsNull: false } scalar) return scalar.Value;
        WrongType(node, what, "a text value", example, d);
        return null;
    }

    public static int? Int(YNode node, string what, int min, int max, DiagnosticBag d)
    {
        if (node is YScalar scalar && int.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            if (value >= min && value <= max) return value;
            d.Add(DiagnosticCodes.InvalidValue, node.At, $"'{what}' is {value}; it must be between {min} and {max}",
                $"write a whole number from {min} to {max}");
            return null;
        }
        WrongType(node, what, "a whole number", $"{min}", d);
        return null;
    }

    public static double? Number(YNode node, string what, double min, double max, DiagnosticBag d)
    {
        if (node is YScalar scalar && double.TryParse(scalar.Value, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            if (value >= min && value <= max) return value;
            d.Add(DiagnosticCodes.InvalidValue, node.At, $"'{what}' is {scalar.Value}; it must be between {min} and {max}",
                $"write a number from {min} to {max}");
            return null;
        }
        WrongType(node, what, "a number", $"{max}", d);
        return null;
    }

    public static bool? Bool(YNode node, string what, DiagnosticBag d)
    {
        if (node is YScalar { IsPlain: true, Value: "true" or "True" or "TRUE" }) return true;
        if (node is YScalar { IsPlain: true, Value: "false" or "False" or "FALSE" }) return false;
        WrongType(node, what, "true or false", "true", d);
        return null;
    }

    /// <summary>One of a fixed set of words, with "did you mean" for near misses.</summary>
    public static T? Choice<T>(YNode node, string what, IReadOnlyDictionary<string, T> choices, DiagnosticBag d) where T : struct =>
        ChoiceOf(node, what, choices, d, out var value) ? value : null;

    public static string? Word(YNode node, string what, IReadOnlyDictionary<string, string> choices, DiagnosticBag d) =>
        ChoiceOf(node, what, choices, d, out var value) ? value : null;

    private static bool ChoiceOf<T>(YNode node, string what, IReadOnlyDictionary<string, T> choices, DiagnosticBag d, out T value)
    {
        var words = string.Join(", ", choices.Keys);
        if (node is YScalar { IsNull: false } scalar)
        {
            if (choices.TryGetValue(scalar.Value, out value!)) return true;
            d.Add(DiagnosticCodes.InvalidValue, node.At, $"'{what}' cannot be '{scalar.Value}'",
                $"{Suggestions.DidYouMean(scalar.Value, choices.Keys)}write one of: {words}");
            return false;
        }
        WrongType(node, what, "one of " + words, choices.Keys.First(), d);
        value = default!;
        return false;
    }

    private static void WrongType(YNode node, string what, string expected, string example, DiagnosticBag d)
    {
        var found = node is YScalar { IsNull: true } ? "nothing" : node.KindName;
        d.Add(DiagnosticCodes.WrongType, node.At, $"'{what}' must be {expected}, found {found}", $"write it as: {example}");
    }
}
