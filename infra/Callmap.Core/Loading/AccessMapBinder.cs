using System.Text.RegularExpressions;
using Callmap.Diagnostics;
using Callmap.Model;
using Callmap.Yaml;

namespace Callmap.Loading;

/// <summary>
/// Turns the YAML tree into an <see cref="AccessMap"/>: shapes, types and known keys. Cross-references
/// and Google's naming rules are the validator's job; this class only reports what is written wrong.
/// </summary>
internal sealed partial class AccessMapBinder(string file, DiagnosticBag d) : IYamlEntrySink
{
    private const string ServicesSection = "services";
    private const string CallersSection = "callers";

    /// <summary>Services and callers bound while the reader read them (<see cref="IYamlEntrySink"/>); null when not streamed.</summary>
    private List<Workload>? _streamedServices;
    private List<Caller>? _streamedCallers;

    public bool Streams(string section) => section is ServicesSection or CallersSection;

    public void Take(string section, YScalar key, YNode value)
    {
        if (section == ServicesSection) ServiceEntry(key, value, _streamedServices ??= []);
        else CallerEntry(new YEntry(key, value), _streamedCallers ??= []);
    }

    private readonly HashSet<string> _declaredServices = new(StringComparer.Ordinal);

    /// <summary>
    /// Every service name written under <c>services:</c>, including those whose body had errors, so that
    /// references to them are not reported a second time as unknown services.
    /// </summary>
    public IReadOnlySet<string> DeclaredServices => _declaredServices;

    private static readonly Dictionary<string, Ingress> IngressWords = new()
    {
        ["internal"] = Ingress.Internal,
        ["internal-and-load-balancer"] = Ingress.InternalAndLoadBalancer,
        ["all"] = Ingress.All,
    };

    /// <summary>Cloud Run's billing settings: request-based (CPU only while serving, the default) or instance-based (CPU always allocated).</summary>
    private static readonly Dictionary<string, string> BillingWords = new() { ["request"] = "request", ["instance"] = "instance" };

    private static readonly Dictionary<string, int> Generations = new() { ["2"] = 2, ["1"] = 1 };

    private static readonly Dictionary<string, string> HttpMethods = new()
    {
        ["POST"] = "POST", ["GET"] = "GET", ["PUT"] = "PUT", ["PATCH"] = "PATCH", ["DELETE"] = "DELETE",
    };

    public AccessMap? Bind(YNode root)
    {
        var top = Nodes.Mapping(root, "the map", d, "project: my-project");
        if (top is null) return null;
        var map = new MappingReader(top, "the map", d, "project", "projectNumber", "region", "network", "edge", "identityPlatform", "services", "callers", "waivers");

        var project = LocatedText(map.Required("project", "acme-shop-dev"), "project", "acme-shop-dev");
        var number = LocatedText(map.Required("projectNumber", "\"123456789012\""), "projectNumber", "\"123456789012\"");
        var region = LocatedText(map.Required("region", "europe-west1"), "region", "europe-west1");
        var services = map.Required("services", "{ api: { run: { image: ... } } }") is { } s ? Services(s) : [];
        var callers = map.Optional("callers") is { } c ? Callers(c) : [];
        var edge = map.Optional("edge") is { } e ? Edge(e) : null;
        var identityPlatform = map.Optional("identityPlatform") is { } ip ? IdentityPlatform(ip) : null;
        var network = map.Optional("network") is { } n ? Network(n) : null;
        var waivers = map.Optional("waivers") is { } w ? Waivers(w) : [];

        if (project is null || number is null || region is null) return null;
        return new AccessMap(file, project.Value, number.Value, region.Value, services, callers, edge, identityPlatform, network, waivers);
    }

    private List<Workload> Services(YNode node)
    {
        var result = new List<Workload>();
        if (Nodes.Mapping(node, "services", d, "{ api: { run: { image: ... } } }") is not { } services) return result;
        // Streamed: the reader handed every entry over as it read it (duplicates and bad keys never arrive).
        if (_streamedServices is not null) return _streamedServices;
        foreach (var entry in services.Entries) ServiceEntry(entry.Key, entry.Value, result);
        return result;
    }

    private void ServiceEntry(YScalar key, YNode value, List<Workload> result)
    {
        _declaredServices.Add(key.Value);
        if (Nodes.Mapping(value, $"services.{key.Value}", d, "{ run: { image: ... } } or { function: { ... } }") is not { } body) return;
        var shape = new MappingReader(body, $"service '{key.Value}'", d, "run", "function", "public");
        var run = shape.Optional("run");
        var function = shape.Optional("function");
        if ((run is null) == (function is null))
        {
            d.Add(DiagnosticCodes.MissingKey, key.At,
                run is null ? $"service '{key.Value}' says neither 'run' nor 'function'" : $"service '{key.Value}' says both 'run' and 'function'",
                "write exactly one: 'run: { image: ... }' for a Cloud Run service or 'function: { runtime: ..., entryPoint: ..., source: gs://... }'");
            return;
        }
        var workload = run is not null ? RunService(key, run) : Function(key, function!);
        var exposure = shape.Optional("public") is { } p ? Public(key.Value, p) : null;
        if (workload is not null) result.Add(workload with { Public = exposure });
    }

    private Workload? RunService(YScalar name, YNode node)
    {
        var where = $"service '{name.Value}' (run)";
        if (Nodes.Mapping(node, $"services.{name.Value}.run", d, "{ image: REGION-docker.pkg.dev/PROJECT/REPO/IMAGE:TAG }") is not { } body) return null;
        var r = new MappingReader(body, where, d, "image", "region", "env", "secrets", "minInstances", "maxInstances",
            "cpu", "memory", "billing", "ingress", "customAudiences", "deletionProtection");
        var image = r.Required("image", "europe-west1-docker.pkg.dev/PROJECT/apps/NAME:1.0.0") is { } i
            ? Nodes.Text(i, "image", d, "europe-west1-docker.pkg.dev/PROJECT/apps/NAME:1.0.0") : null;
        var common = Common(r, name.Value);
        var audiences = new List<Located<string>>();
        if (r.Optional("customAudiences") is { } aud && Nodes.Sequence(aud, "customAudiences", d, "[https://orders.internal.acme.shop]") is { } list)
            foreach (var item in list.Items)
                if (Nodes.Text(item, "customAudiences[]", d, "https://orders.internal.acme.shop") is { } text)
                    audiences.Add(new Located<string>(text, item.At));
        var cpu = r.Optional("cpu") is { } c ? Nodes.Text(c, "cpu", d, "\"1\"") : null;
        var protection = r.Optional("deletionProtection") is { } p ? Nodes.Bool(p, "deletionProtection", d) : null;
        var billing = r.Optional("billing") is { } b ? Nodes.Word(b, "billing", BillingWords, d) : "request";
        if (image is null || billing is null) return null;
        return new Workload(name.Value, name.At, WorkloadKind.RunService, common.Region, image, null, common.Env, common.Secrets,
            common.Min, common.Max, cpu, common.Memory, common.Ingress, audiences, protection ?? true, InstanceBilling: billing == "instance");
    }

    private Workload? Function(YScalar name, YNode node)
    {
        var where = $"service '{name.Value}' (function)";
        const string example = "{ runtime: nodejs22, entryPoint: handler, source: gs://BUCKET/OBJECT.zip }";
        if (Nodes.Mapping(node, $"services.{name.Value}.function", d, example) is not { } body) return null;
        var r = new MappingReader(body, where, d, "generation", "runtime", "entryPoint", "source", "region", "env", "secrets",
            "minInstances", "maxInstances", "memory", "ingress", "deletionProtection");
        var generation = r.Optional("generation") is { } g ? Nodes.Choice(g, "generation", Generations, d) : 2;
        var runtime = r.Required("runtime", "nodejs22") is { } rt ? Nodes.Text(rt, "runtime", d, "nodejs22") : null;
        var entry = r.Required("entryPoint", "handler") is { } ep ? Nodes.Text(ep, "entryPoint", d, "handler") : null;
        var source = r.Required("source", "gs://BUCKET/OBJECT.zip") is { } src ? Source(src) : null;
        var common = Common(r, name.Value);
        var protection = r.Optional("deletionProtection") is { } p ? Nodes.Bool(p, "deletionProtection", d) : null;
        if (generation is null || runtime is null || entry is null || source is null) return null;
        var kind = generation == 1 ? WorkloadKind.FunctionGen1 : WorkloadKind.FunctionGen2;
        return new Workload(name.Value, name.At, kind, common.Region, null,
            new FunctionCode(runtime, entry, source.Value.Bucket, source.Value.Object), common.Env, common.Secrets,
            common.Min, common.Max, null, common.Memory, common.Ingress, [], protection ?? true);
    }

    private (string Bucket, string Object)? Source(YNode node)
    {
        if (Nodes.Text(node, "source", d, "gs://BUCKET/OBJECT.zip") is not { } text) return null;
        var path = text.StartsWith("gs://", StringComparison.Ordinal) ? text[5..] : null;
        var slash = path?.IndexOf('/') ?? -1;
        if (path is null || slash <= 0 || slash == path.Length - 1)
        {
            d.Add(DiagnosticCodes.InvalidValue, node.At, $"'source' must be a Cloud Storage object, found '{text}'",
                "write gs://BUCKET/PATH/TO/SOURCE.zip (the zip the function is built from)");
            return null;
        }
        return (path[..slash], path[(slash + 1)..]);
    }

    private sealed record CommonSettings(Located<string>? Region, List<EnvVar> Env, List<SecretEnvVar> Secrets,
        int? Min, int? Max, string? Memory, Located<Ingress>? Ingress);

    /// <summary>The settings Cloud Run services and functions share.</summary>
    private CommonSettings Common(MappingReader r, string service)
    {
        var region = r.Optional("region") is { } rg && Nodes.Text(rg, "region", d, "europe-west4") is { } rt
            ? new Located<string>(rt, rg.At) : (Located<string>?)null;
        var min = r.Optional("minInstances") is { } mn ? Nodes.Int(mn, "minInstances", 0, 1000, d) : null;
        var max = r.Optional("maxInstances") is { } mx ? Nodes.Int(mx, "maxInstances", 1, 1000, d) : null;
        if (min is not null && max is not null && min > max)
            d.Add(DiagnosticCodes.InvalidValue, r.Optional("minInstances")!.At, $"service '{service}' has minInstances {min} above maxInstances {max}",
                $"lower minInstances to at most {max}, or raise maxInstances");
        var memory = r.Optional("memory") is { } m ? Nodes.Text(m, "memory", d, "512Mi") : null;
        var ingress = r.Optional("ingress") is { } ig && Nodes.Choice(ig, "ingress", IngressWords, d) is { } ingressValue
            ? new Located<Ingress>(ingressValue, ig.At) : (Located<Ingress>?)null;

        var env = new List<EnvVar>();
        if (r.Optional("env") is { } e && Nodes.Mapping(e, "env", d, "{ LOG_LEVEL: info }") is { } envMap)
            foreach (var entry in envMap.Entries)
                if (Nodes.Text(entry.Value, $"env.{entry.Key.Value}", d, "\"value\"") is { } value)
                    env.Add(new EnvVar(entry.Key.Value, value, entry.Key.At));

        var secrets = new List<SecretEnvVar>();
        if (r.Optional("secrets") is { } s && Nodes.Mapping(s, "secrets", d, "{ STRIPE_KEY: { secret: stripe-key } }") is { } secretMap)
            foreach (var entry in secretMap.Entries)
                if (Secret(entry) is { } secret)
                    secrets.Add(secret);

        return new CommonSettings(region, env, secrets, min, max, memory, ingress);
    }

    private SecretEnvVar? Secret(YEntry entry)
    {
        const string example = "{ secret: SECRET_MANAGER_NAME, version: latest } or { config: PULUMI_CONFIG_KEY }";
        var name = entry.Key.Value;
        if (entry.Value is YScalar { IsNull: false })
        {
            d.Add(DiagnosticCodes.LiteralSecret, entry.Value.At, $"secret '{name}' is written as a value in the map",
                $"never put secret values in the map: store it in Secret Manager and write {name}: {{ secret: SECRET_NAME }}, or run 'pulumi config set --secret {name.ToLowerInvariant()} ...' and write {name}: {{ config: {name.ToLowerInvariant()} }}");
            return null;
        }
        if (Nodes.Mapping(entry.Value, $"secrets.{name}", d, example) is not { } body) return null;
        var r = new MappingReader(body, $"secret '{name}'", d, "secret", "version", "config");
        var secret = r.Optional("secret");
        var config = r.Optional("config");
        if ((secret is null) == (config is null))
        {
            d.Add(DiagnosticCodes.InvalidValue, body.At, $"secret '{name}' must name exactly one source", $"write {example}");
            return null;
        }
        if (config is not null)
        {
            if (r.Optional("version") is { } v)
                d.Add(DiagnosticCodes.UnknownKey, v.At, $"'version' applies to Secret Manager secrets, not to the config secret '{name}'", "remove 'version'");
            if (Nodes.Text(config, $"secrets.{name}.config", d, "stripeKey") is not { } key) return null;
            // The value is kept in a Secret Manager secret named after the key, whose ids allow only these characters.
            if (!ConfigKeyPattern().IsMatch(key))
            {
                d.Add(DiagnosticCodes.InvalidName, config.At, $"'{key}' cannot be a config key callmap stores in Secret Manager",
                    "use letters, digits, '-' and '_' only (at most 200), e.g. config: stripeApiKey");
                return null;
            }
            return new SecretEnvVar(name, new PulumiConfigSecret(key), entry.Key.At);
        }
        var secretName = Nodes.Text(secret!, $"secrets.{name}.secret", d, "stripe-key");
        var version = r.Optional("version") is { } ver ? Nodes.Text(ver, $"secrets.{name}.version", d, "latest") : "latest";
        return secretName is null || version is null ? null
            : new SecretEnvVar(name, new SecretManagerSecret(secretName, version), entry.Key.At);
    }

    private List<Caller> Callers(YNode node)
    {
        var result = new List<Caller>();
        if (Nodes.Mapping(node, "callers", d, "{ api: [orders] }") is not { } callers) return result;
        if (_streamedCallers is not null) return _streamedCallers;
        foreach (var entry in callers.Entries) CallerEntry(entry, result);
        return result;
    }

    private void CallerEntry(YEntry entry, List<Caller> result)
    {
        var classified = CallerKeys.Classify(entry.Key, d);
        if (classified is null) return;
        var (key, kind) = classified.Value;
        var caller = kind is CallerKind.Scheduler or CallerKind.PubSubPush or CallerKind.Eventarc or CallerKind.CloudTasks
            ? CreatedCaller(entry, key, kind)
            : ListCaller(entry, key, kind);
        if (caller is not null) result.Add(caller);
    }

    private Caller? ListCaller(YEntry entry, string key, CallerKind kind)
    {
        if (Nodes.Sequence(entry.Value, $"callers.{entry.Key.Value}", d, "[orders, receipts]") is not { } list) return null;
        var targets = new List<Located<string>>();
        foreach (var item in list.Items)
            if (Nodes.Text(item, $"callers.{entry.Key.Value}[]", d, "orders") is { } target)
                targets.Add(new Located<string>(target, item.At));
        return new Caller(key, entry.Key.At, kind, targets, null);
    }

    private Caller? CreatedCaller(YEntry entry, string key, CallerKind kind)
    {
        var where = $"caller '{key}'";
        var example = kind switch
        {
            CallerKind.Scheduler => "{ invokes: orders, schedule: \"0 3 * * *\" }",
            CallerKind.PubSubPush => "{ invokes: orders, topic: order-events }",
            CallerKind.Eventarc => "{ invokes: orders, event: google.cloud.storage.object.v1.finalized, filters: { bucket: uploads } }",
            _ => "{ invokes: orders, enqueuers: [api] }",
        };
        if (Nodes.Mapping(entry.Value, $"callers.{key}", d, example) is not { } body) return null;
        string[] keys = kind switch
        {
            CallerKind.Scheduler => ["invokes", "path", "schedule", "timeZone", "method"],
            CallerKind.PubSubPush => ["invokes", "path", "topic"],
            CallerKind.Eventarc => ["invokes", "path", "event", "filters", "location"],
            _ => ["invokes", "path", "maxDispatchesPerSecond", "enqueuers"],
        };
        var r = new MappingReader(body, where, d, keys);
        var invokesNode = r.Required("invokes", "orders");
        var invokes = invokesNode is not null ? Nodes.Text(invokesNode, $"callers.{key}.invokes", d, "orders") : null;
        var path = r.Optional("path") is { } p ? Path(p, key) : "/";
        CallerSettings? settings = kind switch
        {
            CallerKind.Scheduler => Scheduler(r, key, path),
            CallerKind.PubSubPush => r.Required("topic", "order-events") is { } t && Nodes.Text(t, $"callers.{key}.topic", d, "order-events") is { } topic
                ? new PushSettings(topic, path ?? "/") : null,
            CallerKind.Eventarc => Eventarc(r, key, path),
            _ => Tasks(r, key, path),
        };
        if (invokes is null || path is null || settings is null) return null;
        return new Caller(key, entry.Key.At, kind, [new Located<string>(invokes, invokesNode!.At)], settings);
    }

    private SchedulerSettings? Scheduler(MappingReader r, string key, string? path)
    {
        var schedule = r.Required("schedule", "\"0 3 * * *\"") is { } s ? Nodes.Text(s, $"callers.{key}.schedule", d, "\"0 3 * * *\"") : null;
        if (schedule is not null && Validation.CronSchedule.Problem(schedule) is { } problem)
        {
            d.Add(DiagnosticCodes.InvalidValue, r.Optional("schedule")!.At, $"'{schedule}' is not a cron schedule Cloud Scheduler accepts: {problem}",
                "write minute hour day-of-month month day-of-week, e.g. \"0 3 * * *\" for 03:00 every day");
            schedule = null;
        }
        var zone = r.Optional("timeZone") is { } z ? Nodes.Text(z, $"callers.{key}.timeZone", d, "Europe/Berlin") : "Etc/UTC";
        // A tz database name (Cloud Scheduler's timeZone): Area/Location, letters, digits, '_', '-', '+'.
        if (zone is not null && !TimeZoneName().IsMatch(zone))
        {
            d.Add(DiagnosticCodes.InvalidValue, r.Optional("timeZone")!.At, $"'{zone}' is not a time zone name",
                "write a tz database name such as Europe/Berlin, America/New_York or Etc/UTC");
            zone = null;
        }
        var method = r.Optional("method") is { } m ? Nodes.Word(m, $"callers.{key}.method", HttpMethods, d) : "POST";
        return schedule is null || zone is null || method is null ? null : new SchedulerSettings(schedule, zone, path ?? "/", method);
    }

    private TasksSettings? Tasks(MappingReader r, string key, string? path)
    {
        var rate = r.Optional("maxDispatchesPerSecond") is { } m ? Nodes.Number(m, "maxDispatchesPerSecond", 0.001, 500, d) : null;
        var enqueuers = new List<Located<string>>();
        if (r.Required("enqueuers", "[api]   # who adds tasks: services of this map or IAM members; they get roles/cloudtasks.enqueuer on this queue") is { } e
            && Nodes.Sequence(e, $"callers.{key}.enqueuers", d, "[api]") is { } list)
        {
            foreach (var item in list.Items)
            {
                if (item is not YScalar scalar || Nodes.Text(item, $"callers.{key}.enqueuers[]", d, "api") is null) continue;
                if (CallerKeys.Classify(scalar, d) is not { } classified) continue;
                if (classified.Kind is CallerKind.Scheduler or CallerKind.PubSubPush or CallerKind.Eventarc or CallerKind.CloudTasks)
                    d.Add(DiagnosticCodes.UnknownCaller, item.At, $"'{classified.Key}' cannot add tasks to a queue: only workloads and IAM members can",
                        "name a service of this map, or a member such as serviceAccount:NAME@PROJECT.iam.gserviceaccount.com");
                else
                    enqueuers.Add(new Located<string>(classified.Key, item.At));
            }
            if (list.Items.Count == 0)
                d.Add(DiagnosticCodes.MissingKey, e.At, $"caller '{key}' names nobody who may add tasks, so its queue would stay empty",
                    "name who enqueues, e.g. enqueuers: [api]");
        }
        return rate is null && r.Optional("maxDispatchesPerSecond") is not null ? null : new TasksSettings(path ?? "/", rate, enqueuers);
    }

    private EventarcSettings? Eventarc(MappingReader r, string key, string? path)
    {
        var type = r.Required("event", "google.cloud.storage.object.v1.finalized") is { } e
            ? Nodes.Text(e, $"callers.{key}.event", d, "google.cloud.storage.object.v1.finalized") : null;
        if (type == Planning.EventarcEvents.PubSubMessagePublished)
        {
            // Without a transport topic Eventarc creates one of its own that nobody publishes to
            // (pulumi-gcp Eventarc/Inputs/TriggerTransportPubsubArgs.cs); a push subscription is the direct way.
            d.Add(DiagnosticCodes.UnsupportedTarget, r.Optional("event")!.At,
                $"caller '{key}' would listen on a topic Eventarc creates for it, which nobody publishes to",
                $"deliver the topic's messages with a push subscription: push/{key["eventarc/".Length..]}: {{ invokes: SERVICE, topic: TOPIC }}");
            return null;
        }
        var filters = new List<EventFilter>();
        if (r.Optional("filters") is { } f && Nodes.Mapping(f, $"callers.{key}.filters", d, "{ bucket: acme-uploads }") is { } map)
            foreach (var entry in map.Entries)
                if (Nodes.Text(entry.Value, $"callers.{key}.filters.{entry.Key.Value}", d, "acme-uploads") is { } value)
                    filters.Add(new EventFilter(entry.Key.Value, value));
        var location = r.Optional("location") is { } l && Nodes.Text(l, $"callers.{key}.location", d, "europe-west1") is { } where
            ? new Located<string>(where, l.At) : (Located<string>?)null;
        return type is null ? null : new EventarcSettings(type, filters, path ?? "/", location);
    }

    private string? Path(YNode node, string key)
    {
        if (Nodes.Text(node, $"callers.{key}.path", d, "/reconcile") is not { } path) return null;
        if (path.StartsWith('/') && !path.Contains(' ') && !path.Contains('?')) return path;
        d.Add(DiagnosticCodes.InvalidValue, node.At, $"'path' must be an absolute URL path, found '{path}'", $"write /{path.TrimStart('/').Split('?')[0]}");
        return null;
    }

    private List<Waiver> Waivers(YNode node)
    {
        const string example = "[{ rule: people-invokers, subject: group:devs@acme.shop, reason: \"...\", expires: 2026-12-31 }]";
        var result = new List<Waiver>();
        if (Nodes.Sequence(node, "waivers", d, example) is not { } list) return result;
        foreach (var item in list.Items)
        {
            if (Nodes.Mapping(item, "waivers[]", d, example) is not { } body) continue;
            var r = new MappingReader(body, "a waiver", d, "rule", "subject", "reason", "expires");
            var rule = r.Required("rule", "people-invokers") is { } ru ? Nodes.Text(ru, "waivers[].rule", d, "people-invokers") : null;
            var subject = r.Required("subject", "group:devs@acme.shop") is { } su ? Nodes.Text(su, "waivers[].subject", d, "group:devs@acme.shop") : null;
            var reason = r.Required("reason", "\"why, and the ticket that ends it\"") is { } re ? Nodes.Text(re, "waivers[].reason", d, "\"why\"") : null;
            DateOnly? expires = null;
            if (r.Required("expires", "2026-12-31") is { } ex && Nodes.Text(ex, "waivers[].expires", d, "2026-12-31") is { } date)
            {
                if (DateOnly.TryParseExact(date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var parsed))
                    expires = parsed;
                else
                    d.Add(DiagnosticCodes.InvalidValue, ex.At, $"'{date}' is not a date", "write the last day the waiver holds as YYYY-MM-DD, e.g. 2026-12-31");
            }
            if (rule is not null && subject is not null && reason is not null && expires is not null)
                result.Add(new Waiver(rule, subject, reason, expires.Value, body.At));
        }
        return result;
    }

    private static readonly Dictionary<string, SubnetGrant> SubnetGrants = new()
    {
        ["callmap"] = SubnetGrant.Callmap,
        ["network-team"] = SubnetGrant.NetworkTeam,
    };

    private Network? Network(YNode node)
    {
        if (Nodes.Mapping(node, "network", d, "{ vpc: shared-vpc, subnet: serverless-europe-west1 }") is not { } body) return null;
        var r = new MappingReader(body, "the network section", d, "vpc", "subnet", "hostProject", "hostGrant");
        var vpc = r.Required("vpc", "shared-vpc") is { } v ? Nodes.Text(v, "network.vpc", d, "shared-vpc") : null;
        var subnet = r.Required("subnet", "serverless-europe-west1") is { } s ? Nodes.Text(s, "network.subnet", d, "serverless-europe-west1") : null;
        var host = r.Optional("hostProject") is { } h ? Nodes.Text(h, "network.hostProject", d, "acme-network-host") : null;
        SubnetGrant? grant = SubnetGrant.Callmap;
        if (r.Optional("hostGrant") is { } g)
        {
            grant = Nodes.Choice(g, "network.hostGrant", SubnetGrants, d);
            if (r.Optional("hostProject") is null)
                d.Add(DiagnosticCodes.InvalidValue, g.At, "'hostGrant' says who grants access to a Shared VPC subnet, but the network section names no 'hostProject'",
                    "add hostProject: THE_HOST_PROJECT_ID, or remove 'hostGrant' (a VPC of the map's own project needs no grant)");
        }
        return vpc is null || subnet is null || grant is null ? null : new Network(body.At, vpc, subnet, host, grant.Value);
    }

    private Located<string>? LocatedText(YNode? node, string what, string example) =>
        node is not null && Nodes.Text(node, what, d, example) is { } text ? new Located<string>(text, node.At) : null;

    [GeneratedRegex("^[A-Za-z0-9_-]{1,200}$")]
    private static partial Regex ConfigKeyPattern();

    [GeneratedRegex("^(UTC|[A-Za-z][A-Za-z_]{0,30}(/[A-Za-z0-9][A-Za-z0-9_+-]{0,30}){1,2})$")]
    private static partial Regex TimeZoneName();
}
