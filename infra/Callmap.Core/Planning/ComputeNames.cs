using System.Security.Cryptography;
using System.Text;

namespace Callmap.Planning;

/// <summary>
/// Physical names of the load balancer's resources: RFC 1035, at most 63 characters. A name that had to
/// change (too long, or '_' from a 1st gen function name) gets a hash of the original, so two workloads
/// never share one.
/// </summary>
public static class ComputeNames
{
    public const int MaxLength = 63;

    public static string For(string name, string suffix)
    {
        var clean = name.ToLowerInvariant().Replace('_', '-').Replace('.', '-');
        var plain = $"{clean}-{suffix}";
        if (clean == name && plain.Length <= MaxLength) return plain;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..6];
        var room = MaxLength - suffix.Length - hash.Length - 2;
        return $"{clean[..Math.Min(clean.Length, room)].TrimEnd('-')}-{hash}-{suffix}";
    }
}
