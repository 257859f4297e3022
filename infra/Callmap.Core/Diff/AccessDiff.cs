using Callmap.Planning;
using Callmap.Roles;

namespace Callmap.Diff;

/// <summary>
/// The access change between two plans of one environment — not a resource diff: who may now invoke
/// what, what became public, which protections weakened, which accounts and services came and went.
/// </summary>
public sealed record AccessDiff(IReadOnlyList<AccessChange> Changes, Plan Old, Plan New)
{
    public bool IsEmpty => Changes.Count == 0;

    public bool Widens => Changes.Any(c => c.IsRisk);

    public static AccessDiff Between(Plan old, Plan @new)
    {
        var changes = new List<AccessChange>();
        Services(old, @new, changes);
        Edges(old, @new, changes);
        Enqueuers(old, @new, changes);
        Public(old, @new, changes);
        Ingress(old, @new, changes);
        Accounts(old, @new, changes);
        Secrets(old, @new, changes);
        Armor(old, @new, changes);
        IdentityPlatform(old, @new, changes);
        Replacements(old, @new, changes);
        return new AccessDiff(changes.OrderBy(c => c.Kind).ToList(), old, @new);
    }

    /// <summary>Items of both plans whose immutable fields differ: Pulumi deletes them first, then creates them again.</summary>
    private static void Replacements(Plan old, Plan @new, List<AccessChange> changes)
    {
        var before = old.Items.ToDictionary(i => i.Name, StringComparer.Ordinal);
        foreach (var item in @new.Items)
        {
            if (!before.TryGetValue(item.Name, out var was) || Replacement.ForcedBy(was, item) is not { Count: > 0 } forced) continue;
            var why = string.Join(", ", forced.Select(f => $"{f.Field} {f.Old} → {f.New}"));
            var blocked = was is WorkloadItem { DeletionProtection: true }
                ? "; deletion protection refuses it: set deletionProtection: false and deploy that first"
                : "";
            changes.Add(new(ChangeKind.Replaced, $"this change replaces {item.Name} ({why}): deleted first, unavailable until created again{blocked}"));
        }
    }

    private static void Services(Plan old, Plan @new, List<AccessChange> changes)
    {
        var before = old.OfType<WorkloadItem>().ToDictionary(w => w.Workload);
        var after = @new.OfType<WorkloadItem>().ToDictionary(w => w.Workload);
        foreach (var added in after.Keys.Except(before.Keys).Order(StringComparer.Ordinal))
            changes.Add(new(ChangeKind.Changed, $"new service {added} ({after[added].Ingress})"));
        var gone = before.Keys.Except(after.Keys).Order(StringComparer.Ordinal).ToList();
        // Callers per deleted service, in one pass over the old grants however many services went.
        var callersOf = old.Matrix.Cells.Where(c => !after.ContainsKey(c.Service)).ToLookup(c => c.Service, c => c.Caller);
        foreach (var service in gone)
        {
            var losers = callersOf[service].ToList();
            changes.Add(new(ChangeKind.Narrowed, $"service {service} deleted{(losers.Count > 0 ? $" (its callers lose access: {string.Join(", ", losers)})" : "")}"));
        }
    }

    /// <summary>Who may add tasks to a queue: each task invokes the queue's target with the queue's token, so a new enqueuer widens access.</summary>
    private static void Enqueuers(Plan old, Plan @new, List<AccessChange> changes)
    {
        static HashSet<(string Enqueuer, string Queue)> Of(Plan plan) =>
            plan.OfType<TasksEnqueuerGrantItem>().Select(g => (g.Caller, g.Target)).ToHashSet();
        var (before, after) = (Of(old), Of(@new));
        var targets = @new.OfType<TasksQueueItem>().ToDictionary(q => q.Caller, q => q.Target);
        foreach (var (enqueuer, queue) in after.Except(before).OrderBy(p => p))
            changes.Add(new(ChangeKind.Widened, $"{enqueuer} may now add tasks to {queue}, which invokes {targets.GetValueOrDefault(queue, "its service")}"));
        foreach (var (enqueuer, queue) in before.Except(after).OrderBy(p => p))
            changes.Add(new(ChangeKind.Narrowed, $"{enqueuer} may no longer add tasks to {queue}"));
    }

    private static int CompareCells(AccessCell a, AccessCell b) =>
        string.CompareOrdinal(a.Caller, b.Caller) is var byCaller and not 0 ? byCaller : string.CompareOrdinal(a.Service, b.Service);

    private static void Edges(Plan old, Plan @new, List<AccessChange> changes)
    {
        var services = old.OfType<WorkloadItem>().Select(w => w.Workload).Intersect(@new.OfType<WorkloadItem>().Select(w => w.Workload)).ToHashSet();
        // Both matrices list their cells by caller, then service (ordinal): one merging pass finds what was added,
        // removed or changed, without a dictionary of 200,000 pairs per version.
        var (added, removed, changed) = (new List<AccessCell>(), new List<AccessCell>(), new List<(AccessCell Was, AccessCell Now)>());
        var (before, after) = (old.Matrix.Cells, @new.Matrix.Cells);
        for (int i = 0, j = 0; i < before.Count || j < after.Count;)
        {
            var order = i == before.Count ? 1 : j == after.Count ? -1 : CompareCells(before[i], after[j]);
            if (order < 0) removed.Add(before[i++]);
            else if (order > 0) added.Add(after[j++]);
            else
            {
                if (before[i].Role != after[j].Role) changed.Add((before[i], after[j]));
                i++;
                j++;
            }
        }
        foreach (var cell in added.OrderBy(c => (c.Caller, c.Service)))
            changes.Add(new(ChangeKind.Widened, $"{cell.Caller} may now invoke {cell.Service} ({cell.Role})"));
        foreach (var cell in removed.Where(c => services.Contains(c.Service)).OrderBy(c => (c.Caller, c.Service)))
            changes.Add(new(ChangeKind.Narrowed, $"{cell.Service} no longer callable by {cell.Caller}"));
        foreach (var (wasCell, nowCell) in changed.OrderBy(c => (c.Now.Caller, c.Now.Service)))
        {
            var (caller, service, role, was) = (nowCell.Caller, nowCell.Service, nowCell.Role, wasCell.Role);
            var wider = RoleCatalog.Shipped.Roles.TryGetValue(role, out var now) && RoleCatalog.Shipped.Roles.TryGetValue(was, out var then)
                && !then.Permissions.Except(now.Permissions).Any() && now.Permissions.Except(then.Permissions).Any();
            changes.Add(new(wider ? ChangeKind.Widened : ChangeKind.Changed, $"role for {caller} on {service} changed from {was} to {role}"));
        }
    }

    private static void Public(Plan old, Plan @new, List<AccessChange> changes)
    {
        var before = old.PublicSurface.Routes.ToDictionary(r => (r.Host, r.Path));
        var after = @new.PublicSurface.Routes.ToDictionary(r => (r.Host, r.Path));
        var wasPublic = old.PublicSurface.Routes.Select(r => r.Workload).ToHashSet();
        foreach (var route in after.Values.Where(r => !before.ContainsKey((r.Host, r.Path))).OrderBy(r => r.Host + r.Path, StringComparer.Ordinal))
            changes.Add(new(ChangeKind.NewPublicSurface, wasPublic.Contains(route.Workload)
                ? $"{route.Workload} now also answers https://{route.Host}{route.Path} (auth {route.Auth})"
                : $"{route.Workload} became public via {AuthWords(route.Auth)} at https://{route.Host}{route.Path}{(route.Reason is null ? "" : $": \"{route.Reason}\"")}"));
        foreach (var route in before.Values.Where(r => !after.ContainsKey((r.Host, r.Path))).OrderBy(r => r.Host + r.Path, StringComparer.Ordinal))
            changes.Add(new(ChangeKind.Narrowed, $"https://{route.Host}{route.Path} no longer serves {route.Workload}"));
        foreach (var (key, route) in after.Where(p => before.TryGetValue(p.Key, out var b) && b.Auth != p.Value.Auth))
            changes.Add(new(route.Auth == "none" ? ChangeKind.NewPublicSurface : ChangeKind.RemovedProtection,
                $"auth of https://{key.Host}{key.Path} ({route.Workload}) changed from {before[key].Auth} to {route.Auth}"));
        foreach (var (key, route) in after.Where(p => before.TryGetValue(p.Key, out var b) && b.Auth == p.Value.Auth && b.ArmorPolicy != p.Value.ArmorPolicy))
            changes.Add(new(ChangeKind.Changed, $"https://{key.Host}{key.Path} is now guarded by Cloud Armor {route.ArmorPolicy} instead of {before[key].ArmorPolicy}"));
        foreach (var f in @new.PublicSurface.BlockingFunctions.Except(old.PublicSurface.BlockingFunctions))
            changes.Add(new(ChangeKind.NewPublicSurface, $"{f} is now invocable without an IAM token (Identity Platform blocking function)"));

        var membersBefore = old.OfType<IapAccessGrantItem>().Select(g => (g.Member, g.Target)).ToHashSet();
        var membersAfter = @new.OfType<IapAccessGrantItem>().Select(g => (g.Member, g.Target)).ToHashSet();
        foreach (var (member, target) in membersAfter.Except(membersBefore).Order())
            changes.Add(new(ChangeKind.Widened, $"IAP now admits {member} to {target}"));
        foreach (var (member, target) in membersBefore.Except(membersAfter).Order())
            changes.Add(new(ChangeKind.Narrowed, $"IAP no longer admits {member} to {target}"));
    }

    private static void Ingress(Plan old, Plan @new, List<AccessChange> changes)
    {
        var before = old.OfType<WorkloadItem>().ToDictionary(w => w.Workload);
        foreach (var w in @new.OfType<WorkloadItem>().Where(w => before.TryGetValue(w.Workload, out var b) && b.Ingress != w.Ingress))
            changes.Add(new(Openness(w.Ingress) > Openness(before[w.Workload].Ingress) ? ChangeKind.RemovedProtection : ChangeKind.Changed,
                $"ingress of {w.Workload} changed from {before[w.Workload].Ingress} to {w.Ingress}: {w.IngressReason}"));
        foreach (var w in @new.OfType<RunServiceItem>().Where(w => w.InvokerIamDisabled && before.TryGetValue(w.Workload, out var b) && b is RunServiceItem { InvokerIamDisabled: false }))
            changes.Add(new(ChangeKind.RemovedProtection, $"{w.Workload} no longer checks IAM on invocation (end users verified in the app)"));
    }

    /// <summary>internal &lt; internal-and-load-balancer &lt; all.</summary>
    private static int Openness(string ingress) => ingress switch
    {
        "INGRESS_TRAFFIC_INTERNAL_ONLY" or "ALLOW_INTERNAL_ONLY" => 0,
        "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER" or "ALLOW_INTERNAL_AND_GCLB" => 1,
        _ => 2,
    };

    private static void Accounts(Plan old, Plan @new, List<AccessChange> changes)
    {
        var before = old.OfType<ServiceAccountItem>().ToDictionary(a => a.Email);
        var after = @new.OfType<ServiceAccountItem>().ToDictionary(a => a.Email);
        foreach (var email in after.Keys.Except(before.Keys).Order(StringComparer.Ordinal))
            changes.Add(new(ChangeKind.Changed, $"new service account {email} for {after[email].UsedBy}"));
        foreach (var email in before.Keys.Except(after.Keys).Order(StringComparer.Ordinal))
            changes.Add(new(ChangeKind.Narrowed, $"service account {email} ({before[email].UsedBy}) deleted"));
    }

    private static void Secrets(Plan old, Plan @new, List<AccessChange> changes)
    {
        var before = old.OfType<SecretAccessorGrantItem>().Select(g => (g.Caller, g.SecretId)).ToHashSet();
        var after = @new.OfType<SecretAccessorGrantItem>().Select(g => (g.Caller, g.SecretId)).ToHashSet();
        foreach (var (workload, secret) in after.Except(before).Order())
            changes.Add(new(ChangeKind.Widened, $"{workload} may now read secret {secret}"));
        foreach (var (workload, secret) in before.Except(after).Order())
            changes.Add(new(ChangeKind.Narrowed, $"{workload} may no longer read secret {secret}"));
    }

    private static void Armor(Plan old, Plan @new, List<AccessChange> changes)
    {
        var before = old.OfType<SecurityPolicyItem>().ToDictionary(p => p.Policy);
        foreach (var policy in @new.OfType<SecurityPolicyItem>().Where(p => before.ContainsKey(p.Policy)))
        {
            var was = before[policy.Policy];
            var rulesBefore = was.Rules.ToDictionary(RuleKey);
            var rulesAfter = policy.Rules.ToDictionary(RuleKey);
            foreach (var (key, rule) in rulesAfter)
            {
                if (!rulesBefore.TryGetValue(key, out var old1))
                {
                    changes.Add(new(rule.Action == "allow" && rule.Priority != int.MaxValue ? ChangeKind.Widened : ChangeKind.Changed,
                        $"Cloud Armor {policy.Policy}: new rule {Describe(rule)}"));
                    continue;
                }
                if (old1.RateLimit is { } l0 && rule.RateLimit is { } l1 && (l0.Count, l0.IntervalSec) != (l1.Count, l1.IntervalSec))
                {
                    var looser = (double)l1.Count / l1.IntervalSec > (double)l0.Count / l0.IntervalSec;
                    changes.Add(new(looser ? ChangeKind.RemovedProtection : ChangeKind.Changed,
                        $"rate limit on {Scope(rule)} {(looser ? "raised" : "lowered")} from {Rate(l0)} to {Rate(l1)} ({policy.Policy})"));
                }
                if (rule.Priority == int.MaxValue && old1.Action != rule.Action)
                    changes.Add(new(rule.Action == "allow" ? ChangeKind.RemovedProtection : ChangeKind.Changed,
                        $"Cloud Armor {policy.Policy}: default rule changed from {old1.Action} to {rule.Action}"));
            }
            foreach (var (key, rule) in rulesBefore.Where(p => !rulesAfter.ContainsKey(p.Key)))
                changes.Add(new(rule.Action == "allow" ? ChangeKind.Narrowed : ChangeKind.RemovedProtection,
                    $"Cloud Armor {policy.Policy}: rule removed: {Describe(rule)}"));
            if (was.AdaptiveProtection && !policy.AdaptiveProtection)
                changes.Add(new(ChangeKind.RemovedProtection, $"Cloud Armor {policy.Policy}: adaptive protection turned off"));
        }
    }

    /// <summary>Rules are matched across versions by what they match, not by priority, which callmap assigns.</summary>
    private static string RuleKey(ArmorRule rule) => rule.Priority == int.MaxValue ? "default"
        : rule.RateLimit is not null ? $"limit:{rule.Expression ?? "*"}"
        : rule.Expression ?? $"{rule.Action}:{string.Join(",", rule.SrcIpRanges ?? [])}";

    private static string Scope(ArmorRule rule) => rule.Expression is { } e && e.Contains('\'') ? e.Split('\'')[1] + (e.Contains("startsWith") ? "*" : "") : "all requests";

    private static string Rate(ArmorRateLimit limit) => limit.IntervalSec == 60 ? $"{limit.Count}/min" : $"{limit.Count} per {limit.IntervalSec} s";

    private static string Describe(ArmorRule rule) => Reports.PlanSummary.RuleText(rule);

    private static void IdentityPlatform(Plan old, Plan @new, List<AccessChange> changes)
    {
        var before = old.OfType<IdentityPlatformConfigItem>().FirstOrDefault();
        var after = @new.OfType<IdentityPlatformConfigItem>().FirstOrDefault();
        if (before is null || after is null) return;
        int Strength(string state) => state switch { "MANDATORY" => 2, "ENABLED" => 1, _ => 0 };
        if (before.MfaState != after.MfaState)
            changes.Add(new(Strength(after.MfaState) < Strength(before.MfaState) ? ChangeKind.RemovedProtection : ChangeKind.Changed,
                $"Identity Platform MFA changed from {before.MfaState} to {after.MfaState}"));
        foreach (var domain in after.AuthorizedDomains.Except(before.AuthorizedDomains))
            changes.Add(new(ChangeKind.Widened, $"Identity Platform now accepts sign-ins from {domain}"));
        if (after.AnonymousEnabled && !before.AnonymousEnabled)
            changes.Add(new(ChangeKind.Widened, "Identity Platform now allows anonymous sign-in"));
    }

    private static string AuthWords(string auth) => auth switch
    {
        "iap" => "IAP",
        "in-app" => "the load balancer (users verified in the app)",
        _ => "the load balancer, open to anonymous users",
    };
}
