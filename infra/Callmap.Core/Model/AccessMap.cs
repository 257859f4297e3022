using Callmap.Diagnostics;

namespace Callmap.Model;

/// <summary>One environment's access map, as written: the services it runs and who may call them.</summary>
public sealed record AccessMap(
    string File,
    Located<string> Project,
    Located<string> ProjectNumber,
    Located<string> Region,
    IReadOnlyList<Workload> Services,
    IReadOnlyList<Caller> Callers,
    Edge? Edge = null,
    IdentityPlatform? IdentityPlatform = null,
    Network? Network = null,
    IReadOnlyList<Waiver>? Waivers = null)
{
    public SourceLocation Start => new(File, 1, 1);
}
