namespace Callmap.Planning;

/// <summary>One host and path the load balancer serves, and how it is guarded.</summary>
public sealed record PublicRoute(string Host, string Path, string Workload, string Auth, string ArmorPolicy, string? Reason);

/// <summary>
/// Everything reachable from the internet: the load balancer's routes, and the Identity Platform
/// blocking functions that are invocable without an IAM token. Empty when nothing is public.
/// </summary>
public sealed record PublicSurface(IReadOnlyList<PublicRoute> Routes, IReadOnlyList<string> BlockingFunctions)
{
    public static PublicSurface None { get; } = new([], []);

    public bool IsEmpty => Routes.Count == 0 && BlockingFunctions.Count == 0;
}
