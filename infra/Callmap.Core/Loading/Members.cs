using System.Text.RegularExpressions;
using Callmap.Diagnostics;
using Callmap.Model;

namespace Callmap.Loading;

/// <summary>
/// The one grammar of IAM members, used wherever a map names one (caller keys, <c>public.iap.members</c>).
/// Shapes follow Google's "Principal identifiers" page for allow policies (IAM v1),
/// https://cloud.google.com/iam/docs/principal-identifiers:
/// <c>user:EMAIL</c>, <c>group:EMAIL</c>, <c>serviceAccount:EMAIL</c>, and for identity federation
/// <c>principal://iam.googleapis.com/locations/global/workforcePools/POOL_ID/subject/SUBJECT_ATTRIBUTE_VALUE</c>,
/// <c>principalSet://iam.googleapis.com/locations/global/workforcePools/POOL_ID/group/GROUP_ID</c>,
/// <c>…/attribute.ATTRIBUTE_NAME/ATTRIBUTE_VALUE</c>, <c>…/*</c>, and the same under
/// <c>iam.googleapis.com/projects/PROJECT_NUMBER/locations/global/workloadIdentityPools/POOL_ID/</c>.
/// Public forms (allUsers, allAuthenticatedUsers, principalSet://goog/public:all, consumer domains,
/// wildcards) are refused everywhere; <c>domain:</c> is refused as today.
/// </summary>
public static partial class Members
{
    /// <summary>Where a member is written: the words for it, and what to do instead of a public member there.</summary>
    public sealed record MemberUse(string Role, string PublicFix);

    public static readonly MemberUse Caller = new("a caller", CallerKeys.PublicMemberFix);

    public static readonly MemberUse IapMember = new("an IAP member",
        "name the groups or users IAP should admit; for anonymous content use auth: none with a reason");

    public const string Forms =
        "user:NAME@DOMAIN, group:NAME@DOMAIN, serviceAccount:NAME@PROJECT.iam.gserviceaccount.com, "
        + "principal://iam.googleapis.com/projects/PROJECT_NUMBER/locations/global/workloadIdentityPools/POOL/subject/SUBJECT, "
        + "or principalSet://iam.googleapis.com/…/workloadIdentityPools/POOL/(group/GROUP | attribute.NAME/VALUE | *)";

    private static readonly IReadOnlyDictionary<string, CallerKind> Prefixes = new Dictionary<string, CallerKind>
    {
        ["serviceAccount:"] = CallerKind.ServiceAccount,
        ["user:"] = CallerKind.User,
        ["group:"] = CallerKind.Group,
        ["principal://"] = CallerKind.Principal,
        ["principalSet://"] = CallerKind.PrincipalSet,
    };

    /// <summary>Domains whose every account is anyone on the internet with a free Google account.</summary>
    private static readonly IReadOnlySet<string> ConsumerDomains = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "gmail.com", "googlemail.com" };

    /// <summary>Whether <paramref name="written"/> is meant as an IAM member (as opposed to a workload or created caller).</summary>
    public static bool LooksLikeMember(string written) =>
        written.Equals("allUsers", StringComparison.OrdinalIgnoreCase) || written.Equals("allAuthenticatedUsers", StringComparison.OrdinalIgnoreCase)
        || written.StartsWith("domain:", StringComparison.OrdinalIgnoreCase)
        || Prefixes.Keys.Any(p => written.StartsWith(p, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The member as stored (e-mails in lower case: IAM compares them without case, so duplicates become
    /// visible) and its kind; or null after reporting, at <paramref name="at"/>, why it cannot be one.
    /// </summary>
    public static (string Member, CallerKind Kind)? Parse(string written, SourceLocation at, MemberUse use, DiagnosticBag d)
    {
        var role = use.Role;
        if (written.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            return Invalid(d, at, $"{role} '{Printable(written)}' contains spaces, line breaks or control characters", $"write one member without them: {Forms}");
        if (written.Equals("allUsers", StringComparison.OrdinalIgnoreCase) || written.Equals("allAuthenticatedUsers", StringComparison.OrdinalIgnoreCase)
            || written.StartsWith("principalSet://goog/public", StringComparison.OrdinalIgnoreCase))
            return Public(d, at, use, $"'{written}' cannot be {role}: {CallerKeys.PublicMemberExplanation}");
        if (written.StartsWith("domain:", StringComparison.OrdinalIgnoreCase))
        {
            var domain = written["domain:".Length..];
            if (ConsumerDomains.Contains(domain))
                return Public(d, at, use, $"'{written}' cannot be {role}: every free Google account is in {domain}, so it admits anyone");
            d.Add(DiagnosticCodes.UnknownCaller, at, $"'{written}' would let every account of a whole domain in",
                "create a Google group for the people who need access and write 'group:NAME@DOMAIN' instead");
            return null;
        }
        foreach (var (prefix, kind) in Prefixes)
        {
            if (!written.StartsWith(prefix, StringComparison.Ordinal)) continue;
            var rest = written[prefix.Length..];
            if (rest.Contains('*') && kind is not CallerKind.PrincipalSet)
                return Public(d, at, use, $"'{written}' cannot be {role}: a wildcard admits identities nobody listed");
            return kind switch
            {
                CallerKind.ServiceAccount when !ServiceAccountEmail().IsMatch(rest) =>
                    Invalid(d, at, $"'{rest}' is not a service account e-mail", "write serviceAccount:NAME@PROJECT.iam.gserviceaccount.com"),
                CallerKind.User or CallerKind.Group when !Email().IsMatch(rest) || rest.Contains("..") =>
                    Invalid(d, at, $"'{rest}' is not an e-mail address", $"write {prefix}NAME@DOMAIN"),
                CallerKind.Principal when !FederatedPool().IsMatch(rest) || !PrincipalTail().IsMatch(TailOf(rest)) || rest.Contains("..") =>
                    Invalid(d, at, $"'{Printable(written)}' is not a workload or workforce identity federation principal",
                        "write principal://iam.googleapis.com/projects/PROJECT_NUMBER/locations/global/workloadIdentityPools/POOL/subject/SUBJECT "
                        + "(or …/locations/global/workforcePools/POOL/subject/SUBJECT)"),
                CallerKind.PrincipalSet when !FederatedPool().IsMatch(rest) || !PrincipalSetTail().IsMatch(TailOf(rest)) || rest.Contains("..") =>
                    Invalid(d, at, $"'{Printable(written)}' is not a workload or workforce identity federation principal set",
                        "write principalSet://iam.googleapis.com/projects/PROJECT_NUMBER/locations/global/workloadIdentityPools/POOL/ "
                        + "followed by group/GROUP, attribute.NAME/VALUE or *"),
                CallerKind.ServiceAccount or CallerKind.User or CallerKind.Group => (prefix + rest.ToLowerInvariant(), kind),
                _ => (written, kind),
            };
        }
        return Invalid(d, at, $"'{Printable(written)}' is not an IAM member", $"write {Forms}");
    }

    /// <summary>E-mail members in lower case, as IAM compares them; anything else as written.</summary>
    public static string Normalise(string member) =>
        new[] { "serviceAccount:", "user:", "group:" }.FirstOrDefault(p => member.StartsWith(p, StringComparison.Ordinal)) is { } prefix
            ? prefix + member[prefix.Length..].ToLowerInvariant()
            : member;

    /// <summary>The part after the pool: <c>subject/…</c>, <c>group/…</c>, <c>attribute.NAME/…</c> or <c>*</c>.</summary>
    private static string TailOf(string rest) => FederatedPool().Match(rest) is { Success: true } m ? rest[m.Length..] : "";

    private static string Printable(string value)
    {
        var shown = new string(value.Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return shown.Length <= 120 ? shown : shown[..100] + "…";
    }

    private static (string, CallerKind)? Invalid(DiagnosticBag d, SourceLocation at, string message, string fix)
    {
        d.Add(DiagnosticCodes.InvalidName, at, message, fix);
        return null;
    }

    private static (string, CallerKind)? Public(DiagnosticBag d, SourceLocation at, MemberUse use, string message)
    {
        d.Add(DiagnosticCodes.PublicMember, at, message, use.PublicFix);
        return null;
    }

    [GeneratedRegex(@"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.gserviceaccount\.com$")]
    private static partial Regex ServiceAccountEmail();

    [GeneratedRegex(@"^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")]
    private static partial Regex Email();

    /// <summary>The pool part, workload (project number, pool id; GKE pools are PROJECT.svc.id.goog) or workforce.</summary>
    [GeneratedRegex(@"^iam\.googleapis\.com/(projects/[1-9][0-9]{0,18}/locations/global/workloadIdentityPools/[a-z0-9][-a-z0-9.]{2,62}|locations/global/workforcePools/[a-z0-9][-a-z0-9]{2,62})/")]
    private static partial Regex FederatedPool();

    [GeneratedRegex(@"^subject/[^/].*$")]
    private static partial Regex PrincipalTail();

    [GeneratedRegex(@"^(group/[^/]+|attribute\.[A-Za-z_][A-Za-z0-9_]*/[^/].*|\*)$")]
    private static partial Regex PrincipalSetTail();
}
