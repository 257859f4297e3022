using System.Text.RegularExpressions;
using Callmap.Diagnostics;
using Callmap.Model;
using Callmap.Yaml;

namespace Callmap.Loading;

/// <summary>
/// What a key under <c>callers:</c> is: a workload of the map, an IAM member written in Google's member
/// syntax, or a caller the map creates (<c>schedule/</c>, <c>push/</c>, <c>eventarc/</c>, <c>tasks/</c>).
/// </summary>
public static partial class CallerKeys
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
        if (key is "allUsers" or "allAuthenticatedUsers")
        {
            d.Add(DiagnosticCodes.PublicMember, keyNode.At, $"'{key}' cannot be a caller: {PublicMemberExplanation}", PublicMemberFix);
            return null;
        }
        if (key.StartsWith("domain:", StringComparison.Ordinal))
        {
            d.Add(DiagnosticCodes.UnknownCaller, keyNode.At, $"'{key}' would let every account of a whole domain invoke these services",
                "create a Google group for the people who need access and write 'group:NAME@DOMAIN' instead");
            return null;
        }
        foreach (var (prefix, kind) in MemberPrefixes)
        {
            if (!key.StartsWith(prefix, StringComparison.Ordinal)) continue;
            var rest = key[prefix.Length..];
            return kind switch
            {
                CallerKind.ServiceAccount when !ServiceAccountEmail().IsMatch(rest) =>
                    Invalid(keyNode, d, $"'{rest}' is not a service account e-mail", "write serviceAccount:NAME@PROJECT.iam.gserviceaccount.com"),
                CallerKind.User or CallerKind.Group when !Email().IsMatch(rest) =>
                    Invalid(keyNode, d, $"'{rest}' is not an e-mail address", $"write {prefix}NAME@DOMAIN"),
                CallerKind.Principal or CallerKind.PrincipalSet when !rest.StartsWith("iam.googleapis.com/", StringComparison.Ordinal) =>
                    Invalid(keyNode, d, $"'{key}' is not a workload identity federation identifier",
                        $"write {prefix}iam.googleapis.com/projects/PROJECT_NUMBER/locations/global/workloadIdentityPools/POOL/..."),
                // IAM compares e-mail members without case; normalising makes duplicates visible.
                CallerKind.ServiceAccount or CallerKind.User or CallerKind.Group => (prefix + rest.ToLowerInvariant(), kind),
                _ => (key, kind),
            };
        }
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

    private static (string, CallerKind)? Invalid(YScalar keyNode, DiagnosticBag d, string message, string fix)
    {
        d.Add(DiagnosticCodes.InvalidName, keyNode.At, message, fix);
        return null;
    }

    [GeneratedRegex(@"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.gserviceaccount\.com$")]
    private static partial Regex ServiceAccountEmail();

    [GeneratedRegex(@"^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")]
    private static partial Regex Email();
}
