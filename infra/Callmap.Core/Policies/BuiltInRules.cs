using Callmap.Diagnostics;
using Callmap.Planning;
using Callmap.Roles;

namespace Callmap.Policies;

/// <summary>
/// The rules callmap ships. Each checks the plan (what would be deployed), so it also guards against a
/// planner bug or a hand-edited plan; each is documented under its id in policies/README.md.
/// </summary>
public static class BuiltInRules
{
    private static IReadOnlyList<string> BasicRoles => RoleCatalog.BasicRoles;

    /// <summary>The one permission each kind of grant exists for (gcp-facts.md § Who Cloud Run lets in).</summary>
    private static readonly Dictionary<PlanItemKind, string> NeededPermission = new()
    {
        [PlanItemKind.RunInvokerGrant] = GrantRoles.RunInvokePermission,
        [PlanItemKind.FunctionInvokerGrant] = GrantRoles.FunctionInvokePermission,
        [PlanItemKind.SecretAccessorGrant] = GrantRoles.SecretAccessPermission,
    };

    public static IReadOnlyList<PolicyRule> All { get; } =
    [
        new("no-public-members", "No allUsers or allAuthenticatedUsers, except on Identity Platform blocking functions",
            "allUsers makes a service callable by anyone past any rate limit; allAuthenticatedUsers admits every Google account. Serve end users with a public: block instead.",
            new Dictionary<string, ParameterKind> { ["allowBlockingFunctions"] = ParameterKind.Bool },
            (c, s) => c.Plan.OfType<GrantItem>()
                .Where(g => g.Member is "allUsers" or "allAuthenticatedUsers")
                .Where(g => !(s.Bool("allowBlockingFunctions", true) && g.Member == "allUsers" && c.Plan.PublicSurface.BlockingFunctions.Contains(g.Target)))
                .Select(g => (g.Source, Subject(g), $"{g.Member} holds {g.Role} on {g.Target}", "remove the grant; expose the service with public: { hosts: [...], auth: in-app | iap | none }"))),

        new("invoker-check-off-only-behind-edge", "The invoker check is off only on public services behind the load balancer and Cloud Armor",
            "A service without the IAM invoker check must be reachable only through the load balancer, with Cloud Armor in front.",
            new Dictionary<string, ParameterKind>(),
            (c, _) => c.Plan.OfType<RunServiceItem>().Where(r => r.InvokerIamDisabled)
                .Where(r => r.Ingress != "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER"
                    || c.Plan.Find(ItemNames.Backend(r.Workload)) is not BackendServiceItem b
                    || c.Plan.Find(b.SecurityPolicy) is null)
                .Select(r => (r.Source, r.Workload, $"{r.Workload} has no invoker check but is not limited to the load balancer with Cloud Armor",
                    "give it a public: block (which limits ingress and attaches Cloud Armor), or turn the invoker check back on"))),

        new("minimal-role", "Every grant uses the smallest predefined role holding the permission it is for",
            "A broader role grants more than the edge needs: roles/run.invoker also runs jobs, roles/run.developer deploys.",
            new Dictionary<string, ParameterKind>(),
            (c, _) => c.Plan.OfType<GrantItem>().Where(g => NeededPermission.ContainsKey(g.Kind))
                .Select(g => (g, smallest: c.Roles.SmallestRoleWith(NeededPermission[g.Kind])))
                // A role as small as the smallest (a tie) is not broader: only more permissions, or a role that does
                // not hold the permission at all, is a finding.
                .Where(p => p.g.Role != p.smallest && !AsSmallAs(c.Roles, p.g.Role, p.smallest, NeededPermission[p.g.Kind]))
                .Select(p => (p.g.Source, Subject(p.g), $"{p.g.Member} gets {p.g.Role} on {p.g.Target}, more than {p.smallest}", $"grant {p.smallest}"))),

        new("no-basic-roles", "No basic roles (owner, editor, viewer)",
            "Basic roles hold thousands of permissions across every service of the project.",
            new Dictionary<string, ParameterKind>(),
            (c, _) => c.Plan.OfType<GrantItem>().Where(g => BasicRoles.Contains(g.Role))
                .Select(g => (g.Source, Subject(g), $"{g.Member} gets the basic role {g.Role}", "grant the predefined role for the one permission needed"))),

        new("project-level-grants", "Project-level grants are only callmap's named exceptions, each with exactly its role and member",
            "A role granted on the project reaches every resource of the project; callmap grants on one resource except where Google offers no narrower one, and names each such exception.",
            new Dictionary<string, ParameterKind>(),
            (c, _) =>
            {
                var grants = new ProjectLevelGrants(c.Plan);
                return c.Plan.OfType<ProjectIamMemberItem>().Select(g => (g, why: grants.Problem(g)))
                    .Where(p => p.why is not null)
                    .Select(p => (p.g.Source, Subject(p.g), $"{p.g.Member} gets {p.g.Role} on project {p.g.Project}: {p.why}", ProjectLevelGrants.Fix));
            }),

        new("own-service-account", "Every workload and created caller runs as a service account of its own, never a default one",
            "A shared or default account (compute, App Engine) carries every grant of every user of it.",
            new Dictionary<string, ParameterKind>(),
            (c, _) =>
            {
                var users = c.Plan.OfType<WorkloadItem>().Select(w => (w.Source, Name: w.Workload, w.ServiceAccountEmail))
                    .Concat(c.Plan.OfType<CreatedCallerItem>().Select(x => (x.Source, Name: x.Caller, ServiceAccountEmail: x.Oidc.ServiceAccountEmail))).ToList();
                // Counted once, so a map of 20,000 workloads is judged in one pass rather than one per workload.
                var usersOf = users.CountBy(u => u.ServiceAccountEmail, StringComparer.Ordinal).ToDictionary(StringComparer.Ordinal);
                return users.Where(u => IsDefaultAccount(u.ServiceAccountEmail) || usersOf[u.ServiceAccountEmail] > 1)
                    .Select(u => (u.Source, u.Name, $"{u.Name} runs as {u.ServiceAccountEmail}, which is {(IsDefaultAccount(u.ServiceAccountEmail) ? "a default account" : "shared")}",
                        "let callmap create its own account (remove any override)"));
            }),

        new("people-invokers", "People invoke services only where the policy allows it, and through groups where it says so",
            "Developers calling services with their own accounts belong in development stacks; grants to single users outlive their need.",
            new Dictionary<string, ParameterKind> { ["allowPeople"] = ParameterKind.Bool, ["usersOnlyViaGroups"] = ParameterKind.Bool },
            (c, s) => InvokerGrants(c).Where(g => g.Member.StartsWith("user:", StringComparison.Ordinal) || g.Member.StartsWith("group:", StringComparison.Ordinal))
                .Where(g => !s.Bool("allowPeople", true) || (s.Bool("usersOnlyViaGroups", false) && g.Member.StartsWith("user:", StringComparison.Ordinal)))
                .Select(g => (g.Source, Subject(g), $"{g.Member} {Reach(g)}",
                    s.Bool("allowPeople", true) ? $"put the user in a group and grant the group: group:NAME@DOMAIN: [{g.Target}]" : "remove people from this stack's callers; test in a development stack"))
                // IAP is the way people are meant to reach a service, so allowPeople does not apply to it; single users still go through groups.
                .Concat(c.Plan.OfType<IapAccessGrantItem>().Where(g => s.Bool("usersOnlyViaGroups", false) && g.Member.StartsWith("user:", StringComparison.Ordinal))
                    .Select(g => (g.Source, Subject(g), $"{g.Member} may reach {g.Target} through IAP",
                        $"put the user in a group and list the group in {g.Target}'s public.iap.members")))),

        new("allowed-principals", "Invokers from outside the map come from allowed domains, projects and workload identity pools",
            "An external service account or federated identity from an unknown project is a standing door into the stack.",
            new Dictionary<string, ParameterKind> { ["domains"] = ParameterKind.List, ["projects"] = ParameterKind.List, ["poolProjects"] = ParameterKind.List },
            (c, s) => InvokerGrants(c).Concat(c.Plan.OfType<IapAccessGrantItem>()).Select(g => (g, why: OutsideAllowed(g.Member, s, c.Map)))
                .Where(p => p.why is not null)
                .Select(p => (p.g.Source, Subject(p.g), p.g is IapAccessGrantItem
                        ? $"{p.g.Member} may reach {p.g.Target} through IAP, but {p.why}"
                        : $"{p.g.Member} {Reach(p.g)}, but {p.why}",
                    p.g is IapAccessGrantItem
                        ? $"remove it from {p.g.Target}'s public.iap.members, or add its domain or project to this rule's allow list in the stack's policy"
                        : "remove the caller, or add its domain or project to this rule's allow list in the stack's policy"))),

        new("public-backend-protection", "Every public backend has Cloud Armor with a rate limit, the required WAF rule sets and the required default action",
            "Without Cloud Armor a public service takes every request the internet sends.",
            new Dictionary<string, ParameterKind> { ["requireRateLimit"] = ParameterKind.Bool, ["requiredWaf"] = ParameterKind.List, ["defaultAction"] = ParameterKind.Text },
            (c, s) => c.Plan.OfType<BackendServiceItem>().SelectMany(b => BackendProblems(c, s, b).Select(problem => (b.Source, $"{b.Workload} {problem.Aspect}", $"{b.Workload}: {problem.Message}", problem.Fix))))
        { Choices = new Dictionary<string, IReadOnlyList<string>> { ["defaultAction"] = ["allow", "deny", "any"] } },

        new("tls-and-redirect", "HTTPS with TLS 1.2 or later; plain HTTP only redirects",
            "Scanners flag TLS 1.0/1.1; an HTTP listener that serves content leaks sessions.",
            new Dictionary<string, ParameterKind>(),
            (c, _) => c.Plan.OfType<SslPolicyItem>().Where(p => p.MinTlsVersion is "TLS_1_0" or "TLS_1_1")
                    .Select(p => (p.Source, p.Name, $"the SSL policy allows {p.MinTlsVersion}", "use TLS_1_2"))
                .Concat(c.Plan.OfType<TargetHttpProxyItem>().Where(h => c.Plan.Find(h.UrlMap) is not UrlMapItem { HostRules.Count: 0, HttpsRedirect: true })
                    .Select(h => (h.Source, h.Name, "the HTTP listener serves content instead of redirecting", "route port 80 to a redirect-only URL map")))),

        new("identity-platform", "Identity Platform MFA and authorized domains as the stack's policy demands",
            "Weaker MFA than required, or sign-ins allowed from unknown domains, widen who can become an end user.",
            new Dictionary<string, ParameterKind> { ["mfa"] = ParameterKind.Text, ["authorizedDomains"] = ParameterKind.List },
            (c, s) => c.Plan.OfType<IdentityPlatformConfigItem>().SelectMany(config => IdentityProblems(config, s).Select(p => (config.Source, p.Aspect, p.Message, p.Fix))))
        { Choices = new Dictionary<string, IReadOnlyList<string>> { ["mfa"] = ["disabled", "enabled", "mandatory"] } },

        new("allowed-regions", "Everything runs in the regions the policy allows",
            "Data residency and latency commitments follow the region.",
            new Dictionary<string, ParameterKind> { ["regions"] = ParameterKind.List },
            (c, s) => s.List("regions") is { Count: > 0 } regions
                ? Regional(c.Plan).Where(r => !regions.Contains(r.Region))
                    .Select(r => (r.Source, r.Name, $"{r.Name} is in {r.Region}", $"use one of: {string.Join(", ", regions)}"))
                : []),

        new(PolicyEngine.ExpiredWaiverRule, "Waivers in the map have not expired and end within the policy's maximum",
            "A waiver is a decision with an end date; after it, the finding it waived counts again and the waiver must go or be renewed with a reason. A date years away is no end date.",
            new Dictionary<string, ParameterKind> { ["maxDays"] = ParameterKind.Days },
            (c, s) => (c.Map.Waivers ?? []).Select(w => (w, tooFar: c.Date.AddDays(s.Days("maxDays", DefaultMaxWaiverDays))))
                .Where(p => p.w.Expires < c.Date || p.w.Expires > p.tooFar)
                .Select(p => (p.w.At, $"{p.w.Rule} for {p.w.Subject}", p.w.Expires < c.Date
                    ? $"the waiver of {p.w.Rule} for {p.w.Subject} expired on {p.w.Expires:yyyy-MM-dd}"
                    : $"the waiver of {p.w.Rule} for {p.w.Subject} runs until {p.w.Expires:yyyy-MM-dd}, more than {s.Days("maxDays", DefaultMaxWaiverDays)} days from {c.Date:yyyy-MM-dd}",
                    p.w.Expires < c.Date
                        ? "fix what it waived and remove it, or renew it with a new reason and date"
                        : $"set expires: no later than {p.tooFar:yyyy-MM-dd}, and renew it then with a new reason if it still holds"))),

        new("distinct-audiences", "No two services accept the same token audience",
            "A token is meant for one service; when two accept its audience, the one that receives it can replay it to the other for any caller granted on both.",
            new Dictionary<string, ParameterKind>(),
            (c, _) => SharedAudiences.In(c.Plan).Select(s => (s.At, s.Audience,
                $"{string.Join(" and ", s.Workloads)} accept the same token audience {s.Audience}",
                "give each service its own custom audience (e.g. https://SERVICE.internal.DOMAIN), never another service's URL"))),

        new("deletion-protection", "Services keep deletion protection in protected stacks",
            "A deleted service loses its URL, and every caller with it.",
            new Dictionary<string, ParameterKind> { ["required"] = ParameterKind.Bool },
            (c, s) => s.Bool("required", false)
                ? c.Plan.OfType<WorkloadItem>().Where(w => !w.DeletionProtection)
                    .Select(w => (w.Source, w.Workload, $"{w.Workload} has deletion protection off", "remove 'deletionProtection: false'"))
                : []),

        // Rules only the resources of a Pulumi stack need (`check --pulumi-preview/--pulumi-state`).
        .. PulumiStacks.StackRules.ResourceOnly,
    ];

    /// <summary>How far ahead a waiver may end when the policy does not say (expired-waiver's maxDays).</summary>
    public const int DefaultMaxWaiverDays = 90;

    /// <summary>A grant's subject, as waivers name it: who, on what.</summary>
    private static string Subject(GrantItem g) => $"{g.Member} on {g.Target}";

    /// <summary>
    /// Grants that let their member make a service run: invoker roles, and the enqueuer role on a queue whose
    /// tasks call a service with the queue's own token (an indirect invoke, judged the same way).
    /// </summary>
    private static IEnumerable<GrantItem> InvokerGrants(PolicyContext c) =>
        c.Plan.OfType<GrantItem>().Where(g => g is RunInvokerGrantItem or FunctionInvokerGrantItem or TasksEnqueuerGrantItem);

    private static bool AsSmallAs(RoleCatalog roles, string role, string smallest, string permission) =>
        roles.Roles.TryGetValue(role, out var planned) && planned.Permissions is { } held && held.Contains(permission)
        && roles.Roles.TryGetValue(smallest, out var least) && least.Permissions is { } fewest && held.Count <= fewest.Count;

    private static string Reach(GrantItem g) => g switch
    {
        TasksEnqueuerGrantItem => $"may add tasks to {g.Target}, whose tasks invoke their service with the queue's own token",
        _ => $"may invoke {g.Target}",
    };

    private static bool IsDefaultAccount(string email) =>
        email.EndsWith("-compute@developer.gserviceaccount.com", StringComparison.Ordinal) || email.EndsWith("@appspot.gserviceaccount.com", StringComparison.Ordinal);

    /// <summary>serviceAccount:service-NUMBER@gcp-sa-…: a Google service agent of the project numbered so.</summary>
    private static bool IsProjectServiceAgent(string member, string projectNumber)
    {
        const string prefix = "serviceAccount:service-";
        return member.StartsWith(prefix, StringComparison.Ordinal)
            && member.AsSpan(prefix.Length).StartsWith(projectNumber, StringComparison.Ordinal)
            && member.AsSpan(prefix.Length + projectNumber.Length).StartsWith("@gcp-sa-", StringComparison.Ordinal);
    }

    private static string? OutsideAllowed(string member, RuleSettings s, Model.AccessMap map)
    {
        // Google's own service agents of this project (IAP's, for one) are part of the plan, not outsiders.
        if (IsProjectServiceAgent(member, map.ProjectNumber.Value)) return null;
        var project = map.Project.Value;
        var domains = s.List("domains");
        var projects = s.List("projects");
        var pools = s.List("poolProjects");
        if ((member.StartsWith("user:", StringComparison.Ordinal) || member.StartsWith("group:", StringComparison.Ordinal)) && domains.Count > 0)
        {
            var domain = member[(member.IndexOf('@') + 1)..];
            return domains.Contains(domain) ? null : $"{domain} is not an allowed domain";
        }
        if (member.StartsWith("domain:", StringComparison.Ordinal) && domains.Count > 0)
        {
            var domain = member["domain:".Length..];
            return domains.Contains(domain) ? null : $"{domain} is not an allowed domain";
        }
        if (member.StartsWith("serviceAccount:", StringComparison.Ordinal) && projects.Count > 0)
        {
            // The project is the first label after '@' (NAME@PROJECT.iam.gserviceaccount.com); read in place, as
            // every one of a plan's 200,000 grants is judged.
            var host = member.AsSpan(member.IndexOf('@') + 1);
            var dot = host.IndexOf('.');
            var owner = dot < 0 ? host : host[..dot];
            if (owner.SequenceEqual(project)) return null;
            foreach (var allowed in projects)
                if (owner.SequenceEqual(allowed)) return null;
            return $"{owner} is not an allowed project";
        }
        if (member.StartsWith("principal", StringComparison.Ordinal) && pools.Count > 0)
        {
            // Workload identity pools live in a project (…/projects/NUMBER/locations/global/workloadIdentityPools/…);
            // workforce pools belong to an organization (…/locations/global/workforcePools/POOL/…) and have no project to allow.
            var at = member.IndexOf("/projects/", StringComparison.Ordinal);
            if (at < 0) return "it is not from a workload identity pool of a project (workforce pools and other identities cannot be allowed by poolProjects)";
            var number = member[(at + "/projects/".Length)..].Split('/')[0];
            return pools.Contains(number) ? null : $"project {number} is not an allowed workload identity pool project";
        }
        return null;
    }

    private static IEnumerable<(string Aspect, string Message, string Fix)> BackendProblems(PolicyContext c, RuleSettings s, BackendServiceItem backend)
    {
        if (c.Plan.Find(backend.SecurityPolicy) is not SecurityPolicyItem policy)
        {
            yield return ("Cloud Armor", "no Cloud Armor policy is attached", "add edge.armor.default to the map");
            yield break;
        }
        if (s.Bool("requireRateLimit", true) && policy.Rules.All(r => r.RateLimit is null))
            yield return ("rate limit", $"Cloud Armor {policy.Policy} has no rate limit", $"add rateLimit: {{ requests: 300, seconds: 60 }} to edge.armor.{policy.Policy}");
        foreach (var waf in s.List("requiredWaf").Where(w => policy.Rules.All(r => r.Expression?.Contains($"'{w}'") != true)))
            yield return ($"WAF {waf}", $"Cloud Armor {policy.Policy} lacks the WAF rule set {waf}", $"add {waf} to edge.armor.{policy.Policy}.waf");
        var wanted = s.Text("defaultAction");
        var actual = policy.Rules.Single(r => r.Priority == int.MaxValue).Action;
        if (wanted is "deny" && !actual.StartsWith("deny", StringComparison.Ordinal) || wanted is "allow" && actual != "allow")
            yield return ("default action", $"Cloud Armor {policy.Policy} ends with {actual}, the policy demands {wanted}", $"set edge.armor.{policy.Policy}.defaultAction");
        else if (wanted is "deny" && AdmitsAlmostEveryone(policy))
            yield return ("default action", $"Cloud Armor {policy.Policy} denies by default but its allow list admits half the internet or more",
                $"list only the networks that should reach it in edge.armor.{policy.Policy}.allow");
    }

    /// <summary>
    /// Whether the ranges a policy admits before its default rule cover at least half of IPv4 (2^31 addresses,
    /// e.g. 0.0.0.0/0, or 0.0.0.0/1 with 128.0.0.0/1) or an IPv6 prefix shorter than /8: a deny default in name only.
    /// </summary>
    private static bool AdmitsAlmostEveryone(SecurityPolicyItem policy)
    {
        var ranges = policy.Rules.Where(r => r.Priority != int.MaxValue && (r.Action == "allow" || r.RateLimit is not null))
            .SelectMany(r => r.SrcIpRanges ?? []).Where(r => r != "*")
            .Select(r => System.Net.IPNetwork.TryParse(r.Contains('/') ? r : r + (r.Contains(':') ? "/128" : "/32"), out var n) ? n : (System.Net.IPNetwork?)null)
            .OfType<System.Net.IPNetwork>().Distinct().ToList();
        var v4 = ranges.Where(n => n.BaseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork).Sum(n => Math.Pow(2, 32 - n.PrefixLength));
        return v4 >= Math.Pow(2, 31) || ranges.Any(n => n.BaseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 && n.PrefixLength < 8)
            || policy.Rules.Any(r => r.Priority != int.MaxValue && r.Action == "allow" && r.SrcIpRanges is ["*"]);
    }

    private static IEnumerable<(string Aspect, string Message, string Fix)> IdentityProblems(IdentityPlatformConfigItem config, RuleSettings s)
    {
        int Strength(string state) => state switch { "MANDATORY" => 2, "ENABLED" => 1, _ => 0 };
        if (s.Text("mfa") is { } required && Strength(config.MfaState) < Strength(required.ToUpperInvariant()))
            yield return ("mfa", $"Identity Platform MFA is {config.MfaState}, the policy demands {required.ToUpperInvariant()}", $"set identityPlatform.mfa.state: {required}");
        var allowed = s.List("authorizedDomains");
        foreach (var domain in config.AuthorizedDomains.Where(d => allowed.Count > 0 && !allowed.Any(a => d == a || d.EndsWith("." + a, StringComparison.Ordinal))))
            yield return (domain, $"Identity Platform accepts sign-ins from {domain}, which the policy does not allow", "remove it from identityPlatform.authorizedDomains, or allow it in the stack's policy");
    }

    private static IEnumerable<(SourceLocation Source, string Name, string Region)> Regional(Plan plan) =>
        plan.OfType<WorkloadItem>().Select(w => (w.Source, w.Workload, w.Location))
            .Concat(plan.OfType<SchedulerJobItem>().Select(j => (j.Source, j.Caller, j.Region)))
            .Concat(plan.OfType<TasksQueueItem>().Select(q => (q.Source, q.Caller, q.Location)))
            .Concat(plan.OfType<EventarcTriggerItem>().Select(t => (t.Source, t.Caller, t.Location)));
}
