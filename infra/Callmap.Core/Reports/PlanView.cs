using Callmap.Planning;

namespace Callmap.Reports;

/// <summary>
/// The look-ups every renderer needs, built once per plan so that rendering stays linear in the plan's
/// size: who invokes each workload, what each workload calls and reads, and the matrix by cell.
/// </summary>
public sealed class PlanView
{
    private readonly ILookup<string, GrantItem> _invokersByTarget;
    private readonly ILookup<string, string> _targetsByCaller;
    private readonly ILookup<string, SecretAccessorGrantItem> _secretsByWorkload;
    private readonly Dictionary<(string Caller, string Service), string> _matrix;
    private readonly ILookup<string, IapAccessGrantItem> _iapByWorkload;
    private readonly Dictionary<string, BackendServiceItem> _backends;
    private readonly Dictionary<string, string> _endUsers;

    public PlanView(Plan plan)
    {
        Plan = plan;
        var invokerGrants = plan.OfType<GrantItem>().Where(g => g is RunInvokerGrantItem or FunctionInvokerGrantItem).ToList();
        _invokersByTarget = invokerGrants.OrderBy(g => g.Caller, StringComparer.Ordinal).ToLookup(g => g.Target);
        _targetsByCaller = invokerGrants.OrderBy(g => g.Target, StringComparer.Ordinal).ToLookup(g => g.Caller, g => g.Target);
        _secretsByWorkload = plan.OfType<SecretAccessorGrantItem>().ToLookup(s => s.Caller);
        _iapByWorkload = plan.OfType<IapAccessGrantItem>().OrderBy(g => g.Member, StringComparer.Ordinal).ToLookup(g => g.Target);
        _backends = plan.OfType<BackendServiceItem>().ToDictionary(b => b.Workload);
        _endUsers = plan.Matrix.EndUsers.ToDictionary(e => e.Service, e => e.Auth);
        _matrix = plan.Matrix.Cells.ToDictionary(c => (c.Caller, c.Service), c => c.Role);
        Summary = PlanSummary.Of(plan);
        Marks = PlanSummary.MatrixMarks(plan);
    }

    public Plan Plan { get; }

    public PlanSummary Summary { get; }

    /// <summary>The mark of each role in the access matrix.</summary>
    public IReadOnlyDictionary<string, string> Marks { get; }

    public IReadOnlyList<WorkloadItem> Workloads => Plan.OfType<WorkloadItem>().OrderBy(w => w.Workload, StringComparer.Ordinal).ToList();

    /// <summary>The grants that let callers invoke this workload, by caller.</summary>
    public IReadOnlyList<GrantItem> InvokersOf(WorkloadItem w) => _invokersByTarget[w.Workload].ToList();

    /// <summary>The services this workload calls, sorted.</summary>
    public IReadOnlyList<string> CallsOf(WorkloadItem w) => _targetsByCaller[w.Workload].ToList();

    public IEnumerable<SecretAccessorGrantItem> SecretsReadBy(WorkloadItem w) => _secretsByWorkload[w.Workload];

    /// <summary>Who IAP admits to this workload.</summary>
    public IEnumerable<IapAccessGrantItem> IapMembersOf(WorkloadItem w) => _iapByWorkload[w.Workload];

    /// <summary>The load balancer backend of a public workload.</summary>
    public BackendServiceItem? BackendOf(WorkloadItem w) => _backends.GetValueOrDefault(w.Workload);

    /// <summary>How end users reach a service ("in-app", "iap", "none", "identity-platform"), or null when they cannot.</summary>
    public string? EndUserAccessTo(string service) => _endUsers.GetValueOrDefault(service);

    /// <summary>The row label of end users in the access matrix.</summary>
    public const string EndUserRow = "end users (internet)";

    /// <summary>The matrix mark for one caller and service, or null where there is no grant.</summary>
    public string? MarkAt(string caller, string service) =>
        _matrix.TryGetValue((caller, service), out var role) ? Marks[role] : null;
}
