using System.Text.RegularExpressions;

namespace Callmap.Validation;

/// <summary>Google's naming rules, each with the words used to explain it. Source: ../shared/docs/gcp-facts.md.</summary>
public static partial class GcpNames
{
    public sealed record Rule(Regex Pattern, int MaxLength, string Explanation)
    {
        public bool Accepts(string value) => value.Length <= MaxLength && Pattern.IsMatch(value);
    }

    public static readonly Rule ProjectId = new(ProjectIdPattern(), 30,
        "6 to 30 characters: lowercase letters, digits and '-', starting with a letter and not ending with '-'");

    /// <summary>Google's APIs carry the project number as an int64 (e.g. google.api.servicecontrol.v1
    /// CheckResponse.ConsumerInfo.project_number), so it is digits only, at most 19 of them.</summary>
    public static readonly Rule ProjectNumber = new(ProjectNumberPattern(), 19,
        "the project's number, digits only (at most 19), as shown by 'gcloud projects describe PROJECT --format=value(projectNumber)', quoted");

    public static readonly Rule Region = new(RegionPattern(), 30, "a Google Cloud region such as europe-west1 or us-central1");

    /// <summary>
    /// Where a Cloud Storage bucket, and so its Eventarc trigger, can be: a region, a multi-region (us, eu,
    /// asia) or a predefined dual-region (nam4, eur4, ...). https://cloud.google.com/storage/docs/locations
    /// </summary>
    public static readonly Rule BucketLocation = new(BucketLocationPattern(), 30,
        "the bucket's location: a region such as europe-west1, a multi-region (us, eu, asia) or a dual-region such as eur4");

    public static readonly Rule RunService = new(RunServicePattern(), 49,
        "at most 49 characters: lowercase letters, digits and '-', starting with a letter and not ending with '-'");

    public static readonly Rule FunctionGen1 = new(FunctionGen1Pattern(), 63,
        "at most 63 characters: lowercase letters, digits, '-' and '_', starting with a letter and not ending with '-'");

    /// <summary>Names of the jobs, subscriptions, triggers and queues the map creates: RFC 1035, which all four accept.</summary>
    public static readonly Rule CreatedCaller = new(Rfc1035Pattern(), 63,
        "at most 63 characters: lowercase letters, digits and '-', starting with a letter and not ending with '-'");

    public static readonly Rule EnvName = new(EnvNamePattern(), 256, "letters, digits and '_', not starting with a digit");

    public static readonly Rule SecretId = new(SecretIdPattern(), 255, "letters, digits, '-' and '_'");

    public static readonly Rule SecretVersion = new(SecretVersionPattern(), 20, "'latest' or a version number");

    public static readonly Rule Topic = new(TopicPattern(), 300,
        "a topic name (3–255 characters, starting with a letter) or projects/PROJECT/topics/NAME");

    public static readonly Rule Runtime = new(RuntimePattern(), 20, "a runtime id such as nodejs22, python312, go123, java21 or dotnet8");

    public static readonly Rule Memory = new(MemoryPattern(), 10, "a size in Mi or Gi, e.g. 512Mi or 2Gi");

    public static readonly Rule Cpu = new(CpuPattern(), 10, "a number of CPUs such as \"1\", \"2\" or \"0.5\", or millicores such as \"500m\"");

    public static readonly Rule Image = new(ImagePattern(), 1024,
        "a container image with its registry, e.g. europe-west1-docker.pkg.dev/PROJECT/REPO/IMAGE:TAG");

    /// <summary>Cloud Run sets these itself and refuses services that set them.</summary>
    public static readonly IReadOnlySet<string> ReservedEnvNames = new HashSet<string>(StringComparer.Ordinal)
        { "PORT", "K_SERVICE", "K_REVISION", "K_CONFIGURATION" };

    [GeneratedRegex(@"^[a-z][-a-z0-9]{4,28}[a-z0-9]$")] private static partial Regex ProjectIdPattern();
    [GeneratedRegex(@"^[1-9][0-9]{5,18}$")] private static partial Regex ProjectNumberPattern();
    [GeneratedRegex(@"^[a-z]+-[a-z]+[0-9]+$")] private static partial Regex RegionPattern();
    [GeneratedRegex(@"^([a-z]+-[a-z]+[0-9]+|[a-z]{2,4}[0-9]?)$")] private static partial Regex BucketLocationPattern();
    [GeneratedRegex(@"^[a-z]([-a-z0-9]*[a-z0-9])?$")] private static partial Regex RunServicePattern();
    [GeneratedRegex(@"^[a-z]([-_a-z0-9]*[_a-z0-9])?$")] private static partial Regex FunctionGen1Pattern();
    [GeneratedRegex(@"^[a-z]([-a-z0-9]*[a-z0-9])?$")] private static partial Regex Rfc1035Pattern();
    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$")] private static partial Regex EnvNamePattern();
    [GeneratedRegex(@"^[A-Za-z0-9_-]+$")] private static partial Regex SecretIdPattern();
    [GeneratedRegex(@"^(latest|[1-9][0-9]*)$")] private static partial Regex SecretVersionPattern();
    [GeneratedRegex(@"^([A-Za-z][-A-Za-z0-9._~%+]{2,254}|projects/[a-z][-a-z0-9]{4,28}[a-z0-9]/topics/[A-Za-z][-A-Za-z0-9._~%+]{2,254})$")] private static partial Regex TopicPattern();
    [GeneratedRegex(@"^[a-z]+[0-9]+$")] private static partial Regex RuntimePattern();
    [GeneratedRegex(@"^[1-9][0-9]{0,5}(Mi|Gi)$")] private static partial Regex MemoryPattern();
    [GeneratedRegex(@"^([0-9]+(\.[0-9]+)?|[1-9][0-9]*m)$")] private static partial Regex CpuPattern();
    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9.]*[a-z0-9])?(:[0-9]+)?/[^\s]+$")] private static partial Regex ImagePattern();
}
