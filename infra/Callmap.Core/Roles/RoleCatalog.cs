using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Callmap.Roles;

/// <summary>A predefined role as Google describes it: title, launch stage and the permissions it holds.</summary>
public sealed record RoleFacts(
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("stage")] string Stage,
    [property: JsonPropertyName("permissions")] IReadOnlyList<string> Permissions);

/// <summary>
/// Role → permissions, in the format of ../shared/gcp/iam-roles.json (one JSON object keyed by role
/// name), so that a complete export can replace the facts shipped here. The shipped file holds the
/// roles callmap grants and the broader roles they are chosen over.
/// </summary>
public sealed class RoleCatalog
{
    private readonly IReadOnlyDictionary<string, RoleFacts> _roles;

    /// <summary>Answers already found: a plan asks once per grant, and a 20,000-service plan has 200,000 grants of a few permissions.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string?> _smallest = new(StringComparer.Ordinal);

    public RoleCatalog(IReadOnlyDictionary<string, RoleFacts> roles) => _roles = roles;

    public static RoleCatalog Shipped { get; } = LoadShipped();

    public IReadOnlyDictionary<string, RoleFacts> Roles => _roles;

    /// <summary>Basic roles: thousands of permissions across every service; never a recommendation, whatever a roles file says.</summary>
    public static IReadOnlyList<string> BasicRoles { get; } = ["roles/owner", "roles/editor", "roles/viewer", "roles/browser"];

    /// <summary>Reads and sanity-checks a roles file (<see cref="RolesFileReader"/>); the first problem, located, never an exception.</summary>
    public static (RoleCatalog? Catalog, Diagnostics.Diagnostic? Error) LoadFile(string path, string display)
    {
        var (catalog, errors) = RolesFileReader.Read(path, display);
        return (catalog, errors.Count > 0 ? errors[0] : null);
    }

    public static RoleCatalog Parse(Stream json) =>
        new(JsonSerializer.Deserialize(json, RolesJsonContext.Default.DictionaryStringRoleFacts)
            ?? throw new InvalidDataException("the roles file holds no JSON object"));

    /// <summary>
    /// The generally available role with the fewest permissions that includes <paramref name="permission"/>;
    /// where no GA role holds it (Cloud Tasks' roles are all BETA), the smallest role of a later stage, never a
    /// deprecated one. Service agent roles are Google's own and never granted to workloads, so they are not
    /// candidates. Ties go to the alphabetically first name, so the answer never depends on file order.
    /// </summary>
    public string SmallestRoleWith(string permission) =>
        SmallestRoleWithOrNull(permission) ?? throw new InvalidOperationException($"no role in the catalog holds {permission}");

    /// <summary>
    /// As <see cref="SmallestRoleWith"/>; null when no candidate holds the permission. Basic roles are never
    /// candidates. GA roles first; where none holds the permission (Cloud Tasks' roles are all BETA), the
    /// smallest of a later stage, never a deprecated one.
    /// </summary>
    public string? SmallestRoleWithOrNull(string permission) => _smallest.GetOrAdd(permission, SearchSmallestRoleWith);

    private string? SearchSmallestRoleWith(string permission) =>
        _roles.Where(r => r.Value is { Permissions: not null } && r.Value.Stage is not ("DEPRECATED" or "DISABLED")
                && !IsServiceAgentRole(r.Key) && !BasicRoles.Contains(r.Key) && r.Value.Permissions.Contains(permission))
            .OrderBy(r => r.Value.Stage == "GA" ? 0 : 1).ThenBy(r => r.Value.Permissions.Count).ThenBy(r => r.Key, StringComparer.Ordinal)
            .Select(r => r.Key)
            .FirstOrDefault();

    public static bool IsServiceAgentRole(string role) => role.EndsWith("serviceAgent", StringComparison.OrdinalIgnoreCase);

    private static RoleCatalog LoadShipped()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Callmap.Roles.roles.json")
            ?? throw new InvalidOperationException("the shipped role facts are missing from the assembly");
        return Parse(stream);
    }
}
