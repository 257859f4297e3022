using System.Text.RegularExpressions;
using Callmap.Diagnostics;
using Callmap.Loading;
using Callmap.Model;
using Callmap.Planning;

namespace Callmap.Validation;

/// <summary>
/// The rules a bound map must satisfy before anything is planned: Google's names, references between
/// callers and services, and the conflicts the planner would otherwise have to guess about.
/// </summary>
public static partial class AccessMapValidator
{
    /// <param name="declared">
    /// Every name the map declares, also those the binder could not read; references to those are
    /// already explained by the binder's errors.
    /// </param>
    public static void Validate(AccessMap map, DeclaredNames declared, DiagnosticBag d)
    {
        var declaredServices = declared.Services;
        var index = MapIndex.Of(map);
        Project(map, d);
        if (map.Network is { } network)
            foreach (var (value, what) in new[] { (network.Vpc, "VPC network"), (network.Subnet, "subnet") })
                if (!GcpNames.CreatedCaller.Accepts(value))
                    d.Add(DiagnosticCodes.InvalidName, network.At, $"'{value}' is not a valid {what} name", $"use {GcpNames.CreatedCaller.Explanation}");
        if (map.Network is { HostProject: { } host } shared) SharedVpcHost(map, shared, host, d);
        DuplicateServices(map, d);
        foreach (var workload in map.Services) Workload(index, workload, d);
        Callers(index, declaredServices, d);
        AccountIdCollisions(map, d);
        Ingress(index, d);
        EdgeValidator.Validate(index, declared, d);
        Waivers(map, d);
    }

    private static void Waivers(AccessMap map, DiagnosticBag d)
    {
        var rules = Policies.PolicyLoader.KnownRules.Select(r => r.Id).ToList();
        foreach (var waiver in map.Waivers ?? [])
        {
            if (!rules.Contains(waiver.Rule))
                d.Add(DiagnosticCodes.InvalidValue, waiver.At, $"the waiver names '{waiver.Rule}', which is not a callmap rule",
                    $"{Suggestions.DidYouMean(waiver.Rule, rules)}rules: {string.Join(", ", rules)}");
            else if (waiver.Rule == Policies.PolicyEngine.ExpiredWaiverRule)
                d.Add(DiagnosticCodes.InvalidValue, waiver.At, $"'{waiver.Rule}' cannot be waived: it is the rule that keeps waivers honest",
                    "remove this waiver; fix or renew the expired or too long waiver it was meant to excuse");
            if (string.IsNullOrWhiteSpace(waiver.Reason) || string.IsNullOrWhiteSpace(waiver.Subject))
                d.Add(DiagnosticCodes.InvalidValue, waiver.At, "a waiver needs a subject and a reason",
                    "say which finding it waives (its subject exactly as `callmap check` prints it, e.g. 'group:devs@acme.shop on api') and why, with the ticket that ends it");
        }
    }

    /// <summary>Two keys that differ only in case become one Cloud Run service; YAML sees two keys.</summary>
    private static void DuplicateServices(AccessMap map, DiagnosticBag d)
    {
        var first = new Dictionary<string, Workload>(map.Services.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var service in map.Services)
            if (!first.TryAdd(service.Name, service))
                d.Add(DiagnosticCodes.DuplicateKey, service.At, $"service '{service.Name}' differs from '{first[service.Name].Name}' only in case",
                    "service names are lowercase; merge the two entries");
    }

    private static void Project(AccessMap map, DiagnosticBag d)
    {
        Name(map.Project.Value, map.Project.At, "project id", GcpNames.ProjectId, d);
        Name(map.ProjectNumber.Value, map.ProjectNumber.At, "projectNumber", GcpNames.ProjectNumber, d);
        Name(map.Region.Value, map.Region.At, "region", GcpNames.Region, d);
    }

    /// <summary>Callers and nodes callmap names itself: a workload of the same name would share their grants' caller, matrix row and graph node.</summary>
    private static readonly Dictionary<string, string> ReservedNames = new(StringComparer.Ordinal)
    {
        ["iap"] = "IAP's service agent",
        ["identity-platform"] = "Identity Platform, the caller of blocking functions",
        ["internet"] = "end users on the internet",
    };

    private static void Workload(MapIndex index, Workload w, DiagnosticBag d)
    {
        var map = index.Map;
        var rule = w.Kind == WorkloadKind.FunctionGen1 ? GcpNames.FunctionGen1 : GcpNames.RunService;
        var what = w.Kind switch
        {
            WorkloadKind.RunService => "Cloud Run service name",
            WorkloadKind.FunctionGen2 => "function name (2nd gen functions are Cloud Run services)",
            _ => "function name",
        };
        // Only against a valid project number: a wrong one has its own error, and the room left for the
        // name would be meaningless (a 400-digit number left "at most -338 characters").
        if (Name(w.Name, w.At, what, rule, d) && w.Kind != WorkloadKind.FunctionGen1
            && GcpNames.ProjectNumber.Accepts(map.ProjectNumber.Value)
            && Endpoint.DeterministicLabel(map, w).Length > Endpoint.MaxDnsLabel)
            d.Add(DiagnosticCodes.InvalidName, w.At,
                $"'{w.Name}' is too long for a deterministic run.app URL with project number {map.ProjectNumber.Value}",
                $"shorten the name to at most {Endpoint.MaxDnsLabel - map.ProjectNumber.Value.Length - 1} characters");

        if (ReservedNames.TryGetValue(w.Name, out var meaning))
            d.Add(DiagnosticCodes.InvalidName, w.At,
                $"'{w.Name}' is the name callmap gives {meaning} in previews, diffs and graphs; a service of that name would be mistaken for it",
                $"name the service otherwise, e.g. {w.Name}-svc");

        if (w.Region is { } region) Name(region.Value, region.At, "region", GcpNames.Region, d);
        if (w.Image is { } image && !GcpNames.Image.Accepts(image))
            d.Add(DiagnosticCodes.InvalidValue, w.At, $"service '{w.Name}' has image '{image}', which names no registry",
                $"write {GcpNames.Image.Explanation}");
        if (w.Code is { } code && !GcpNames.Runtime.Accepts(code.Runtime))
            d.Add(DiagnosticCodes.InvalidValue, w.At, $"function '{w.Name}' has runtime '{code.Runtime}'", $"write {GcpNames.Runtime.Explanation}");
        if (w.Memory is { } memory) Memory(w, memory, d);
        if (w.Cpu is { } cpu && !GcpNames.Cpu.Accepts(cpu))
            d.Add(DiagnosticCodes.InvalidValue, w.At, $"service '{w.Name}' has cpu '{cpu}'", $"write {GcpNames.Cpu.Explanation}");
        foreach (var audience in w.CustomAudiences.Where(a => string.IsNullOrWhiteSpace(a.Value) || a.Value.Any(char.IsWhiteSpace)))
            d.Add(DiagnosticCodes.InvalidValue, audience.At, $"custom audience '{audience.Value}' is empty or contains spaces",
                "write a URL-like string such as https://orders.internal.acme.shop");

        Environment(index, w, d);
    }

    private static void Memory(Workload w, string memory, DiagnosticBag d)
    {
        if (!GcpNames.Memory.Accepts(memory))
        {
            d.Add(DiagnosticCodes.InvalidValue, w.At, $"service '{w.Name}' has memory '{memory}'", $"write {GcpNames.Memory.Explanation}");
            return;
        }
        if (w.Kind == WorkloadKind.FunctionGen1 && !Sizes.Gen1MemoryMb.Contains(Sizes.MegabytesOf(memory)))
            d.Add(DiagnosticCodes.InvalidValue, w.At, $"1st gen function '{w.Name}' cannot have memory '{memory}'",
                $"write one of: {string.Join(", ", Sizes.Gen1MemoryMb.Select(mb => mb >= 1024 ? $"{mb / 1024}Gi" : $"{mb}Mi"))}");
    }

    private static void Environment(MapIndex index, Workload w, DiagnosticBag d)
    {
        var names = w.Env.Select(e => (e.Name, e.At)).Concat(w.Secrets.Select(s => (s.Name, s.At)));
        var own = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, at) in names)
        {
            if (!GcpNames.EnvName.Accepts(name))
                d.Add(DiagnosticCodes.InvalidName, at, $"'{name}' is not a valid environment variable name", $"use {GcpNames.EnvName.Explanation}");
            else if (GcpNames.ReservedEnvNames.Contains(name))
                d.Add(DiagnosticCodes.EnvConflict, at, $"'{name}' is set by Cloud Run itself", "choose another name");
            else if (SetByCallmap(index, w, name) is { } setBy)
                d.Add(DiagnosticCodes.EnvConflict, at, $"'{name}' is already {setBy}",
                    "rename this variable; callmap sets <SERVICE>_URL and <SERVICE>_AUDIENCE for every service a workload calls");
            else if (!own.Add(name))
                d.Add(DiagnosticCodes.EnvConflict, at, $"'{name}' is already another variable of '{w.Name}'",
                    "rename this variable; callmap sets <SERVICE>_URL and <SERVICE>_AUDIENCE for every service a workload calls");
        }
        foreach (var env in w.Env.Where(e => LooksSecret(e.Name) && e.Value.Length > 0))
            d.Add(DiagnosticCodes.LiteralSecret, env.At, $"'{env.Name}' looks like a secret written as plain text in the map",
                $"move it under 'secrets:' as {env.Name}: {{ secret: SECRET_MANAGER_NAME }} or {{ config: PULUMI_CONFIG_KEY }}");
        foreach (var secret in w.Secrets)
            if (secret.Source is SecretManagerSecret sm)
            {
                if (!GcpNames.SecretId.Accepts(sm.Secret))
                    d.Add(DiagnosticCodes.InvalidName, secret.At, $"'{sm.Secret}' is not a Secret Manager secret id", $"use {GcpNames.SecretId.Explanation}");
                if (!GcpNames.SecretVersion.Accepts(sm.Version))
                    d.Add(DiagnosticCodes.InvalidValue, secret.At, $"'{sm.Version}' is not a secret version", $"write {GcpNames.SecretVersion.Explanation}");
            }
    }

    /// <summary>
    /// What callmap itself sets in <paramref name="variable"/> of this workload, in words, or null: the issuer and
    /// audience of end-user tokens, and the URL and audience of each service it calls. Judged per variable the map
    /// writes, so a map of 200,000 edges does not name 400,000 variables to compare against.
    /// </summary>
    private static string? SetByCallmap(MapIndex index, Workload w, string variable)
    {
        if (w.Public?.Auth.Value == EndUserAuth.InApp)
        {
            if (variable == EndUserTokens.IssuerVariable) return "the issuer of the end-user tokens it verifies";
            if (variable == EndUserTokens.AudienceVariable) return "the audience of the end-user tokens it verifies";
        }
        // Only a variable named like callmap's wiring is compared with the names of the services the workload calls.
        var isUrl = variable.EndsWith(CallerWiring.UrlSuffix, StringComparison.Ordinal);
        if (!isUrl && !variable.EndsWith(CallerWiring.AudienceSuffix, StringComparison.Ordinal)) return null;
        foreach (var target in index.TargetsOf(w.Name))
            if (variable == (isUrl ? CallerWiring.UrlVariable(target) : CallerWiring.AudienceVariable(target)))
                return isUrl ? $"the URL of '{target}', which '{w.Name}' calls" : $"the audience of '{target}', which '{w.Name}' calls";
        return null;
    }

    private static void Callers(MapIndex index, IReadOnlySet<string> declaredServices, DiagnosticBag d)
    {
        var map = index.Map;
        // Sorted only for a message that needs them: a valid map of 20,000 services never does.
        List<string>? sorted = null;
        List<string> ServiceNames() => sorted ??= declaredServices.Order(StringComparer.Ordinal).ToList();
        var members = new Dictionary<string, Caller>(StringComparer.Ordinal);
        foreach (var w in map.Services)
            members[$"serviceAccount:{AccountIds.Email(AccountIds.ForWorkload(w), map.Project.Value)}"] = new Caller(w.Name, w.At, CallerKind.Workload, [], null);

        foreach (var group in map.Callers.GroupBy(c => c.Key).Where(g => g.Count() > 1))
            foreach (var duplicate in group.Skip(1))
                d.Add(DiagnosticCodes.DuplicateGrant, duplicate.At, $"'{duplicate.Key}' is listed twice under callers (IAM compares e-mails without case)",
                    "merge the two entries into one list");

        foreach (var caller in map.Callers)
        {
            if (caller.Kind == CallerKind.Workload && !declaredServices.Contains(caller.Key))
            {
                d.Add(DiagnosticCodes.UnknownCaller, caller.At, $"'{caller.Key}' is not a service of this map",
                    $"{Suggestions.DidYouMean(caller.Key, ServiceNames())}a caller outside the map is written with its IAM member type, e.g. serviceAccount:NAME@PROJECT.iam.gserviceaccount.com, group:, user:, principal:// or principalSet://");
            }
            if (caller.IsCreatedByMap)
            {
                var min = caller.Kind == CallerKind.PubSubPush ? 3 : 1;
                if (!GcpNames.CreatedCaller.Accepts(caller.Name) || caller.Name.Length < min)
                    d.Add(DiagnosticCodes.InvalidName, caller.At, $"'{caller.Name}' cannot name a {KindWord(caller.Kind)}",
                        $"use {GcpNames.CreatedCaller.Explanation}{(min > 1 ? $", at least {min} characters" : "")}");
            }
            if (caller.Kind == CallerKind.ServiceAccount && members.TryGetValue(caller.Key, out var owner))
                d.Add(DiagnosticCodes.DuplicateGrant, caller.At, $"'{caller.Key}' is the service account callmap creates for '{owner.Key}'",
                    $"list these targets under '{owner.Key}' instead");

            // A caller lists about ten targets: an earlier one is searched for in place, a set only for long lists.
            var targets = caller.Targets;
            var seen = targets.Count > 16 ? new HashSet<string>(StringComparer.Ordinal) : null;
            for (var i = 0; i < targets.Count; i++)
            {
                var target = targets[i];
                var service = index.Service(target.Value);
                if (service is null && declaredServices.Contains(target.Value))
                    continue;
                if (service is null)
                    d.Add(DiagnosticCodes.UnknownService, target.At, $"'{caller.Key}' invokes '{target.Value}', which is not a service of this map",
                        $"{Suggestions.DidYouMean(target.Value, ServiceNames())}services of this map: {Suggestions.List(ServiceNames())}");
                else if (caller.Kind == CallerKind.Workload && target.Value == caller.Key)
                    d.Add(DiagnosticCodes.SelfCall, target.At, $"'{caller.Key}' lists itself as a target",
                        "remove it: a service calling itself needs no grant (call the code directly)");
                else if (seen is null ? ListedEarlier(targets, i) : !seen.Add(target.Value))
                    d.Add(DiagnosticCodes.DuplicateGrant, target.At, $"'{caller.Key}' lists '{target.Value}' twice", "remove the second one");
                else if (caller.Kind == CallerKind.Eventarc && service.Kind == WorkloadKind.FunctionGen1)
                    d.Add(DiagnosticCodes.UnsupportedTarget, target.At, $"Eventarc cannot deliver to the 1st gen function '{target.Value}'",
                        $"make '{target.Value}' a 2nd gen function (remove 'generation: 1'), or use a push/ subscription");
            }
            if (caller.Settings is TasksSettings tasks)
            {
                var enqueuers = new HashSet<string>(StringComparer.Ordinal);
                foreach (var enqueuer in tasks.Enqueuers)
                {
                    var isMember = enqueuer.Value.Contains(':');
                    if (!isMember && index.Service(enqueuer.Value) is null && !declaredServices.Contains(enqueuer.Value))
                        d.Add(DiagnosticCodes.UnknownService, enqueuer.At, $"'{caller.Key}' lets '{enqueuer.Value}' add tasks, but it is not a service of this map",
                            $"{Suggestions.DidYouMean(enqueuer.Value, ServiceNames())}services of this map: {string.Join(", ", ServiceNames())}");
                    else if (!enqueuers.Add(enqueuer.Value))
                        d.Add(DiagnosticCodes.DuplicateGrant, enqueuer.At, $"'{caller.Key}' lists the enqueuer '{enqueuer.Value}' twice", "remove the second one");
                }
            }
            if (caller.Settings is EventarcSettings eventarc) EventarcLocation(caller, eventarc, d);
            if (caller.Settings is PushSettings push && !GcpNames.Topic.Accepts(push.Topic))
                d.Add(DiagnosticCodes.InvalidName, caller.At, $"'{push.Topic}' is not a Pub/Sub topic", $"write {GcpNames.Topic.Explanation}");
        }
    }

    private static bool ListedEarlier(IReadOnlyList<Located<string>> targets, int index)
    {
        for (var j = 0; j < index; j++)
            if (targets[j].Value == targets[index].Value) return true;
        return false;
    }

    /// <summary>
    /// A Cloud Storage trigger must be in its bucket's location, which the map cannot know from the
    /// service's region (https://cloud.google.com/eventarc/docs/understand-locations: "since the Cloud
    /// Storage bucket is in the europe-west1 region, the trigger must also be located in europe-west1"),
    /// and Storage direct events always filter on one bucket (same page's example: a bucket filter).
    /// </summary>
    private static void EventarcLocation(Caller caller, EventarcSettings eventarc, DiagnosticBag d)
    {
        if (eventarc.Location is { } location)
        {
            // Storage triggers follow their bucket (dual- and multi-regions too); other triggers are regional or
            // global (https://cloud.google.com/eventarc/docs/locations).
            if (eventarc.IsStorageEvent && !GcpNames.BucketLocation.Accepts(location.Value))
                d.Add(DiagnosticCodes.InvalidValue, location.At, $"'{location.Value}' is not a Google Cloud location",
                    $"write {GcpNames.BucketLocation.Explanation}");
            else if (!eventarc.IsStorageEvent && location.Value != "global" && !GcpNames.Region.Accepts(location.Value))
                d.Add(DiagnosticCodes.InvalidValue, location.At, $"'{location.Value}' is not a location for a '{eventarc.EventType}' trigger",
                    "write a region such as europe-west1 (or global for Cloud Audit Logs events), or remove 'location' to use the service's region");
        }
        if (!eventarc.IsStorageEvent) return;
        if (eventarc.Location is null)
            d.Add(DiagnosticCodes.MissingKey, caller.At, $"'{caller.Key}' receives Cloud Storage events but says no 'location'",
                "add location: THE_BUCKET'S_LOCATION (e.g. europe-west1, or eu for a multi-region bucket): a Storage trigger must live where its bucket is, which may differ from the service's region");
        if (eventarc.Filters.All(f => f.Attribute != "bucket"))
            d.Add(DiagnosticCodes.MissingKey, caller.At, $"'{caller.Key}' receives Cloud Storage events but filters on no bucket",
                "add filters: { bucket: BUCKET_NAME }: Storage direct events come from exactly one bucket");
    }

    /// <summary>A Shared VPC host is another project; this map's own VPC needs no hostProject.</summary>
    private static void SharedVpcHost(AccessMap map, Network network, string host, DiagnosticBag d)
    {
        if (!GcpNames.ProjectId.Accepts(host))
            d.Add(DiagnosticCodes.InvalidName, network.At, $"'{host}' is not a valid project id for network.hostProject", $"use {GcpNames.ProjectId.Explanation}");
        else if (host == map.Project.Value)
            d.Add(DiagnosticCodes.InvalidValue, network.At, $"network.hostProject '{host}' is this map's own project",
                "remove 'hostProject': it names the host project of a Shared VPC, and a VPC of this project needs no grant");
    }

    private static void AccountIdCollisions(AccessMap map, DiagnosticBag d)
    {
        var owners = map.Services.Select(w => (Id: AccountIds.ForWorkload(w), Name: w.Name, w.At))
            .Concat(map.Callers.Where(c => c.IsCreatedByMap).Select(c => (Id: AccountIds.ForCreatedCaller(c), Name: c.Key, c.At)));
        foreach (var group in owners.GroupBy(o => o.Id).Where(g => g.Count() > 1))
        {
            var all = group.ToList();
            foreach (var (id, name, at) in all.Skip(1))
                d.Add(DiagnosticCodes.AccountIdCollision, at,
                    $"'{name}' would get the service account id '{id}', which '{all[0].Name}' already gets",
                    "rename one of them; account ids are derived from the kind and the name");
        }
    }

    private static void Ingress(MapIndex index, DiagnosticBag d)
    {
        foreach (var w in index.Map.Services)
        {
            if (w.Public is not null || w.Ingress is not { Value: not Model.Ingress.All } written) continue;
            var blocked = index.CallersOf(w.Name).Where(c => !IngressDecision.ReachesInternalIngress(index, c, w)).ToList();
            if (blocked.Count == 0) continue;
            d.Add(DiagnosticCodes.UnreachableIngress, written.At,
                $"ingress '{IngressDecision.IngressWord(written.Value)}' would shut out {Suggestions.List(blocked.Select(c => $"'{c.Key}'"))}, which the map lets call '{w.Name}'",
                "remove the 'ingress' line (callmap then chooses 'all', still guarded by the IAM invoker check), or remove those callers");
        }
    }

    private static bool Name(string value, Diagnostics.SourceLocation at, string what, GcpNames.Rule rule, DiagnosticBag d)
    {
        if (rule.Accepts(value)) return true;
        d.Add(DiagnosticCodes.InvalidName, at, $"'{Shown(value)}' is not a valid {what}", $"use {rule.Explanation}");
        return false;
    }

    /// <summary>A value as quoted in a message: long ones are cut, so a 400-digit number does not fill the screen.</summary>
    private static string Shown(string value) => value.Length <= 64 ? value : $"{value[..40]}… ({value.Length:N0} characters)";

    private static string KindWord(CallerKind kind) => kind switch
    {
        CallerKind.Scheduler => "Cloud Scheduler job",
        CallerKind.PubSubPush => "Pub/Sub subscription",
        CallerKind.Eventarc => "Eventarc trigger",
        _ => "Cloud Tasks queue",
    };

    private static bool LooksSecret(string name) => SecretLikeName().IsMatch(name);

    [GeneratedRegex(@"(SECRET|PASSWORD|PASSWD|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIAL)", RegexOptions.IgnoreCase)]
    private static partial Regex SecretLikeName();
}
