using Callmap.Diagnostics;

namespace Callmap.Planning;

/// <summary>One token audience that several services accept, and the line that makes it shared.</summary>
public sealed record SharedAudience(string Audience, IReadOnlyList<string> Workloads, SourceLocation At);

/// <summary>
/// Cloud Run accepts an ID token whose audience is the service's URL or one of its custom audiences
/// (gcp-facts.md § Who Cloud Run lets in). When two services share a custom audience, or one lists the
/// other's run.app URL as its own, a token sent to one is accepted by the other: the receiving service
/// (or anyone who logs its requests) can replay the token of any caller that is granted on both.
/// </summary>
public static class SharedAudiences
{
    public static IReadOnlyList<SharedAudience> In(Plan plan)
    {
        var accepting = new Dictionary<string, List<(WorkloadItem Workload, bool Custom)>>(StringComparer.Ordinal);
        foreach (var w in plan.OfType<WorkloadItem>())
        {
            Add(accepting, w.Url, w, custom: false);
            if (w is RunServiceItem run)
                foreach (var audience in run.CustomAudiences.Distinct(StringComparer.Ordinal)) Add(accepting, audience, w, custom: true);
        }
        // Nearly every audience has one service: only those with several entries are looked at closer.
        return accepting.Where(a => a.Value.Count > 1 && a.Value.Select(x => x.Workload.Workload).Distinct(StringComparer.Ordinal).Count() > 1)
            .Select(a => new SharedAudience(a.Key, a.Value.Select(x => x.Workload.Workload).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
                a.Value.First(x => x.Custom).Workload.Source))
            .OrderBy(s => s.At).ThenBy(s => s.Audience, StringComparer.Ordinal)
            .ToList();
    }

    private static void Add(Dictionary<string, List<(WorkloadItem, bool)>> accepting, string audience, WorkloadItem w, bool custom)
    {
        var key = audience.TrimEnd('/');
        if (!accepting.TryGetValue(key, out var list)) accepting[key] = list = [];
        list.Add((w, custom));
    }

    /// <summary>The preview's warning for one shared audience.</summary>
    public static string Warning(SharedAudience shared) =>
        $"⚠ {string.Join(" and ", shared.Workloads)} accept the same token audience {shared.Audience}: a token sent to one is accepted by the other, for any caller granted on both";
}
