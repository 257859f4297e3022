namespace Callmap.Loading;

/// <summary>"Did you mean …?" for misspelt keys and names, and the lists of names a fix offers; both bounded.</summary>
public static class Suggestions
{
    /// <summary>Names Google accepts are at most 63 characters, members a few hundred; a longer word is no typo of a name.</summary>
    public const int MaxWrittenLength = 256;

    /// <summary>How many candidates one suggestion looks at (a map has at most a few thousand services).</summary>
    public const int MaxCandidates = 100_000;

    /// <summary>How many names a fix lists before "and N more".</summary>
    public const int MaxListed = 20;

    /// <summary>The candidate closest to <paramref name="written"/>, if it is close enough to be a likely typo.</summary>
    public static string? Closest(string written, IEnumerable<string> candidates)
    {
        if (written.Length > MaxWrittenLength) return null;
        // A third of the word may be wrong: 'imgae' → 'image', but not 'api' → 'region'.
        var limit = Math.Max(1, written.Length / 3);
        var lowered = written.ToLowerInvariant();
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates.Take(MaxCandidates))
        {
            // The distance is at least the difference in length: most candidates need no comparison at all.
            if (Math.Abs(candidate.Length - written.Length) > limit) continue;
            var distance = Distance(lowered, candidate.ToLowerInvariant(), limit);
            if (distance < bestDistance || (distance == bestDistance && string.CompareOrdinal(candidate, best) < 0))
                (best, bestDistance) = (candidate, distance);
        }
        return best is not null && bestDistance <= limit ? best : null;
    }

    /// <summary>" Did you mean 'x'?" or an empty string.</summary>
    public static string DidYouMean(string written, IEnumerable<string> candidates) =>
        Closest(written, candidates) is { } match ? $"did you mean '{match}'? " : "";

    /// <summary>"a, b, c" — or the first <see cref="MaxListed"/> and "and 4,980 more".</summary>
    public static string List(IEnumerable<string> names)
    {
        var all = names as IReadOnlyCollection<string> ?? names.ToList();
        return all.Count <= MaxListed
            ? string.Join(", ", all)
            : $"{string.Join(", ", all.Take(MaxListed))} and {all.Count - MaxListed:N0} more";
    }

    /// <summary>
    /// Optimal string alignment distance (Levenshtein plus swapped neighbours, the commonest typo), in three
    /// rows instead of a matrix; once every cell of a row exceeds <paramref name="limit"/> the answer is limit + 1.
    /// </summary>
    internal static int Distance(string a, string b, int limit = int.MaxValue)
    {
        if (limit != int.MaxValue && Math.Abs(a.Length - b.Length) > limit) return limit + 1;
        var (beforePrevious, previous, current) = (new int[b.Length + 1], new int[b.Length + 1], new int[b.Length + 1]);
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMinimum = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    value = Math.Min(value, beforePrevious[j - 2] + 1);
                current[j] = value;
                rowMinimum = Math.Min(rowMinimum, value);
            }
            if (rowMinimum > limit) return limit + 1;
            (beforePrevious, previous, current) = (previous, current, beforePrevious);
        }
        return previous[b.Length];
    }
}
