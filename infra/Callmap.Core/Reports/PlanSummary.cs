using Callmap.Roles;
using Callmap.Planning;

namespace Callmap.Reports;

/// <summary>What a reviewer reads first: how much the plan declares, and the facts every renderer shares.</summary>
public sealed record PlanSummary(int Workloads, int Accounts, int InvokerGrants, int SecretGrants, int CreatedCallers, int Apis)
{
    /// <summary>The counts, in one pass over the plan.</summary>
    public static PlanSummary Of(Plan plan)
    {
        var (workloads, accounts, invokerGrants, secretGrants, createdCallers, apis) = (0, 0, 0, 0, 0, 0);
        foreach (var item in plan.Items)
        {
            switch (item)
            {
                case WorkloadItem: workloads++; break;
                case ServiceAccountItem: accounts++; break;
                case RunInvokerGrantItem or FunctionInvokerGrantItem: invokerGrants++; break;
                case SecretAccessorGrantItem: secretGrants++; break;
                case CreatedCallerItem: createdCallers++; break;
                case ApiServiceItem: apis++; break;
            }
        }
        return new(workloads, accounts, invokerGrants, secretGrants, createdCallers, apis);
    }

    public override string ToString() =>
        $"{Count(Workloads, "workload")} · {Count(Accounts, "service account")} · {Count(InvokerGrants, "invoker grant")} · "
        + $"{Count(SecretGrants, "secret grant")} · {Count(CreatedCallers, "caller")} created · {Count(Apis, "API")}";

    private static string Count(int n, string noun) => $"{n} {noun}{(n == 1 ? "" : "s")}";

    public static string KindTitle(WorkloadItem w) => w switch
    {
        RunServiceItem => "Cloud Run service",
        FunctionGen2Item => "function (2nd gen, on Cloud Run)",
        _ => "function (1st gen)",
    };

    public static string CallerTitle(CreatedCallerItem c) => c switch
    {
        SchedulerJobItem s => $"Cloud Scheduler job · \"{s.Schedule}\" {s.TimeZone} · {s.HttpMethod} {s.Uri}",
        PushSubscriptionItem p => $"Pub/Sub push subscription · {p.Topic} → {p.PushEndpoint}",
        EventarcTriggerItem e => $"Eventarc trigger in {e.Location} · {string.Join(", ", e.MatchingCriteria.Select(m => $"{m.Attribute}={m.Value}"))} → {e.DestinationService}{e.DestinationPath}",
        TasksQueueItem t => $"Cloud Tasks queue · https://{t.Host}{t.Path}{(t.MaxDispatchesPerSecond is { } rate ? $" · ≤ {rate}/s" : "")}"
            + $" · tasks added by {string.Join(", ", t.Enqueuers)} ({GrantRoles.TasksEnqueuer} on this queue)",
        _ => c.Name,
    };

    /// <summary>Scaling and size in one line: "2–50 instances · cpu 2 · memory 1Gi", or "platform defaults".</summary>
    public static string ScalingAndSize(WorkloadItem w)
    {
        var (scaling, resources) = (Scaling(w), Resources(w));
        return (scaling, resources) switch
        {
            (PlatformDefaults, _) => resources,
            (_, PlatformDefaults) => scaling,
            _ => $"{scaling} · {resources}",
        };
    }

    private const string PlatformDefaults = "platform defaults";

    public static string Egress(DirectVpcEgress egress) =>
        $"{egress.Egress} through VPC {egress.Network}, subnet {egress.Subnetwork} (Direct VPC egress), so its calls count as internal; "
        + "the subnet needs Private Google Access, and Cloud NAT for this service's own internet traffic";

    /// <summary>How a caller is shown: its key, or what the two callers outside the map's caller list are.</summary>
    public static string CallerLabel(string caller) => caller switch
    {
        "iap" => "iap (IAP's service agent)",
        "identity-platform" => "identity-platform (allUsers)",
        _ => caller,
    };

    public static string Scaling(WorkloadItem w) => (w.MinInstances, w.MaxInstances) switch
    {
        (null, null) => PlatformDefaults,
        (var min, null) => $"at least {min} instance{(min == 1 ? "" : "s")}",
        (null, var max) => $"0–{max} instances",
        (var min, var max) => $"{min}–{max} instances",
    };

    public static string Resources(WorkloadItem w) => w switch
    {
        RunServiceItem r when r.Cpu is not null || r.Memory is not null =>
            string.Join(" · ", new[] { r.Cpu is null ? null : $"cpu {r.Cpu}", r.Memory is null ? null : $"memory {r.Memory}" }.OfType<string>()),
        FunctionGen2Item f when f.AvailableMemory is not null => $"memory {f.AvailableMemory}",
        FunctionGen1Item f when f.AvailableMemoryMb is not null => $"memory {f.AvailableMemoryMb} MB",
        _ => PlatformDefaults,
    };

    public static string What(WorkloadItem w) => w switch
    {
        RunServiceItem r => r.Image,
        FunctionGen2Item f => $"{f.Runtime} · {f.EntryPoint} · gs://{f.SourceBucket}/{f.SourceObject}",
        FunctionGen1Item f => $"{f.Runtime} · {f.EntryPoint} · gs://{f.SourceBucket}/{f.SourceObject}",
        _ => "",
    };

    /// <summary>The sign-up quota override in words: dated, and not a rate.</summary>
    public static string SignUpQuota(IdentityPlatformConfigItem config) => config.SignUpQuota is { } quota
        ? $"{quota} per {config.SignUpQuotaDuration} from {config.SignUpQuotaStart}, a temporary override that ends after {config.SignUpQuotaDuration}"
        : "Google's default";

    private static void Env(EnvEntry e, TextBuffer into)
    {
        switch (e.From)
        {
            // A value written in the map stays on its line: a newline in it is shown, not obeyed.
            case EnvSource.Map or EnvSource.Wiring: into.Append($"{e.Name}={SafeText.OneLine(e.Value ?? "")}"); break;
            case EnvSource.SecretManager: into.Append($"{e.Name} ← Secret Manager {e.Secret} ({e.Version})"); break;
            case EnvSource.EndUserAuth: into.Append($"{e.Name}={e.Value} (verify end-user tokens)"); break;
            default: into.Append($"{e.Name} ← Secret Manager {e.Secret} (the version callmap creates from Pulumi config secret {e.ConfigKey})"); break;
        }
    }

    /// <summary>
    /// The environment in short: the map's variables and secrets one per line, then one line per called
    /// service for its URL and audience pair (the values are on that service's own block), by service.
    /// Each line is composed in <paramref name="into"/> and added to <paramref name="lines"/> as a slice of it.
    /// </summary>
    internal static void EnvLines(WorkloadItem w, TextBuffer into, List<ReadOnlyMemory<char>> lines)
    {
        var wiring = 0;
        foreach (var e in w.Env)
        {
            if (e.From == EnvSource.Wiring)
            {
                wiring++;
                continue;
            }
            var start = into.Length;
            Env(e, into);
            lines.Add(into.Since(start));
        }
        if (wiring == 0) return;

        // Each called service's variables in the order the plan lists them, the services by name: an
        // insertion sort, stable and without a comparer, as a workload's wiring is short and mostly in order.
        var byTarget = new EnvEntry[wiring];
        var n = 0;
        foreach (var e in w.Env)
        {
            if (e.From != EnvSource.Wiring) continue;
            var at = n++;
            for (; at > 0 && string.CompareOrdinal(byTarget[at - 1].Target, e.Target) > 0; at--) byTarget[at] = byTarget[at - 1];
            byTarget[at] = e;
        }
        for (var i = 0; i < wiring;)
        {
            var (start, target) = (into.Length, byTarget[i].Target!);
            for (var first = i; i < wiring && byTarget[i].Target == target; i++)
            {
                if (i > first) into.Append(", ");
                into.Append(byTarget[i].Name);
            }
            into.Append($" ← {target}");
            lines.Add(into.Since(start));
        }
    }

    /// <summary>The resource a grant is on: "Cloud Run service orders (europe-west1)", "secret stripe-api-key".</summary>
    public static string GrantResource(GrantItem g)
    {
        var text = new TextBuffer(64);
        GrantResource(g, text);
        return text.ToString();
    }

    internal static void GrantResource(GrantItem g, TextBuffer into)
    {
        switch (g)
        {
            case RunInvokerGrantItem r: into.Append($"Cloud Run service {r.Service} ({r.Location})"); break;
            case FunctionInvokerGrantItem f: into.Append($"function {f.CloudFunction} ({f.Region})"); break;
            case SecretAccessorGrantItem s: into.Append($"secret {s.SecretId}"); break;
            default: into.Append(g.Target); break;
        }
    }

    /// <summary>One Cloud Armor rule in a line: priority, action, what it matches and, for rate limits, the limit.</summary>
    public static string RuleText(ArmorRule r)
    {
        var match = r.Expression ?? (r.SrcIpRanges is ["*"] ? "all requests" : $"from {string.Join(", ", r.SrcIpRanges ?? [])}");
        var limit = r.RateLimit is { } l
            ? $": {l.Count} per {l.IntervalSec} s per {l.EnforceOnKey}{(l.EnforceOnKeyName is null ? "" : $" {l.EnforceOnKeyName}")}, over it {l.ExceedAction}"
              + (l.BanDurationSec is { } ban ? $" and banned for {ban} s" : "")
            : "";
        return $"{(r.Priority == int.MaxValue ? "default" : r.Priority.ToString(System.Globalization.CultureInfo.InvariantCulture))} {r.Action} {match}{limit}";
    }

    /// <summary>The warnings a reviewer must see on every preview: anonymous routes and tokenless invokers.</summary>
    public static IReadOnlyList<string> PublicWarnings(Plan plan) =>
        plan.PublicSurface.Routes.Where(r => r.Auth == "none")
            .Select(r => $"⚠ {r.Host}{r.Path} is open to anonymous users ({r.Workload}): \"{r.Reason}\"")
            .Concat(plan.PublicSurface.BlockingFunctions.Select(f =>
                $"⚠ {f} is invocable without an IAM token: an Identity Platform blocking function (allUsers on its invoker role, its SDK verifies the request)"))
            .ToList();

    /// <summary>How end users may sign in: the built-in methods, then the identity providers.</summary>
    public static IReadOnlyList<string> SignInMethods(Plan plan, IdentityPlatformConfigItem config) =>
        new[]
        {
            config.EmailEnabled ? (config.PasswordRequired ? "email and password" : "email link") : null,
            config.PhoneNumberEnabled ? "phone" : null,
            config.AnonymousEnabled ? "anonymous" : null,
        }.OfType<string>().Concat(plan.OfType<IdentityProviderConfigItem>().Select(p => p.IdpId)).ToList();

    public static string AuthTitle(string auth) => auth switch
    {
        "in-app" => "in-app (the service verifies Identity Platform ID tokens)",
        "iap" => "IAP",
        "none" => "none (anonymous)",
        _ => auth,
    };

    /// <summary>
    /// The mark each role gets in the access matrix: ✓ when every grant has the same role, otherwise
    /// a letter per role (A, B, …) explained in the legend.
    /// </summary>
    public static IReadOnlyDictionary<string, string> MatrixMarks(Plan plan)
    {
        var roles = plan.Matrix.Cells.Select(c => c.Role).Distinct().Order(StringComparer.Ordinal).ToList();
        return roles.Select((role, i) => (role, mark: roles.Count == 1 ? "✓" : ((char)('A' + i)).ToString()))
            .ToDictionary(p => p.role, p => p.mark);
    }
}
