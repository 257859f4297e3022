using Callmap.Planning;

namespace Callmap.Reports;

/// <summary>
/// The access matrix in counts, for maps whose matrix would not be readable as a table: how many
/// callers, services and grants, the grants per role, the services with the most callers and the callers
/// with the most targets. Built in one pass over the cells, so a preview of any size stays linear.
/// </summary>
public sealed record MatrixOverview(int Callers, int Services, int Grants, IReadOnlyList<(string Role, int Grants)> ByRole,
    IReadOnlyList<(string Service, int Callers)> MostCalled, IReadOnlyList<(string Caller, int Services)> MostCalling,
    IReadOnlyList<EndUserCell> EndUsers)
{
    /// <summary>Past this many services (columns) the matrix is shown as counts: a wider table wraps at 120 characters.</summary>
    public const int MaxTableServices = 12;

    /// <summary>Past this many callers (rows) the matrix is shown as counts: each service's callers are in its own block.</summary>
    public const int MaxTableCallers = 60;

    /// <summary>How many services and callers the overview names by rank.</summary>
    public const int Ranked = 5;

    /// <summary>How many end-user entries the overview names before it counts the rest.</summary>
    public const int EndUsersShown = 10;

    /// <summary>What a reader is told when the matrix is not drawn.</summary>
    public const string FullMatrixHint = "The full matrix is in the machine form: callmap plan MAP --format json (field \"matrix\").";

    public static bool FitsAsTable(AccessMatrix matrix) =>
        matrix.Services.Count <= MaxTableServices && matrix.Callers.Count <= MaxTableCallers;

    public static MatrixOverview Of(AccessMatrix matrix)
    {
        var byRole = new Dictionary<string, int>(StringComparer.Ordinal);
        var byService = new Dictionary<string, int>(StringComparer.Ordinal);
        var byCaller = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var cell in matrix.Cells)
        {
            byRole[cell.Role] = byRole.GetValueOrDefault(cell.Role) + 1;
            byService[cell.Service] = byService.GetValueOrDefault(cell.Service) + 1;
            byCaller[cell.Caller] = byCaller.GetValueOrDefault(cell.Caller) + 1;
        }
        return new MatrixOverview(matrix.Callers.Count, matrix.Services.Count, matrix.Cells.Count,
            byRole.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => (r.Key, r.Value)).ToList(),
            Top(byService), Top(byCaller), matrix.EndUsers);
    }

    /// <summary>
    /// The highest counts, ties by name, without sorting everything: each count is set against the
    /// <see cref="Ranked"/> kept so far, so ranking 20,000 services costs one pass.
    /// </summary>
    private static List<(string Name, int Count)> Top(Dictionary<string, int> counts)
    {
        var top = new List<(string Name, int Count)>(Ranked + 1);
        foreach (var (name, count) in counts)
        {
            if (top.Count == Ranked && !Before((name, count), top[^1])) continue;
            var at = top.Count;
            while (at > 0 && Before((name, count), top[at - 1])) at--;
            top.Insert(at, (name, count));
            if (top.Count > Ranked) top.RemoveAt(Ranked);
        }
        return top;
    }

    private static bool Before((string Name, int Count) a, (string Name, int Count) b) =>
        a.Count != b.Count ? a.Count > b.Count : string.CompareOrdinal(a.Name, b.Name) < 0;
}
