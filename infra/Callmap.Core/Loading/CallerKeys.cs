using Callmap.Diagnostics;
using Callmap.Model;
using Callmap.Yaml;

namespace Callmap.Loading;

/// <summary>
/// What a key under <c>callers:</c> is: a workload of the map, an IAM member written in Google's member
/// syntax, or a caller the map creates (<c>schedule/</c>, <c>push/</c>, <c>eventarc/</c>, <c>tasks/</c>).
/// </summary>
public static class CallerKeys
{
    public static readonly IReadOnlyDictionary<string, CallerKind> CreatedPrefixes = new Dictionary<string, CallerKind>
    {
        ["schedule/"] = CallerKind.Scheduler,
        ["push/"] = CallerKind.PubSubPush,
        ["eventarc/"] = CallerKind.Eventarc,
        ["tasks/"] = CallerKind.CloudTasks,
    };

    private static readonly IReadOnlyDictionary<string, CallerKind> MemberPrefixes = new Dictionary<string, CallerKind>
    {
        ["serviceAccount:"] = CallerKind.ServiceAccount,
        ["user:"] = CallerKind.User,
        ["group:"] = CallerKind.Group,
        ["principal://"] = CallerKind.Principal,
        ["principalSet://"] = CallerKind.PrincipalSet,
    };

    /// <summary>The explanation given wherever someone writes allUsers or allAuthenticatedUsers.</summary>
    public const string PublicMemberExplanation =
        "end users signed in with Firebase / Identity Platform are not IAM principals, so Cloud Run rejects their tokens whatever the grant; "
        + "'allUsers' makes the service callable by anyone at its run.app URL, past any rate limit, and 'allAuthenticatedUsers' admits every Google account in the world";

    public const string PublicMemberFix =
        "remove this caller; to serve end users, expose the service through the load balancer with 'public: { hosts: [...], auth: ... }' "
        + "(see README \"Exposing a service\"), which disables the invoker check only behind Cloud Armor and has the app verify the user's token";

    /// <summary>The normalised key and its kind, or null after reporting why the key is not a caller.</summary>
    public static (string Key, CallerKind Kind)? Classify(YScalar keyNode, DiagnosticBag d)
    {
        var key = keyNode.Value.Trim();
        if (Members.LooksLikeMember(key)) return Members.Parse(key, keyNode.At, Members.Caller, d);
        foreach (var (prefix, kind) in CreatedPrefixes)
            if (key.StartsWith(prefix, StringComparison.Ordinal))
                return (key, kind);

        if (key.Contains(':') || key.Contains('/'))
        {
            var written = key[..(key.IndexOfAny([':', '/']) + 1)];
            var known = MemberPrefixes.Keys.Concat(CreatedPrefixes.Keys).ToList();
            d.Add(DiagnosticCodes.UnknownCaller, keyNode.At, $"'{written}' is not a kind of caller",
                $"{Suggestions.DidYouMean(written, known)}a caller is a service of this map, or starts with one of: {string.Join(", ", known)}");
            return null;
        }
        return (key, CallerKind.Workload);
    }
}
