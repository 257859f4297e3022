namespace Callmap.Stacks;

/// <summary>
/// What one Pulumi stack says about itself in <c>stacks/Pulumi.STACK.yaml</c>: the project and region
/// the gcp provider deploys to, the access map, the policy files and, optionally, a roles file.
/// Paths are relative to <see cref="RootDirectory"/>, the folder of Pulumi.yaml.
/// </summary>
public sealed record StackSettings(
    string RootDirectory,
    string StackName,
    string? GcpProject,
    string? GcpRegion,
    string? MapPath,
    IReadOnlyList<string> PolicyPaths,
    string? RolesPath = null)
{
    /// <summary>The config namespace of the program's own keys (<c>callmap:map</c>, <c>callmap:policies</c>, <c>callmap:roles</c>).</summary>
    public const string ConfigNamespace = "callmap";

    /// <summary>Pulumi.yaml's <c>stackConfigDir</c>.</summary>
    public const string StackConfigFolder = "stacks";

    /// <summary>Where this stack's settings are written, as a reviewer would open it.</summary>
    public string ConfigFile => $"{StackConfigFolder}/Pulumi.{StackName}.yaml";

    public string FullPath(string relative) => Path.GetFullPath(Path.Combine(RootDirectory, relative));

    public string Display(string path) => Path.GetRelativePath(RootDirectory, FullPath(path)).Replace('\\', '/');
}
