using Callmap.Planning;

namespace Callmap.Reports;

/// <summary>
/// The look-ups every renderer needs, built in one pass over the plan so that rendering stays linear in
/// the plan's size: the items of each kind a preview lists, who invokes each workload, what each workload
/// calls and reads, its public routes, the backends behind each Cloud Armor policy, and the matrix by cell.
/// Every list is built once and handed out as it is: a renderer asks per workload, so a look-up must not
/// copy or scan.
/// </summary>
public sealed class PlanView
{
    private readonly Slices<GrantItem> _invokersByTarget;
    private readonly Slices<GrantItem> _callsByCaller;
    private readonly Slices<SecretAccessorGrantItem> _secretsByWorkload;
    private readonly Slices<IapAccessGrantItem> _iapByWorkload;
    private readonly Slices<PublicRoute> _routesByWorkload;
    private readonly Slices<BackendServiceItem> _backendsByPolicy;
    private readonly Dictionary<string, BackendServiceItem> _backends = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _endUsers;
    private Dictionary<(string Caller, string Service), string>? _matrix;

    public PlanView(Plan plan)
    {
        Plan = plan;
        var workloads = new List<WorkloadItem>();
        var invokerGrants = new List<GrantItem>();
        var secretGrants = new List<SecretAccessorGrantItem>();
        var iapGrants = new List<IapAccessGrantItem>();
        var backends = new List<BackendServiceItem>();
        foreach (var item in plan.Items)
        {
            switch (item)
            {
                case WorkloadItem w:
                    workloads.Add(w);
                    break;
                case RunInvokerGrantItem or FunctionInvokerGrantItem:
                    invokerGrants.Add((GrantItem)item);
                    break;
                case SecretAccessorGrantItem s:
                    secretGrants.Add(s);
                    break;
                case IapAccessGrantItem g:
                    iapGrants.Add(g);
                    break;
                case BackendServiceItem b:
                    backends.Add(b);
                    _backends[b.Workload] = b;
                    break;
                case CreatedCallerItem c:
                    CreatedCallers.Add(c);
                    break;
                case SecurityPolicyItem p:
                    SecurityPolicies.Add(p);
                    break;
                case ApiServiceItem a:
                    Apis.Add(a);
                    break;
                case IdentityPlatformConfigItem config:
                    IdentityPlatform ??= config;
                    break;
            }
        }

        // Invokers by caller, calls by target and IAP members by member, as the previews have always listed them.
        _invokersByTarget = new(invokerGrants, g => g.Target, order: g => g.Caller);
        _callsByCaller = new(invokerGrants, g => g.Caller, order: g => g.Target);
        _secretsByWorkload = new(secretGrants, s => s.Caller);
        _iapByWorkload = new(iapGrants, g => g.Target, order: g => g.Member);
        _routesByWorkload = new(plan.PublicSurface.Routes, r => r.Workload);
        _backendsByPolicy = new(backends, b => b.SecurityPolicy);
        workloads.Sort((a, b) => string.CompareOrdinal(a.Workload, b.Workload));
        Workloads = workloads;

        _endUsers = plan.Matrix.EndUsers.ToDictionary(e => e.Service, e => e.Auth);
        Summary = PlanSummary.Of(plan);
        Marks = PlanSummary.MatrixMarks(plan);
    }

    public Plan Plan { get; }

    public PlanSummary Summary { get; }

    /// <summary>The mark of each role in the access matrix.</summary>
    public IReadOnlyDictionary<string, string> Marks { get; }

    /// <summary>The workloads by name.</summary>
    public IReadOnlyList<WorkloadItem> Workloads { get; }

    /// <summary>The callers the map creates (Scheduler jobs, push subscriptions, triggers, queues), in plan order.</summary>
    public List<CreatedCallerItem> CreatedCallers { get; } = [];

    /// <summary>The Cloud Armor policies, in plan order.</summary>
    public List<SecurityPolicyItem> SecurityPolicies { get; } = [];

    /// <summary>The APIs the plan enables, in plan order.</summary>
    public List<ApiServiceItem> Apis { get; } = [];

    /// <summary>The project's Identity Platform configuration, if the map signs end users in.</summary>
    public IdentityPlatformConfigItem? IdentityPlatform { get; }

    /// <summary>The grants that let callers invoke this workload, by caller.</summary>
    public IReadOnlyList<GrantItem> InvokersOf(WorkloadItem w) => _invokersByTarget[w.Workload];

    /// <summary>The grants that let this workload invoke others, by the service called (<see cref="GrantItem.Target"/>).</summary>
    public IReadOnlyList<GrantItem> CallsOf(WorkloadItem w) => _callsByCaller[w.Workload];

    public IReadOnlyList<SecretAccessorGrantItem> SecretsReadBy(WorkloadItem w) => _secretsByWorkload[w.Workload];

    /// <summary>Who IAP admits to this workload, by member.</summary>
    public IReadOnlyList<IapAccessGrantItem> IapMembersOf(WorkloadItem w) => _iapByWorkload[w.Workload];

    /// <summary>The load balancer routes to a public workload, in the order of the public surface.</summary>
    public IReadOnlyList<PublicRoute> RoutesTo(WorkloadItem w) => _routesByWorkload[w.Workload];

    /// <summary>The backends a Cloud Armor policy guards, in plan order.</summary>
    public IReadOnlyList<BackendServiceItem> GuardedBy(SecurityPolicyItem policy) => _backendsByPolicy[policy.Name];

    /// <summary>The load balancer backend of a public workload.</summary>
    public BackendServiceItem? BackendOf(WorkloadItem w) => _backends.GetValueOrDefault(w.Workload);

    /// <summary>How end users reach a service ("in-app", "iap", "none", "identity-platform"), or null when they cannot.</summary>
    public string? EndUserAccessTo(string service) => _endUsers.GetValueOrDefault(service);

    /// <summary>The row label of end users in the access matrix.</summary>
    public const string EndUserRow = "end users (internet)";

    /// <summary>
    /// The matrix mark for one caller and service, or null where there is no grant. The cells are indexed
    /// on the first question: only a matrix small enough to draw as a table is asked.
    /// </summary>
    public string? MarkAt(string caller, string service)
    {
        _matrix ??= Plan.Matrix.Cells.ToDictionary(c => (c.Caller, c.Service), c => c.Role);
        return _matrix.TryGetValue((caller, service), out var role) ? Marks[role] : null;
    }
}
