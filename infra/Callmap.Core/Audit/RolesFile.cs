using System.Text.Encodings.Web;
using System.Text.Json;
using Callmap.Roles;

namespace Callmap.Audit;

/// <summary>
/// `roles refresh`: every predefined role with its permissions, all pages, written in the format
/// <c>callmap check --roles</c> reads (<see cref="RoleCatalog"/>): an object keyed by role name, sorted,
/// so that two refreshes of the same role set are byte-identical and diff well.
/// </summary>
public static class RolesFile
{
    public static async Task<IReadOnlyList<LiveRole>> ReadAllAsync(IIamReader reader, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        var roles = new List<LiveRole>();
        var token = "";
        do
        {
            var page = await reader.ListRolesAsync(token, cancellationToken).ConfigureAwait(false);
            roles.AddRange(page.Items);
            progress?.Report(roles.Count);
            token = page.NextPageToken;
        } while (token.Length > 0);
        return roles;
    }

    public static string Render(IEnumerable<LiveRole> roles)
    {
        var facts = new SortedDictionary<string, RoleFacts>(StringComparer.Ordinal);
        foreach (var role in roles)
            facts[role.Name] = new RoleFacts(role.Title, role.Stage, role.Permissions.Order(StringComparer.Ordinal).ToList());
        return JsonSerializer.Serialize(facts, Writing.SortedDictionaryStringRoleFacts) + "\n";
    }

    /// <summary>Indented, and titles as Google wrote them rather than \u-escaped: the file is read by people in review too.</summary>
    private static readonly RolesJsonContext Writing = new(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
