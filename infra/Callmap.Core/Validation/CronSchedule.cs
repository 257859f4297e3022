namespace Callmap.Validation;

/// <summary>
/// Cloud Scheduler's unix-cron format (cloud.google.com/scheduler/docs/configuring/cron-job-schedules):
/// five fields — minute 0–59, hour 0–23, day of month 1–31, month 1–12 or JAN–DEC, day of week 0–7
/// (0 and 7 are Sunday) or SUN–SAT — each '*', a value, a range a-b, a list a,b and an optional /step.
/// </summary>
public static class CronSchedule
{
    private static readonly (string Name, int Min, int Max, string[] Words)[] Fields =
    [
        ("minute", 0, 59, []),
        ("hour", 0, 23, []),
        ("day of month", 1, 31, []),
        ("month", 1, 12, ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]),
        ("day of week", 0, 7, ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]),
    ];

    /// <summary>Null when the schedule is valid; otherwise which field is wrong and its allowed values.</summary>
    public static string? Problem(string schedule)
    {
        var parts = schedule.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != Fields.Length) return $"a cron schedule has {Fields.Length} fields, this one {parts.Length}";
        for (var i = 0; i < parts.Length; i++)
        {
            var (name, min, max, words) = Fields[i];
            if (!parts[i].Split(',').All(item => Item(item, min, max, words)))
                return $"the {name} field '{parts[i]}' is not '*', a value from {min} to {max}{(words.Length > 0 ? $" ({words[0]}–{words[^1]})" : "")}, a range or a list, with an optional /step";
        }
        return null;
    }

    private static bool Item(string item, int min, int max, string[] words)
    {
        var (range, step) = item.Split('/') switch
        {
            [var r] => (r, "1"),
            [var r, var s] => (r, s),
            _ => ("", ""),
        };
        if (!int.TryParse(step, out var n) || n < 1 || n > max) return false;
        if (range == "*") return true;
        var bounds = range.Split('-');
        return bounds.Length is 1 or 2 && bounds.All(b => Value(b, min, max, words) is not null)
            && (bounds.Length == 1 || Value(bounds[0], min, max, words) <= Value(bounds[1], min, max, words));
    }

    private static int? Value(string text, int min, int max, string[] words)
    {
        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v))
            return v >= min && v <= max ? v : null;
        var index = Array.FindIndex(words, w => string.Equals(w, text, StringComparison.OrdinalIgnoreCase));
        return index < 0 ? null : index + min;
    }
}
