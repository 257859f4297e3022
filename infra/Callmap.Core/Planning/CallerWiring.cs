using Callmap.Model;

namespace Callmap.Planning;

/// <summary>
/// The environment variables a calling workload gets for each service it calls, so that its code
/// requests an ID token for exactly the right audience: ORDERS_URL and ORDERS_AUDIENCE for 'orders'.
/// </summary>
public static class CallerWiring
{
    public static string Prefix(string service) => service.ToUpperInvariant().Replace('-', '_');

    public const string UrlSuffix = "_URL";

    public const string AudienceSuffix = "_AUDIENCE";

    public static string UrlVariable(string service) => Prefix(service) + UrlSuffix;

    public static string AudienceVariable(string service) => Prefix(service) + AudienceSuffix;

}
