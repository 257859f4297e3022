using Callmap.Model;
using Callmap.Roles;
using Callmap.Validation;

namespace Callmap.Planning;

/// <summary>
/// Decides every resource and grant for a valid map: one account per workload and created caller,
/// one invoker grant per edge on exactly its target with the smallest role, callers wired with their
/// targets' URL and audience, created callers sending tokens for that audience, and only the APIs
/// these need. Call it only with a map <see cref="Loading.AccessMapLoader"/> accepted.
/// </summary>
public sealed partial class Planner
{
    private readonly AccessMap _map;
    private readonly MapIndex _index;
    private readonly Dictionary<string, Endpoint> _endpoints = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _itemNames = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (EnvEntry Url, EnvEntry Audience)> _wiring = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ServiceAccountItem> _workloadAccounts = new(StringComparer.Ordinal);
    private readonly List<PlanItem> _items;
    private readonly HashSet<string> _configSecrets = new(StringComparer.Ordinal);
    private ServiceIdentityItem? _iapAgent;

    private Planner(AccessMap map)
    {
        _map = map;
        _index = MapIndex.Of(map);
        // About four items per workload and one per edge: sized once rather than grown (and copied) twenty times.
        _items = new List<PlanItem>(map.Services.Count * 4 + map.Callers.Sum(c => c.Targets.Count) + 64);
        // Per-workload values computed once: large maps reuse them for every edge.
        foreach (var workload in map.Services)
        {
            _endpoints[workload.Name] = Endpoint.For(map, workload);
            _itemNames[workload.Name] = workload.Kind == WorkloadKind.RunService ? ItemNames.Run(workload.Name) : ItemNames.Function(workload.Name);
            // Every caller of a workload gets the same two entries: one immutable pair shared by all of them.
            var (url, audience) = (CallerWiring.UrlVariable(workload.Name), CallerWiring.AudienceVariable(workload.Name));
            _wiring[workload.Name] = (new EnvEntry(url, EnvSource.Wiring, Value: _endpoints[workload.Name].Url, Target: workload.Name),
                new EnvEntry(audience, EnvSource.Wiring, Value: _endpoints[workload.Name].Audience, Target: workload.Name));
        }
    }

    public static Plan Create(AccessMap map) => new Planner(map).Build();

    private Plan Build()
    {
        foreach (var workload in _map.Services)
            _workloadAccounts[workload.Name] = Account(AccountIds.ForWorkload(workload), workload.Name, Describe(workload), workload.At);
        FunctionBuildAccount();
        foreach (var workload in _map.Services) Workload(workload);
        foreach (var caller in _map.Callers) Caller(caller);
        var surface = Edge();
        ApisFor();

        return new Plan(_map.File, _map.Project.Value, _map.ProjectNumber.Value, _map.Region.Value, InPlanOrder(_items), surface);
    }

    /// <summary>By kind, then by name: each kind's items sorted on their own, so names are compared only within a kind.</summary>
    private static List<PlanItem> InPlanOrder(List<PlanItem> items)
    {
        // Indexed by the kind (a dense enum without explicit values), in the enum's order.
        var byKind = new List<PlanItem>?[Enum.GetValues<PlanItemKind>().Length];
        foreach (var item in items)
            (byKind[(int)item.Kind] ??= []).Add(item);
        var ordered = new List<PlanItem>(items.Count);
        foreach (var ofKind in byKind)
        {
            if (ofKind is null) continue;
            var names = new string[ofKind.Count];
            for (var i = 0; i < names.Length; i++) names[i] = ofKind[i].Name;
            names.AsSpan().Sort(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(ofKind), StringComparer.Ordinal);
            ordered.AddRange(ofKind);
        }
        return ordered;
    }

    private ServiceAccountItem Account(string accountId, string usedBy, string what, Diagnostics.SourceLocation at)
    {
        var email = AccountIds.Email(accountId, _map.Project.Value);
        var item = new ServiceAccountItem(ItemNames.Account(accountId), [ItemNames.Api(Apis.Iam)], at,
            accountId, $"{usedBy} (callmap)", $"Identity of {what}. Managed by callmap; do not grant it roles by hand.",
            email, $"serviceAccount:{email}", usedBy);
        _items.Add(item);
        return item;
    }

    private void Workload(Workload w)
    {
        var account = _workloadAccounts[w.Name];
        var endpoint = _endpoints[w.Name];
        var ingress = IngressDecision.For(_index, w);
        var region = Endpoint.RegionOf(_map, w);
        var secretGrants = SecretGrants(w, account);
        var env = Environment(w);
        var name = _itemNames[w.Name];
        var vpcEgress = w.Kind == WorkloadKind.RunService ? VpcEgressOf(w) : null;
        var dependsOn = Apis.For(KindOf(w)).Select(ItemNames.Api).Append(account.Name).Concat(secretGrants)
            .Concat(BuildDependencies(w)).Concat(VpcDependencies(w)).ToArray();
        var source = w.At;

        _items.Add(w.Kind switch
        {
            WorkloadKind.RunService => new RunServiceItem(name, dependsOn, source, w.Name, region, account.Name, account.Email, env,
                w.MinInstances, w.MaxInstances, IngressDecision.RunValue(ingress.Ingress), ingress.Reason, endpoint.Url, endpoint.Audience,
                w.DeletionProtection, w.Image!, w.Cpu, w.Memory, w.CustomAudiences.Select(a => a.Value).ToList(),
                // End users are not IAM principals: in-app and anonymous services answer without the IAM check,
                // reachable only through the load balancer and Cloud Armor (ingress above).
                InvokerIamDisabled: w.Public?.Auth.Value is EndUserAuth.InApp or EndUserAuth.None,
                CpuIdle: !w.InstanceBilling,
                VpcEgress: vpcEgress),
            WorkloadKind.FunctionGen2 => new FunctionGen2Item(name, dependsOn, source, w.Name, region, account.Name, account.Email, env,
                w.MinInstances, w.MaxInstances, IngressDecision.FunctionValue(ingress.Ingress), ingress.Reason, endpoint.Url, endpoint.Audience,
                w.DeletionProtection, w.Code!.Runtime, w.Code.EntryPoint, w.Code.SourceBucket, w.Code.SourceObject, w.Memory,
                BuildServiceAccount: BuildServiceAccountOf(w)),
            _ => new FunctionGen1Item(name, dependsOn, source, w.Name, region, account.Name, account.Email, env,
                w.MinInstances, w.MaxInstances, IngressDecision.FunctionValue(ingress.Ingress), ingress.Reason, endpoint.Url, endpoint.Audience,
                w.DeletionProtection, w.Code!.Runtime, w.Code.EntryPoint, w.Code.SourceBucket, w.Code.SourceObject,
                w.Memory is null ? null : Sizes.MegabytesOf(w.Memory), "SECURE_ALWAYS", BuildServiceAccount: BuildServiceAccountOf(w)),
        });
    }

    /// <summary>
    /// One grant per secret the workload reads, on that secret only. A config secret first gets a secret and
    /// a version of callmap's own (once, however many workloads read it); the workload waits for the version.
    /// </summary>
    private List<string> SecretGrants(Workload w, ServiceAccountItem account)
    {
        var names = new List<string>();
        foreach (var group in w.Secrets.GroupBy(s => SecretIdOf(s.Source)))
        {
            var secret = group.First();
            var after = new List<string> { ItemNames.Api(Apis.SecretManager), account.Name };
            if (secret.Source is PulumiConfigSecret config)
            {
                var (secretItem, version) = ConfigSecretItems(config.Key, secret.At);
                after.Add(secretItem);
                names.Add(version);
            }
            var name = ItemNames.SecretAccess(w.Name, group.Key);
            _items.Add(new SecretAccessorGrantItem(name, after, secret.At, GrantRoles.SecretAccessor, account.Member, w.Name, group.Key, group.Key));
            names.Add(name);
        }
        return names;
    }

    private static string SecretIdOf(SecretSource source) => source switch
    {
        SecretManagerSecret sm => sm.Secret,
        PulumiConfigSecret pc => ConfigSecretItem.IdPrefix + pc.Key,
        _ => throw new InvalidOperationException($"unknown secret source {source}"),
    };

    private (string Secret, string Version) ConfigSecretItems(string key, Diagnostics.SourceLocation at)
    {
        var (secret, version) = (ItemNames.ConfigSecret(key), ItemNames.ConfigSecretVersion(key));
        if (_configSecrets.Add(key))
        {
            _items.Add(new ConfigSecretItem(secret, [ItemNames.Api(Apis.SecretManager)], at, ConfigSecretItem.IdPrefix + key, key));
            _items.Add(new ConfigSecretVersionItem(version, [secret], at, secret, key));
        }
        return (secret, version);
    }

    /// <summary>The map's variables and secrets, then a URL and an audience for every service this workload calls; sorted by name.</summary>
    private List<EnvEntry> Environment(Workload w)
    {
        var env = new List<EnvEntry>(w.Env.Count + w.Secrets.Count + 2 + 2 * _index.TargetsOf(w.Name).Count);
        env.AddRange(w.Env.Select(e => new EnvEntry(e.Name, EnvSource.Map, Value: e.Value)));
        env.AddRange(w.Secrets.Select(s => s.Source switch
        {
            // Functions name the secret's project; gen1 accepts only its number (FunctionSecretEnvironmentVariableArgs.ProjectId).
            SecretManagerSecret sm => new EnvEntry(s.Name, EnvSource.SecretManager, Secret: sm.Secret, Version: sm.Version, SecretProject: _map.ProjectNumber.Value),
            PulumiConfigSecret pc => new EnvEntry(s.Name, EnvSource.PulumiConfig, Secret: SecretIdOf(pc), ConfigKey: pc.Key,
                SecretProject: _map.ProjectNumber.Value, VersionFrom: ItemNames.ConfigSecretVersion(pc.Key)),
            _ => throw new InvalidOperationException($"unknown secret source {s.Source}"),
        }));
        if (w.Public?.Auth.Value == EndUserAuth.InApp)
        {
            env.Add(new EnvEntry(EndUserTokens.IssuerVariable, EnvSource.EndUserAuth, Value: EndUserTokens.Issuer(_map.Project.Value)));
            env.Add(new EnvEntry(EndUserTokens.AudienceVariable, EnvSource.EndUserAuth, Value: EndUserTokens.Audience(_map.Project.Value)));
        }
        foreach (var target in _index.TargetsOf(w.Name))
        {
            var (url, audience) = _wiring[target];
            env.Add(url);
            env.Add(audience);
        }
        // Names are unique (the validator refuses a variable callmap also sets), so an unstable sort is the same order.
        env.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        return env;
    }

    private void Caller(Caller caller)
    {
        ServiceAccountItem? account = caller.Kind switch
        {
            CallerKind.Workload => _workloadAccounts[caller.Key],
            _ when caller.IsCreatedByMap => Account(AccountIds.ForCreatedCaller(caller), caller.Key, DescribeCaller(caller), caller.At),
            _ => null,
        };
        var member = account?.Member ?? caller.Key;
        // The validator has refused duplicate targets, so every target is a distinct edge.
        foreach (var target in caller.Targets)
        {
            var grant = Grant(caller, target, member, account);
            if (caller.IsCreatedByMap) CreatedCaller(caller, account!, grant);
        }
    }

    private GrantItem Grant(Caller caller, Located<string> target, string member, ServiceAccountItem? account)
    {
        var service = _index.Service(target.Value)!;
        var region = Endpoint.RegionOf(_map, service);
        var name = ItemNames.Invoke(caller.Key, service.Name);
        var targetItem = _itemNames[service.Name];
        string[] dependsOn = account is null ? [targetItem] : [targetItem, account.Name];
        // Gen2 functions are invoked through their Cloud Run service: the grant goes there.
        GrantItem grant = service.Kind == WorkloadKind.FunctionGen1
            ? new FunctionInvokerGrantItem(name, dependsOn, target.At, GrantRoles.FunctionInvoker, member, caller.Key, service.Name, service.Name, region)
            : new RunInvokerGrantItem(name, dependsOn, target.At, GrantRoles.RunInvoker, member, caller.Key, service.Name, service.Name, region);
        _items.Add(grant);
        return grant;
    }

    private void CreatedCaller(Caller caller, ServiceAccountItem account, GrantItem grant)
    {
        var target = _index.Service(grant.Target)!;
        var endpoint = _endpoints[target.Name];
        var targetItem = grant.DependsOn[0];
        var path = caller.Settings!.Path;
        var url = path == "/" ? endpoint.Url : endpoint.Url + path;
        var oidc = new OidcToken(account.Email, endpoint.Audience);
        var name = ItemNames.CreatedCaller(caller.Key);
        var source = caller.At;
        IReadOnlyList<string> dependsOn(PlanItemKind kind) =>
            Apis.For(kind).Select(ItemNames.Api).Concat([account.Name, targetItem, grant.Name]).ToArray();

        _items.Add(caller.Settings switch
        {
            SchedulerSettings s => new SchedulerJobItem(name, dependsOn(PlanItemKind.SchedulerJob), source, caller.Key, target.Name, account.Name, oidc,
                caller.Name, _map.Region.Value, s.Schedule, s.TimeZone, s.HttpMethod, url),
            PushSettings p => new PushSubscriptionItem(name, dependsOn(PlanItemKind.PushSubscription), source, caller.Key, target.Name, account.Name, oidc,
                caller.Name, p.Topic.Contains('/') ? p.Topic : $"projects/{_map.Project.Value}/topics/{p.Topic}", url, ExpirationTtl: NeverExpires),
            // Eventarc requests a token for the destination service's URL itself; it has no audience setting.
            // A Storage trigger lives in its bucket's location (https://cloud.google.com/eventarc/docs/understand-locations).
            EventarcSettings e => new EventarcTriggerItem(name, [.. dependsOn(PlanItemKind.EventarcTrigger), .. EventarcGrants(caller, e, account)], source,
                caller.Key, target.Name, account.Name, oidc with { Audience = endpoint.Url }, caller.Name, e.Location?.Value ?? Endpoint.RegionOf(_map, target),
                [new MatchingCriterion("type", e.EventType), .. e.Filters.OrderBy(f => f.Attribute, StringComparer.Ordinal).Select(f => new MatchingCriterion(f.Attribute, f.Value))],
                target.Name, Endpoint.RegionOf(_map, target), path),
            TasksSettings t => new TasksQueueItem(name, dependsOn(PlanItemKind.TasksQueue), source, caller.Key, target.Name, account.Name, oidc,
                caller.Name, _map.Region.Value, "HTTPS", endpoint.Host, new Uri(url).AbsolutePath, t.MaxDispatchesPerSecond,
                t.Enqueuers.Select(e => e.Value).ToList()),
            _ => throw new InvalidOperationException($"unknown caller settings {caller.Settings}"),
        });
        if (caller.Settings is TasksSettings tasks) Enqueuers(caller, tasks, name);
    }

    /// <summary>Pub/Sub's expiration policy value for "never": a push subscription must not vanish in a quiet month.</summary>
    private const string NeverExpires = "";

    /// <summary>Who may add tasks to a queue: roles/cloudtasks.enqueuer on that queue only, one grant per enqueuer.</summary>
    private void Enqueuers(Caller caller, TasksSettings tasks, string queueItem)
    {
        foreach (var enqueuer in tasks.Enqueuers)
        {
            var account = _workloadAccounts.GetValueOrDefault(enqueuer.Value);
            var member = account?.Member ?? enqueuer.Value;
            IReadOnlyList<string> dependsOn = account is null ? [queueItem] : [queueItem, account.Name];
            _items.Add(new TasksEnqueuerGrantItem(ItemNames.Enqueue(caller.Key, enqueuer.Value), dependsOn, enqueuer.At, GrantRoles.TasksEnqueuer,
                member, enqueuer.Value, caller.Key, caller.Name, _map.Region.Value));
        }
    }

    /// <summary>Exactly the APIs the planned items need, each once.</summary>
    private void ApisFor()
    {
        // By kind, and any API an item waits for by name (Storage, for the Storage agent's grant); in order of first need.
        var needed = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var kinds = new HashSet<PlanItemKind>();
        foreach (var item in _items)
            if (kinds.Add(item.Kind))
                foreach (var api in Apis.For(item.Kind))
                    if (seen.Add(api)) needed.Add(api);
        foreach (var item in _items)
        {
            // Nearly every item's dependencies are an array: read as one, not through the list interface (240,000 items).
            var names = item.DependsOn as string[] ?? [.. item.DependsOn];
            foreach (var name in names)
                if (ItemNames.IsApi(name) && ItemNames.ApiOf(name) is var api && seen.Add(api)) needed.Add(api);
        }
        foreach (var api in needed)
            _items.Add(new ApiServiceItem(ItemNames.Api(api), [], _map.Start, api));
    }

    private static PlanItemKind KindOf(Workload w) => w.Kind switch
    {
        WorkloadKind.RunService => PlanItemKind.RunService,
        WorkloadKind.FunctionGen2 => PlanItemKind.FunctionGen2,
        _ => PlanItemKind.FunctionGen1,
    };

    private static string Describe(Workload w) => w.Kind switch
    {
        WorkloadKind.RunService => $"Cloud Run service {w.Name}",
        WorkloadKind.FunctionGen2 => $"function {w.Name}",
        _ => $"1st gen function {w.Name}",
    };

    private static string DescribeCaller(Caller c) => c.Kind switch
    {
        CallerKind.Scheduler => $"Cloud Scheduler job {c.Name}",
        CallerKind.PubSubPush => $"Pub/Sub push subscription {c.Name}",
        CallerKind.Eventarc => $"Eventarc trigger {c.Name}",
        _ => $"Cloud Tasks queue {c.Name}",
    };
}
