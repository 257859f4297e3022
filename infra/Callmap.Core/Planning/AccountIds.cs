using System.Security.Cryptography;
using System.Text;
using Callmap.Model;

namespace Callmap.Planning;

/// <summary>
/// The service account id of every workload and created caller, derived from its kind and name alone,
/// so it never changes when the map is reordered. Ids must match ^[a-z][-a-z0-9]{4,28}[a-z0-9]$.
/// </summary>
public static class AccountIds
{
    public const int MinLength = 6;
    public const int MaxLength = 30;
    private const int HashLength = 6;

    public static string ForWorkload(Workload workload) =>
        Derive(workload.IsFunction ? "fn" : "run", workload.Name);

    public static string ForCreatedCaller(Caller caller) => Derive(caller.Kind switch
    {
        CallerKind.Scheduler => "job",
        CallerKind.PubSubPush => "push",
        CallerKind.Eventarc => "trigger",
        CallerKind.CloudTasks => "tasks",
        _ => throw new ArgumentException($"{caller.Kind} callers do not get an account from the map", nameof(caller)),
    }, caller.Name);

    /// <summary>
    /// <c>prefix-name</c>; padded with <c>-sa</c> when too short; when too long, cut and suffixed with a
    /// hash of the whole id so that two long names sharing a beginning still differ.
    /// </summary>
    internal static string Derive(string prefix, string name)
    {
        // Names may hold characters ids may not ('_' in gen1 function names) and may end in one of them
        // ('abcd_'): every other character becomes '-', and the id may not end with '-'.
        var id = string.Create(prefix.Length + 1 + name.Length, (prefix, name), static (chars, parts) =>
        {
            parts.prefix.AsSpan().ToLowerInvariant(chars);
            chars[parts.prefix.Length] = '-';
            parts.name.AsSpan().ToLowerInvariant(chars[(parts.prefix.Length + 1)..]);
            foreach (ref var c in chars)
                if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-')) c = '-';
        }).TrimEnd('-');
        while (id.Length < MinLength) id += "-sa";
        if (id.Length <= MaxLength) return id;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)))[..HashLength];
        return $"{id[..(MaxLength - HashLength - 1)].TrimEnd('-')}-{hash}";
    }

    public static string Email(string accountId, string project) => $"{accountId}@{project}.iam.gserviceaccount.com";
}
