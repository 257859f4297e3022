using Callmap.Diagnostics;
using Callmap.Policies;
using Callmap.Roles;

namespace Callmap.PulumiStacks;

/// <summary>One finding on a resource of a stack: at the resource's URN in the file.</summary>
public sealed record StackFinding(PulumiResource Resource, string Message, string Fix)
{
    public SourceLocation At => Resource.At;
}

/// <summary>
/// The rules as they judge the resources of a Pulumi stack rather than a map's plan: the same ids, levels
/// and policy files as <see cref="BuiltInRules"/>, and rules only real resources need (authoritative IAM,
/// project-level invokers, keys, ingress around the load balancer). A value a rule needs that is unknown
/// until apply is a finding of that rule ("cannot judge until apply"), never a pass.
/// </summary>
public static class StackRules
{
    private static readonly string[] BasicRoles = ["roles/owner", "roles/editor", "roles/viewer"];

    private const string NotInvokerFix = "remove the grant; serve end users through a load balancer with Cloud Armor, with the invoker check off (invokerIamDisabled, the app verifies its users) or IAP";

    /// <summary>Rules that judge resources only: a map's plan never declares what they look for, so `check MAP` does not evaluate them.</summary>
    public static IReadOnlyList<PolicyRule> ResourceOnly { get; } =
    [
        new("authoritative-iam", "IAM is granted with additive members, never authoritative bindings or policies",
            "A binding replaces every member of its role, a policy the whole IAM policy: grants made by other stacks, by hand or by Google for its service agents disappear without notice.",
            new Dictionary<string, ParameterKind>(), (_, _) => []),
        new("project-level-invoker", "Nobody holds an invoker role on the whole project",
            "An invoker role granted on the project lets its member invoke every service and function of the project, present and future.",
            new Dictionary<string, ParameterKind>(), (_, _) => []),
        new("no-service-account-keys", "No user-managed service account keys are declared",
            "A key is a file that authenticates as the account from anywhere until someone deletes it, and Pulumi keeps it in the stack's state.",
            new Dictionary<string, ParameterKind>(), (_, _) => []),
        new("ingress-behind-load-balancer", "A service behind the load balancer accepts traffic only from it",
            "With ingress all, a service behind the load balancer is also reachable at its own run.app or cloudfunctions.net URL, around Cloud Armor and IAP.",
            new Dictionary<string, ParameterKind>(), (_, _) => []),
    ];

    private static readonly Dictionary<string, Func<StackFacts, PolicyContext, RuleSettings, IEnumerable<StackFinding>>> Checks = new(StringComparer.Ordinal)
    {
        ["no-public-members"] = NoPublicMembers,
        ["minimal-role"] = MinimalRole,
        ["no-basic-roles"] = NoBasicRoles,
        ["own-service-account"] = OwnServiceAccount,
        ["invoker-check-off-only-behind-edge"] = InvokerCheckOff,
        ["public-backend-protection"] = BackendProtection,
        ["tls-and-redirect"] = TlsAndRedirect,
        ["authoritative-iam"] = AuthoritativeIam,
        ["project-level-invoker"] = ProjectLevelInvoker,
        ["no-service-account-keys"] = (f, _, _) => f.Keys.Select(k => new StackFinding(k,
            $"{k.Urn} creates a user-managed key for {k.Value("serviceAccountId")}",
            "delete the Key resource; workloads get tokens from their runtime, people impersonate, CI uses workload identity federation")),
        ["ingress-behind-load-balancer"] = IngressBehindLoadBalancer,
        ["people-invokers"] = PeopleInvokers,
        ["allowed-principals"] = AllowedPrincipals,
        ["allowed-regions"] = AllowedRegions,
        ["deletion-protection"] = DeletionProtection,
        ["identity-platform"] = IdentityPlatform,
    };

    /// <summary>Whether a rule is evaluated on this context: resource rules on stacks, the others on maps.</summary>
    public static bool Judges(string ruleId, PolicyContext context) =>
        context.Stack is null ? ResourceOnly.All(r => r.Id != ruleId) : Checks.ContainsKey(ruleId);

    public static IEnumerable<StackFinding> Check(string ruleId, PolicyContext context, RuleSettings settings) =>
        context.Stack is { } facts && Checks.TryGetValue(ruleId, out var check) ? check(facts, context, settings).Distinct() : [];

    private static StackFinding CannotJudge(StackFacts f, PulumiResource r, string what, string fix) =>
        new(r, $"{f.Unknowable}: {what} of {r.Urn} is not known{(f.Document == PulumiDocument.State ? " in the state" : " before apply")}", fix);

    private static string Describe(StackGrant g) => g.Target switch
    {
        GrantTarget.Project => $"the project {g.TargetName}",
        GrantTarget.CloudRun => $"the Cloud Run service {g.TargetName}",
        GrantTarget.IapBackend => $"the IAP-protected backend {g.TargetName}",
        _ => $"the function {g.TargetName}",
    };

    private static string Invokes(StackGrant g) => g.Target == GrantTarget.Project ? $"every service and function of the project {g.TargetName}" : Describe(g);

    private static IEnumerable<StackFinding> NoPublicMembers(StackFacts f, PolicyContext c, RuleSettings s)
    {
        foreach (var g in f.Grants)
        {
            if (g.Member.IsUnknown) yield return CannotJudge(f, g.Resource, "the member", "check the state after apply (callmap check --pulumi-state), or write the member as a literal");
            else if (g.Member.Text is "allUsers" or "allAuthenticatedUsers"
                     && !(s.Bool("allowBlockingFunctions", true) && g.Member.Text == "allUsers" && g.Target is GrantTarget.FunctionGen1 or GrantTarget.FunctionGen2 or GrantTarget.CloudRun && IsBlockingFunction(f, g.TargetName)))
                yield return new StackFinding(g.Resource, $"{g.Member} holds {g.Role} on {Describe(g)} ({g.Resource.Urn})", NotInvokerFix);
        }
    }

    /// <summary>Identity Platform calls its blocking functions without an IAM token; their URIs name the function.</summary>
    private static bool IsBlockingFunction(StackFacts f, StackValue target) =>
        target.Text is { } name && f.BlockingFunctionUris.Any(uri => uri.EndsWith("/" + name, StringComparison.Ordinal) || uri.StartsWith($"https://{name}-", StringComparison.Ordinal));

    private static IEnumerable<StackFinding> MinimalRole(StackFacts f, PolicyContext c, RuleSettings s)
    {
        foreach (var g in f.Grants.Where(g => g.Target is not (GrantTarget.Project or GrantTarget.IapBackend)))
        {
            var permission = g.Target == GrantTarget.FunctionGen1 ? GrantRoles.FunctionInvokePermission : GrantRoles.RunInvokePermission;
            if (g.Role.IsUnknown) { yield return CannotJudge(f, g.Resource, "the role", "check the state after apply (callmap check --pulumi-state)"); continue; }
            if (g.Role.Text is not { } role || BasicRoles.Contains(role) || !role.EndsWith("invoker", StringComparison.OrdinalIgnoreCase)
                || !c.Roles.Roles.TryGetValue(role, out var facts) || !facts.Permissions.Contains(permission)) continue;
            var smallest = c.Roles.SmallestRoleWith(permission);
            if (role != smallest)
                yield return new StackFinding(g.Resource, $"{g.Member} gets {role} on {Describe(g)}, more than {smallest} ({g.Resource.Urn})", $"grant {smallest}");
        }
    }

    private static IEnumerable<StackFinding> NoBasicRoles(StackFacts f, PolicyContext c, RuleSettings s)
    {
        foreach (var g in f.Grants)
            if (g.Role.IsUnknown) yield return CannotJudge(f, g.Resource, "the role", "check the state after apply (callmap check --pulumi-state)");
            else if (g.Role.Text is { } role && BasicRoles.Contains(role))
                yield return new StackFinding(g.Resource, $"{g.Member} gets the basic role {role} on {Describe(g)} ({g.Resource.Urn})", "grant the predefined role for the one permission needed");
    }

    private static IEnumerable<StackFinding> OwnServiceAccount(StackFacts f, PolicyContext c, RuleSettings s)
    {
        var keyed = f.Workloads.Where(w => w.RuntimeAccount.IsKnown && !w.RuntimeAccountIsDefault).GroupBy(w => w.RuntimeAccountUrn ?? w.RuntimeAccount.Text!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        foreach (var w in f.Workloads)
        {
            var property = w.Kind switch { WorkloadKind.CloudRunV2 => "template.serviceAccount", WorkloadKind.CloudRunV1 => "template.spec.serviceAccountName", WorkloadKind.FunctionGen1 => "serviceAccountEmail", _ => "serviceConfig.serviceAccountEmail" };
            var fix = $"create a gcp.serviceaccount.Account for it alone and set {property} to its email";
            if (w.RuntimeAccount.IsUnknown) yield return CannotJudge(f, w.Resource, $"the runtime account ({property})", "check the state after apply (callmap check --pulumi-state), or set the account of this stack");
            else if (w.RuntimeAccountIsDefault) yield return new StackFinding(w.Resource, $"{w.Name} runs as {w.RuntimeAccount}, which is a default account ({w.Resource.Urn})", fix);
            else if (keyed.GetValueOrDefault(w.RuntimeAccountUrn ?? w.RuntimeAccount.Text!) is var n and > 1)
                yield return new StackFinding(w.Resource, $"{w.Name} runs as {w.RuntimeAccount}, which is shared by {n} workloads ({w.Resource.Urn})", fix);
        }
    }

    private static IEnumerable<StackFinding> InvokerCheckOff(StackFacts f, PolicyContext c, RuleSettings s)
    {
        var fronted = f.Backends.Where(b => b.External && b.Armor is not null).SelectMany(b => b.Workloads).ToHashSet();
        var frontUnknown = f.Backends.Any(b => b.WorkloadsUnknown || b.Armor is null && b.ArmorReference.IsUnknown);
        foreach (var w in f.Workloads.Where(w => w.Kind == WorkloadKind.CloudRunV2))
        {
            if (w.InvokerCheckOff.IsUnknown) { yield return CannotJudge(f, w.Resource, "invokerIamDisabled", "check the state after apply (callmap check --pulumi-state)"); continue; }
            if (w.InvokerCheckOff.Text != "true") continue;
            if (w.Ingress.IsUnknown || !fronted.Contains(w) && frontUnknown)
                yield return CannotJudge(f, w.Resource, w.Ingress.IsUnknown ? "the ingress" : "the load balancer in front", "check the state after apply (callmap check --pulumi-state)");
            else if (w.Ingress.Text != "internal-and-load-balancer" || !fronted.Contains(w))
                yield return new StackFinding(w.Resource, $"{w.Name} has no invoker check but is not limited to the load balancer with Cloud Armor ({w.Resource.Urn})",
                    "set ingress INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER and put it behind a backend service with a Cloud Armor policy, or turn the invoker check back on");
        }
    }

    private static IEnumerable<StackFinding> BackendProtection(StackFacts f, PolicyContext c, RuleSettings s)
    {
        foreach (var b in f.Backends.Where(b => b.External))
        {
            var name = b.Resource.Value("name");
            if (b.Armor is null)
            {
                if (b.ArmorReference.IsUnknown) yield return CannotJudge(f, b.Resource, "the Cloud Armor policy (securityPolicy)", "check the state after apply (callmap check --pulumi-state)");
                else if (b.ArmorReference.IsMissing) yield return new StackFinding(b.Resource, $"backend {name}: no Cloud Armor policy is attached ({b.Resource.Urn})", "set securityPolicy to a Cloud Armor policy with a rate limit");
                else yield return CannotJudge(f, b.Resource, $"the Cloud Armor policy {b.ArmorReference.Text}, declared outside this stack,", "check the stack that declares the policy");
                continue;
            }
            var armor = b.Armor;
            if (armor.Unknown) { yield return CannotJudge(f, armor.Resource, "the rules of the Cloud Armor policy", "check the state after apply (callmap check --pulumi-state)"); continue; }
            if (s.Bool("requireRateLimit", true) && !armor.HasRateLimit)
                yield return new StackFinding(armor.Resource, $"backend {name}: Cloud Armor {armor.Name} has no rate limit ({armor.Resource.Urn})", "add a rule with action throttle or rate_based_ban and rateLimitOptions");
            foreach (var waf in s.List("requiredWaf").Where(w => armor.Expressions.All(e => !e.Contains($"'{w}'", StringComparison.Ordinal) && !e.Contains($"\\u0027{w}\\u0027", StringComparison.Ordinal))))
                yield return new StackFinding(armor.Resource, $"backend {name}: Cloud Armor {armor.Name} lacks the WAF rule set {waf} ({armor.Resource.Urn})", $"add a rule matching evaluatePreconfiguredWaf('{waf}')");
            var wanted = s.Text("defaultAction");
            if (armor.DefaultAction.IsUnknown) yield return CannotJudge(f, armor.Resource, "the default rule's action", "check the state after apply (callmap check --pulumi-state)");
            else if (wanted is "deny" && armor.DefaultAction.Text?.StartsWith("deny", StringComparison.Ordinal) != true || wanted is "allow" && armor.DefaultAction.Text != "allow")
                yield return new StackFinding(armor.Resource, $"backend {name}: Cloud Armor {armor.Name} ends with {armor.DefaultAction}, the policy demands {wanted} ({armor.Resource.Urn})", "set the action of the rule with priority 2147483647");
        }
    }

    private static IEnumerable<StackFinding> TlsAndRedirect(StackFacts f, PolicyContext c, RuleSettings s)
    {
        foreach (var l in f.HttpsListeners)
            if (l.MinTlsVersion.IsUnknown) yield return CannotJudge(f, l.Resource, "the SSL policy (sslPolicy)", "check the state after apply (callmap check --pulumi-state)");
            else if (l.MinTlsVersion.IsMissing) yield return CannotJudge(f, l.Resource, $"the SSL policy {l.Resource.Value("sslPolicy")}, declared outside this stack,", "check the stack that declares it");
            else if (l.MinTlsVersion.Text is "TLS_1_0" or "TLS_1_1")
                yield return new StackFinding(l.SslPolicy ?? l.Resource, $"the HTTPS proxy {l.Resource.Value("name")} allows {l.MinTlsVersion}{(l.SslPolicy is null ? " (no sslPolicy: Google's default)" : "")} ({(l.SslPolicy ?? l.Resource).Urn})", "use an SSL policy with minTlsVersion TLS_1_2");
        foreach (var h in f.HttpListeners)
            if (h.OnlyRedirects is null) yield return CannotJudge(f, h.Resource, "the URL map (urlMap)", "check the state after apply (callmap check --pulumi-state)");
            else if (h.OnlyRedirects == false)
                yield return new StackFinding(h.Resource, $"the HTTP listener {h.Resource.Value("name")} serves content instead of redirecting ({h.Resource.Urn})", "route port 80 to a URL map with only defaultUrlRedirect { httpsRedirect: true }");
    }

    private static IEnumerable<StackFinding> AuthoritativeIam(StackFacts f, PolicyContext c, RuleSettings s) =>
        f.Grants.Where(g => g.Mode != GrantMode.Member).GroupBy(g => g.Resource).Select(g => g.First()).Select(g => new StackFinding(g.Resource,
            g.Mode == GrantMode.Binding
                ? $"{g.Resource.Urn} is authoritative for {g.Role} on {Describe(g)}: every member of that role it does not list is removed"
                : $"{g.Resource.Urn} replaces the whole IAM policy of {Describe(g)}: every grant it does not list is removed, Google's service agents' included",
            "declare one …IamMember resource per member and role instead (additive)"));

    private static IEnumerable<StackFinding> ProjectLevelInvoker(StackFacts f, PolicyContext c, RuleSettings s)
    {
        foreach (var g in f.Grants.Where(g => g.Target == GrantTarget.Project))
        {
            if (g.Role.IsUnknown) { yield return CannotJudge(f, g.Resource, "the role", "check the state after apply (callmap check --pulumi-state)"); continue; }
            if (g.Role.Text is not { } role || BasicRoles.Contains(role) || !c.Roles.Roles.TryGetValue(role, out var facts)) continue;
            if (facts.Permissions.Contains(GrantRoles.RunInvokePermission) || facts.Permissions.Contains(GrantRoles.FunctionInvokePermission))
                yield return new StackFinding(g.Resource, $"{g.Member} holds {role} on the whole project {g.TargetName}: it may invoke every service and function in it ({g.Resource.Urn})",
                    "grant roles/run.servicesInvoker (functions 1st gen: roles/cloudfunctions.invoker) on each service it calls instead");
        }
    }

    /// <summary>Grants that let their member invoke: a role holding the invoke permission of the target (on the project: of either).</summary>
    private static IEnumerable<StackGrant> InvokerGrants(StackFacts f, PolicyContext c) => f.Grants.Where(g => g.Role.Text is { } role && c.Roles.Roles.TryGetValue(role, out var facts) && g.Target switch
    {
        GrantTarget.FunctionGen1 => facts.Permissions.Contains(GrantRoles.FunctionInvokePermission),
        GrantTarget.Project => facts.Permissions.Contains(GrantRoles.RunInvokePermission) || facts.Permissions.Contains(GrantRoles.FunctionInvokePermission),
        GrantTarget.IapBackend => false,
        _ => facts.Permissions.Contains(GrantRoles.RunInvokePermission),
    });

    private static IEnumerable<StackFinding> PeopleInvokers(StackFacts f, PolicyContext c, RuleSettings s)
    {
        foreach (var g in InvokerGrants(f, c).Where(g => g.Member.Text is { } m && (m.StartsWith("user:", StringComparison.Ordinal) || m.StartsWith("group:", StringComparison.Ordinal))))
            if (!s.Bool("allowPeople", true) || s.Bool("usersOnlyViaGroups", false) && g.Member.Text!.StartsWith("user:", StringComparison.Ordinal))
                yield return new StackFinding(g.Resource, $"{g.Member} may invoke {Invokes(g)} ({g.Resource.Urn})",
                    s.Bool("allowPeople", true) ? "grant a group the user belongs to instead" : "remove people from this stack's invokers; test in a development stack");
    }

    private static IEnumerable<StackFinding> AllowedPrincipals(StackFacts f, PolicyContext c, RuleSettings s)
    {
        var (domains, projects, pools) = (s.List("domains"), s.List("projects"), s.List("poolProjects"));
        // The projects this stack deploys to: their accounts are the stack's own, not outsiders.
        var own = f.Resources.Select(r => r.Value("project")).Where(v => v.IsKnown).Select(v => v.Text!).ToHashSet(StringComparer.Ordinal);
        var ownAccounts = f.Resources.Where(r => r.Type == GcpTypes.ServiceAccount).Select(r => r.Value("accountId")).Where(v => v.IsKnown)
            .Select(v => $"serviceAccount:{v.Text}@").ToHashSet(StringComparer.Ordinal);
        foreach (var g in InvokerGrants(f, c).Where(g => g.Member.IsKnown && !g.Member.Text!.Contains(" (the account ", StringComparison.Ordinal)))
        {
            var member = g.Member.Text!;
            string? why = null;
            if ((member.StartsWith("user:", StringComparison.Ordinal) || member.StartsWith("group:", StringComparison.Ordinal)) && domains.Count > 0)
                why = member[(member.IndexOf('@') + 1)..] is var domain && !domains.Contains(domain) ? $"{domain} is not an allowed domain" : null;
            else if (member.StartsWith("serviceAccount:", StringComparison.Ordinal) && projects.Count > 0 && member.Contains('@'))
            {
                var owner = member[(member.IndexOf('@') + 1)..].Split('.')[0];
                // Google's service agents (service-NUMBER@gcp-sa-…) and the stack's own accounts are not outsiders.
                why = owner.StartsWith("gcp-sa-", StringComparison.Ordinal) || own.Contains(owner) || projects.Contains(owner) || ownAccounts.Contains(member[..(member.IndexOf('@') + 1)]) ? null : $"{owner} is not an allowed project";
            }
            else if (member.StartsWith("principal", StringComparison.Ordinal) && pools.Count > 0 && member.Contains("/projects/"))
                why = member.Split("/projects/")[1].Split('/')[0] is var number && !pools.Contains(number) ? $"project {number} is not an allowed workload identity pool project" : null;
            if (why is not null)
                yield return new StackFinding(g.Resource, $"{member} may invoke {Invokes(g)}, but {why} ({g.Resource.Urn})", "remove the grant, or add its domain or project to this rule's allow list in the stack's policy");
        }
    }

    private static IEnumerable<StackFinding> AllowedRegions(StackFacts f, PolicyContext c, RuleSettings s)
    {
        if (s.List("regions") is not { Count: > 0 } regions) yield break;
        foreach (var w in f.Workloads)
        {
            var region = w.Resource.Value(w.Kind == WorkloadKind.FunctionGen1 ? "region" : "location");
            if (region.IsUnknown) yield return CannotJudge(f, w.Resource, "the region", "check the state after apply (callmap check --pulumi-state)");
            else if (region.Text is { } r && !regions.Contains(r))
                yield return new StackFinding(w.Resource, $"{w.Name} is in {r} ({w.Resource.Urn})", $"use one of: {string.Join(", ", regions)}");
        }
    }

    private static IEnumerable<StackFinding> DeletionProtection(StackFacts f, PolicyContext c, RuleSettings s)
    {
        if (!s.Bool("required", false)) yield break;
        // Cloud Run v2's deletionProtection defaults to true (gcp-facts.md); the other kinds have no such field.
        foreach (var w in f.Workloads.Where(w => w.Kind == WorkloadKind.CloudRunV2))
        {
            var protection = w.Resource.Value("deletionProtection").Or("true");
            if (protection.IsUnknown) yield return CannotJudge(f, w.Resource, "deletionProtection", "check the state after apply (callmap check --pulumi-state)");
            else if (protection.Text == "false")
                yield return new StackFinding(w.Resource, $"{w.Name} has deletion protection off ({w.Resource.Urn})", "remove deletionProtection: false");
        }
    }

    private static IEnumerable<StackFinding> IdentityPlatform(StackFacts f, PolicyContext c, RuleSettings s)
    {
        static int Strength(string? state) => state switch { "MANDATORY" => 2, "ENABLED" => 1, _ => 0 };
        var allowed = s.List("authorizedDomains");
        foreach (var config in f.Resources.Where(r => r.Type == GcpTypes.IdentityPlatformConfig))
        {
            if (s.Text("mfa") is { } required)
            {
                var state = config.Value("mfa.state").Or("DISABLED");
                if (state.IsUnknown) yield return CannotJudge(f, config, "the MFA state", "check the state after apply (callmap check --pulumi-state)");
                else if (Strength(state.Text) < Strength(required.ToUpperInvariant()))
                    yield return new StackFinding(config, $"Identity Platform MFA is {state}, the policy demands {required.ToUpperInvariant()} ({config.Urn})", $"set mfa.state {required.ToUpperInvariant()}");
            }
            if (allowed.Count == 0) continue;
            var domains = config.Items("authorizedDomains");
            if (domains is null) { yield return CannotJudge(f, config, "the authorized domains", "check the state after apply (callmap check --pulumi-state)"); continue; }
            foreach (var domain in domains.Select(PulumiResource.Text))
                if (domain.IsUnknown) yield return CannotJudge(f, config, "an authorized domain", "check the state after apply (callmap check --pulumi-state)");
                else if (domain.Text is { } d && !allowed.Any(a => d == a || d.EndsWith("." + a, StringComparison.Ordinal)))
                    yield return new StackFinding(config, $"Identity Platform accepts sign-ins from {d}, which the policy does not allow ({config.Urn})", "remove it from authorizedDomains, or allow it in the stack's policy");
        }
    }

    private static IEnumerable<StackFinding> IngressBehindLoadBalancer(StackFacts f, PolicyContext c, RuleSettings s)
    {
        foreach (var b in f.Backends.Where(b => b.External))
            foreach (var w in b.Workloads)
                if (w.Ingress.IsUnknown) yield return CannotJudge(f, w.Resource, "the ingress", "check the state after apply (callmap check --pulumi-state)");
                else if (w.Ingress.Text == "all")
                    yield return new StackFinding(w.Resource, $"{w.Name} is behind the load balancer (backend {b.Resource.Value("name")}) but its ingress is all ({w.Resource.Urn})", w.Kind switch
                    {
                        WorkloadKind.CloudRunV2 => "set ingress INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER",
                        WorkloadKind.CloudRunV1 => "set the annotation run.googleapis.com/ingress: internal-and-cloud-load-balancing",
                        WorkloadKind.FunctionGen1 => "set ingressSettings ALLOW_INTERNAL_AND_GCLB",
                        _ => "set serviceConfig.ingressSettings ALLOW_INTERNAL_AND_GCLB",
                    });
    }
}
