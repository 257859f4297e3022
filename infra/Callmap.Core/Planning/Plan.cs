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
    AccessMatrix Matrix,
    PublicSurface PublicSurface)
{
    public IEnumerable<T> OfType<T>() where T : PlanItem => Items.OfType<T>();

    public PlanItem this[string name] => Items.First(i => i.Name == name);
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
}

public sealed record AccessCell(string Caller, string Service, string Role);

/// <summary>End users reach <see cref="Service"/> through the load balancer with this auth mode, or as Identity Platform calling a blocking function.</summary>
public sealed record EndUserCell(string Service, string Auth);
