namespace Callmap.Planning;

/// <summary>
/// Everything <c>pulumi up</c> will declare for one map, in a fixed order (kind, then logical name),
/// so that the same map always yields the same plan, however it is ordered.
/// </summary>
public sealed record Plan(
    string MapFile,
    string Project,
    string ProjectNumber,
    string Region,
    IReadOnlyList<PlanItem> Items,
    PublicSurface PublicSurface)
{
    // Look-ups derived from the items on first use; not part of the plan's value (see Equals) nor copied by `with`.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Type, Array> _ofType = new();
    private AccessMatrix? _matrix;
    private Dictionary<string, PlanItem>? _byName;

    /// <summary>
    /// `plan with { Items = ... }` starts without the derived look-ups, which describe the original's items:
    /// a copy that kept them would answer for items it no longer has.
    /// </summary>
    private Plan(Plan original)
    {
        MapFile = original.MapFile;
        Project = original.Project;
        ProjectNumber = original.ProjectNumber;
        Region = original.Region;
        Items = original.Items;
        PublicSurface = original.PublicSurface;
        _ofType = new();
    }

    public bool Equals(Plan? other) =>
        other is not null && MapFile == other.MapFile && Project == other.Project && ProjectNumber == other.ProjectNumber
        && Region == other.Region && Equals(Items, other.Items) && Equals(PublicSurface, other.PublicSurface);

    public override int GetHashCode() => HashCode.Combine(MapFile, Project, ProjectNumber, Region, Items, PublicSurface);

    /// <summary>
    /// Who may invoke what, derived from the grants when first asked for: `check` never needs it, and a
    /// 20,000-service plan does not carry a second copy of its 200,000 grants it may not use.
    /// </summary>
    public AccessMatrix Matrix => _matrix ??= AccessMatrix.Of(Items, PublicSurface);

    /// <summary>The items of a type, found once per type: the policy rules ask for the same few types, each over every item.</summary>
    public IReadOnlyList<T> OfType<T>() where T : PlanItem => (T[])_ofType.GetOrAdd(typeof(T), _ => Items.OfType<T>().ToArray());

    /// <summary>The item of that logical name; the index is built on first use, so a look-up per item stays linear.</summary>
    public PlanItem? Find(string name) =>
        (_byName ??= Items.ToDictionary(i => i.Name, StringComparer.Ordinal)).GetValueOrDefault(name);

    public PlanItem this[string name] => Find(name) ?? throw new KeyNotFoundException($"the plan has no item named {name}");
}

/// <summary>
/// Who may invoke what: one row per caller, one column per service, the role in each cell that has a
/// grant; and the end-user row: how people on the internet reach each public service.
/// </summary>
public sealed record AccessMatrix(IReadOnlyList<string> Callers, IReadOnlyList<string> Services, IReadOnlyList<AccessCell> Cells,
    IReadOnlyList<EndUserCell> EndUsers)
{
    public string? RoleAt(string caller, string service) =>
        Cells.FirstOrDefault(c => c.Caller == caller && c.Service == service)?.Role;

    /// <summary>
    /// The matrix of a plan's invoker grants and public routes. Cells are grouped by caller and each caller's
    /// few cells sorted, rather than all cells sorted at once: the same order, in a fraction of the comparisons.
    /// </summary>
    public static AccessMatrix Of(IReadOnlyList<PlanItem> items, PublicSurface surface)
    {
        var byCaller = new Dictionary<string, List<AccessCell>>(StringComparer.Ordinal);
        var services = new List<string>();
        var grants = 0;
        foreach (var item in items)
        {
            if (item is WorkloadItem workload) services.Add(workload.Workload);
            if (item is not (RunInvokerGrantItem or FunctionInvokerGrantItem)) continue;
            var grant = (GrantItem)item;
            if (!byCaller.TryGetValue(grant.Caller, out var row)) byCaller[grant.Caller] = row = [];
            row.Add(new AccessCell(grant.Caller, grant.Target, grant.Role));
            grants++;
        }
        var callers = byCaller.Keys.Order(StringComparer.Ordinal).ToList();
        var cells = new List<AccessCell>(grants);
        foreach (var caller in callers)
        {
            var row = byCaller[caller];
            row.Sort((a, b) => string.CompareOrdinal(a.Service, b.Service));
            cells.AddRange(row);
        }
        services.Sort(StringComparer.Ordinal);
        var endUsers = surface.Routes.GroupBy(r => r.Workload).Select(g => new EndUserCell(g.Key, g.First().Auth))
            .Concat(surface.BlockingFunctions.Select(f => new EndUserCell(f, "identity-platform")))
            .OrderBy(c => c.Service, StringComparer.Ordinal).ToList();
        return new AccessMatrix(callers, services, cells, endUsers);
    }
}

public sealed record AccessCell(string Caller, string Service, string Role);

/// <summary>End users reach <see cref="Service"/> through the load balancer with this auth mode, or as Identity Platform calling a blocking function.</summary>
public sealed record EndUserCell(string Service, string Auth);
