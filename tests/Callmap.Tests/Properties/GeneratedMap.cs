using System.Text;
using Callmap.Model;
using FsCheck;
using FsCheck.Fluent;

namespace Callmap.Tests.Properties;

/// <summary>A generated service; <see cref="Auth"/> is its public auth mode (in-app, iap, none) or null when private.</summary>
public sealed record GeneratedService(string Name, WorkloadKind Kind, string? Auth = null);

/// <summary>A generated caller: its key as written under callers:, its kind and the services it invokes.</summary>
public sealed record GeneratedCaller(string Key, CallerKind Kind, IReadOnlyList<string> Targets);

/// <summary>A random valid access map, kept as a model so that properties can state what its plan must hold.</summary>
public sealed record GeneratedMap(IReadOnlyList<GeneratedService> Services, IReadOnlyList<GeneratedCaller> Callers, string? BlockingFunction = null)
{
    public bool IsPublic(string service) => Services.Single(s => s.Name == service).Auth is not null;

    public IEnumerable<(string Caller, string Target)> Edges => Callers.SelectMany(c => c.Targets.Select(t => (c.Key, t)));

    /// <summary>The invoker grants the public edge implies: IAP's service agent on IAP services, Identity Platform on its blocking function.</summary>
    public IEnumerable<(string Caller, string Target)> ImpliedEdges =>
        Services.Where(s => s.Auth == "iap").Select(s => ("iap", s.Name))
            .Concat(BlockingFunction is null ? [] : [("identity-platform", BlockingFunction)]);

    public WorkloadKind KindOf(string service) => Services.Single(s => s.Name == service).Kind;

    public override string ToString() => ToYaml();

    public string ToYaml()
    {
        var yaml = new StringBuilder("project: acme-generated\nprojectNumber: \"123456789012\"\nregion: europe-west1\n");
        if (Services.Any(s => s.Auth is not null))
            yaml.Append("edge: { armor: { default: { defaultAction: allow, rateLimit: { requests: 300, seconds: 60 }, waf: [sqli-v33-stable] } } }\n");
        if (BlockingFunction is not null)
            yaml.Append($"identityPlatform: {{ signIn: {{ email: true }}, blockingFunctions: {{ beforeCreate: {BlockingFunction} }} }}\n");
        yaml.Append("services:\n");
        foreach (var s in Services)
        {
            var body = s.Kind switch
            {
                WorkloadKind.RunService => $"run: {{ image: europe-west1-docker.pkg.dev/acme/apps/{s.Name}:1 }}",
                WorkloadKind.FunctionGen2 => $"function: {{ runtime: nodejs22, entryPoint: main, source: gs://acme-src/{s.Name}.zip }}",
                _ => $"function: {{ generation: 1, runtime: python312, entryPoint: main, source: gs://acme-src/{s.Name}.zip }}",
            };
            var exposure = s.Auth switch
            {
                null => "",
                "iap" => $", public: {{ hosts: [{s.Name.Replace('_', '-')}.acme.shop], auth: iap, iap: {{ members: [group:support@acme.shop] }} }}",
                "none" => $", public: {{ hosts: [{s.Name}.acme.shop], auth: none, reason: generated }}",
                _ => $", public: {{ hosts: [{s.Name}.acme.shop], auth: {s.Auth} }}",
            };
            yaml.AppendLine($"  {s.Name}: {{ {body}{exposure} }}");
        }
        if (Callers.Count == 0) return yaml.ToString();
        yaml.AppendLine("callers:");
        foreach (var c in Callers)
            yaml.AppendLine(c.Kind switch
            {
                CallerKind.Scheduler => $"  {c.Key}: {{ invokes: {c.Targets[0]}, schedule: \"*/5 * * * *\" }}",
                CallerKind.PubSubPush => $"  {c.Key}: {{ invokes: {c.Targets[0]}, topic: events, path: /events }}",
                CallerKind.Eventarc => $"  {c.Key}: {{ invokes: {c.Targets[0]}, event: google.cloud.storage.object.v1.finalized, filters: {{ bucket: uploads }}, location: eu }}",
                CallerKind.CloudTasks => $"  {c.Key}: {{ invokes: {c.Targets[0]}, enqueuers: [group:producers@acme.shop] }}",
                _ => $"  {c.Key}: [{string.Join(", ", c.Targets)}]",
            });
        return yaml.ToString();
    }

    /// <summary>The same map with services, callers and each caller's targets in another order.</summary>
    public Gen<GeneratedMap> Reordered() =>
        from services in Gen.Shuffle(Services.ToArray())
        from callers in Gen.CollectToList(Callers, c => Gen.Shuffle(c.Targets.ToArray()).Select(t => c with { Targets = t }))
        from callerOrder in Gen.Shuffle(callers.ToArray())
        select new GeneratedMap(services, callerOrder, BlockingFunction);
}

public static class MapGenerators
{
    private static readonly string[] ExternalKeys =
    [
        "group:devs@acme.shop",
        "user:oncall@acme.shop",
        "serviceAccount:smoke@acme-ci.iam.gserviceaccount.com",
        "principalSet://iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/github/attribute.repository/acme/shop",
    ];

    private static readonly (string Prefix, CallerKind Kind)[] Created =
        [("schedule/job", CallerKind.Scheduler), ("push/sub", CallerKind.PubSubPush), ("eventarc/trigger", CallerKind.Eventarc), ("tasks/queue", CallerKind.CloudTasks)];

    /// <summary>Service names of every shape: short, long enough to need a hashed account id, and 1st gen names with '_'.</summary>
    private static string ServiceName(int index, WorkloadKind kind, bool longName) => (kind, longName) switch
    {
        (WorkloadKind.FunctionGen1, _) => $"fn_{index}",
        (_, true) => $"order-fulfilment-notification-{index}",
        _ => $"s{index}",
    };

    public static Gen<GeneratedMap> Maps() =>
        from count in Gen.Choose(1, 9)
        from kinds in Gen.Elements(WorkloadKind.RunService, WorkloadKind.FunctionGen2, WorkloadKind.FunctionGen1).ArrayOf(count)
        from longNames in Gen.Elements(true, false).ArrayOf(count)
        from exposures in Gen.Frequency((3, Gen.Constant<string?>(null)), (1, Gen.Elements<string?>("in-app", "iap", "none"))).ArrayOf(count)
        // Functions have no invoker-check switch, so only IAP can make them public; and IAP fronts Cloud Run, so 2nd gen only.
        let services = kinds.Select((k, i) => new GeneratedService(ServiceName(i, k, longNames[i]), k,
            k == WorkloadKind.RunService || exposures[i] is null ? exposures[i] : k == WorkloadKind.FunctionGen2 ? "iap" : null)).ToList()
        let names = services.Select(s => s.Name).ToList()
        // Only callers the map creates may call a public service, and only one behind IAP (the others have no IAM check).
        let privateNames = services.Where(s => s.Auth is null).Select(s => s.Name).ToList()
        let createdTargets = services.Where(s => s.Auth is null or "iap").Select(s => s.Name).ToArray()
        let blockingCandidates = services.Where(s => s.Auth is null && s.Kind != WorkloadKind.RunService).Select(s => s.Name).ToArray()
        from blocking in blockingCandidates.Length == 0 ? Gen.Constant<string?>(null) : Gen.Elements(blockingCandidates.Append(null).ToArray())
        from workloadCallers in Gen.CollectToList(services, s => Gen.SubListOf(privateNames.Where(n => n != s.Name)))
        from externals in Gen.SubListOf(ExternalKeys)
        from externalTargets in Gen.CollectToList(externals, _ => Gen.SubListOf(privateNames.ToArray()))
        from createdCount in Gen.Choose(0, 5)
        from created in Gen.CollectToList(Enumerable.Range(0, createdCount), i =>
            from kind in Gen.Elements(Created)
            from target in Gen.Elements(createdTargets.Length == 0 ? names.ToArray() : createdTargets)
            select new GeneratedCaller($"{kind.Prefix}-{i}", kind.Kind, [target]))
        let callers = services.Zip(workloadCallers).Where(p => p.Second.Count > 0)
            .Select(p => new GeneratedCaller(p.First.Name, CallerKind.Workload, p.Second.ToList()))
            .Concat(externals.Zip(externalTargets).Where(p => p.Second.Count > 0).Select(p => new GeneratedCaller(p.First, KindOfMember(p.First), p.Second.ToList())))
            // Eventarc cannot deliver to 1st gen functions; the validator says so, the generator stays valid.
            .Concat(created.Where(c => c.Kind != CallerKind.Eventarc || services.Single(s => s.Name == c.Targets[0]).Kind != WorkloadKind.FunctionGen1)
                .Where(c => services.Single(s => s.Name == c.Targets[0]).Auth is null or "iap"))
            .ToList()
        select new GeneratedMap(services, callers, blocking);

    /// <summary>Text that is anything from almost-YAML to noise, built from the tokens maps are made of.</summary>
    public static Gen<string> Garbage()
    {
        string[] tokens =
        [
            ":", ": ", "- ", " ", "\n", "\n  ", "\n    ", "[", "]", "{", "}", ",", "&a ", "*a", "*b", "'", "\"", "# c", "|", ">", "!!str ", "!!map ",
            "%YAML 1.2\n", "---\n", "...\n", "\t", "? ", "<<: ", "~", "null", "true", "-1", "1e9", "project", "projectNumber", "region",
            "services", "callers", "run", "function", "image", "invokes", "api", "allUsers", "group:a@b.c", "schedule/x", "\u00e9", "\u0000",
        ];
        return Gen.Elements(tokens).ListOf().Select(parts => string.Concat(parts));
    }

    /// <summary>A valid map with a span deleted or a token inserted somewhere.</summary>
    public static Gen<string> Mutated() =>
        from map in Maps()
        let text = map.ToYaml()
        from at in Gen.Choose(0, text.Length)
        from length in Gen.Choose(0, Math.Min(20, text.Length - at))
        from insert in Gen.Elements("", ":", "- ", "\n", "  ", "[", "{", "&x ", "*x", "\"", "allUsers: [s0]\n")
        select text.Remove(at, length).Insert(at, insert);

    private static CallerKind KindOfMember(string key) => key.Split(':')[0] switch
    {
        "group" => CallerKind.Group,
        "user" => CallerKind.User,
        "serviceAccount" => CallerKind.ServiceAccount,
        _ => CallerKind.PrincipalSet,
    };
}
