using Callmap.Model;

namespace Callmap.Planning;

/// <summary>
/// Functions are built by Cloud Build as a service account; in projects created since July 2024 that is
/// the default compute account unless the function names another
/// (https://cloud.google.com/functions/docs/securing/build-custom-sa). callmap plans one build account
/// per project holding only the roles that page lists: Logs Writer and Artifact Registry Writer (named
/// project-level exceptions), and Storage Object Viewer on each source bucket only.
/// </summary>
public static class FunctionBuild
{
    /// <summary>6–30 characters as account ids must be; no workload or caller id starts with "functions-".</summary>
    public const string AccountId = "functions-build";

    /// <summary>Reads the function's source zip (storage.objects.get), granted on the source bucket only.</summary>
    public const string SourceReaderRole = "roles/storage.objectViewer";

    /// <summary>The project-level exceptions the build account holds.</summary>
    public static IReadOnlyList<string> ProjectExceptions { get; } =
        [ProjectGrantExceptions.FunctionBuildWritesLogs, ProjectGrantExceptions.FunctionBuildPushesImages];

    /// <summary>
    /// The form both generations take: gen2 buildConfig.serviceAccount and gen1 buildServiceAccount are
    /// "projects/{project}/serviceAccounts/{serviceAccountEmail}" (Pulumi.Gcp 9.35.0 doc comments).
    /// </summary>
    public static string ResourceName(string project, string email) => $"projects/{project}/serviceAccounts/{email}";

    public static bool Needed(AccessMap map) => map.Services.Any(s => s.IsFunction);
}
