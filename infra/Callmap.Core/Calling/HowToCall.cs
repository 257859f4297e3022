using Callmap.Diagnostics;
using Callmap.Loading;
using Callmap.Model;
using Callmap.Planning;
using Callmap.Yaml;

namespace Callmap.Calling;

/// <summary>
/// Answers "how does CALLER call SERVICE?" for one edge of a map: the URL, the audience to request, the
/// grant that makes it work, and the token recipe for that kind of caller. Edges the map does not
/// have are refused with the line to add (or, for public services, how to reach them instead).
/// </summary>
public static class HowToCall
{
    public static (CallInstructions? Instructions, CallRefusal? Refusal) For(AccessMap map, Plan plan, string callerKey, string serviceName)
    {
        var caller = Normalise(callerKey);
        if (plan.OfType<WorkloadItem>().FirstOrDefault(w => w.Workload == serviceName) is not { } target)
            return (null, new CallRefusal($"'{serviceName}' is not a service of {map.File}",
                $"{Suggestions.DidYouMean(serviceName, plan.OfType<WorkloadItem>().Select(w => w.Workload))}services: {Suggestions.List(plan.OfType<WorkloadItem>().Select(w => w.Workload))}", null));

        var grant = plan.OfType<GrantItem>().FirstOrDefault(g => g is RunInvokerGrantItem or FunctionInvokerGrantItem && g.Caller == caller && g.Target == serviceName);
        if (grant is null) return (null, Refuse(map, plan, caller, target));

        var written = map.Callers.FirstOrDefault(c => c.Key == caller);
        var notes = new List<string>();
        IReadOnlyList<TokenRecipe> recipes;
        switch (written?.Kind)
        {
            case CallerKind.Workload:
                var self = plan.OfType<WorkloadItem>().Single(w => w.Workload == caller);
                notes.Add($"{caller} runs as {self.ServiceAccountEmail}; callmap sets {CallerWiring.UrlVariable(serviceName)} and {CallerWiring.AudienceVariable(serviceName)} in its environment.");
                notes.Add("No key file: the runtime's metadata server signs the token for that account.");
                recipes = TokenRecipes.FromRuntime(target.Audience, CallerWiring.AudienceVariable(serviceName), CallerWiring.UrlVariable(serviceName));
                break;
            case CallerKind.Scheduler or CallerKind.PubSubPush or CallerKind.Eventarc or CallerKind.CloudTasks:
                var created = plan.OfType<CreatedCallerItem>().Single(c => c.Caller == caller);
                notes.Add($"{caller} sends the OIDC token itself, signed for {created.Oidc.ServiceAccountEmail} with audience {created.Oidc.Audience}: there is nothing to code.");
                notes.Add("Whoever deploys it needs iam.serviceAccounts.actAs on that account only (roles/iam.serviceAccountUser on the account, not the project).");
                recipes = [Trigger(created, map.Region.Value)];
                break;
            case CallerKind.ServiceAccount:
                var email = caller["serviceAccount:".Length..];
                notes.Add($"On a Google runtime that runs as {email}, use the metadata server or a library below.");
                notes.Add($"Elsewhere, impersonate it (no key file): the person or CI needs roles/iam.serviceAccountOpenIdTokenCreator on {email} only.");
                recipes = [new TokenRecipe("Impersonating the account (CI or a developer)",
                    $"TOKEN=$(gcloud auth print-identity-token --impersonate-service-account={email} --audiences={target.Audience})\ncurl -H \"Authorization: Bearer $TOKEN\" {target.Url}/"),
                    .. TokenRecipes.FromRuntime(target.Audience, null, null)];
                break;
            case CallerKind.User or CallerKind.Group:
                notes.Add($"Members of {caller} call with their own Google account.");
                notes.Add("Google's developer guides call private services with this token; for user accounts gcloud reportedly ignores --audiences.");
                recipes = [new TokenRecipe("A developer with gcloud", $"curl -H \"Authorization: Bearer $(gcloud auth print-identity-token)\" {target.Url}/")];
                break;
            default:
                notes.Add("Cloud Run admits only Google-signed ID tokens of Google accounts and service accounts; a federated identity cannot get one directly.");
                notes.Add($"Have it impersonate a service account: grant {caller} roles/iam.serviceAccountOpenIdTokenCreator on that account, and make the account the caller (serviceAccount:NAME@PROJECT.iam.gserviceaccount.com: [{serviceName}]).");
                recipes = [new TokenRecipe("GitHub Actions (google-github-actions/auth)",
                    "- uses: google-github-actions/auth@v2\n  with:\n    workload_identity_provider: projects/NUMBER/locations/global/workloadIdentityPools/POOL/providers/PROVIDER\n"
                    + $"    service_account: NAME@PROJECT.iam.gserviceaccount.com\n    token_format: id_token\n    id_token_audience: {target.Audience}\n    id_token_include_email: true")];
                break;
        }
        return (new CallInstructions(caller, serviceName, target.Url, target.Audience, grant, notes, recipes), null);
    }

    private static CallRefusal Refuse(AccessMap map, Plan plan, string caller, WorkloadItem target)
    {
        if (plan.PublicSurface.Routes.FirstOrDefault(r => r.Workload == target.Workload) is { } route)
            return route.Auth == "iap"
                ? new CallRefusal($"'{target.Workload}' is behind IAP and accepts only the load balancer and internal traffic",
                    $"call https://{route.Host}{route.Path.TrimEnd('*')} through IAP as one of its members, or add the caller to its iap members", null)
                : new CallRefusal($"'{target.Workload}' has no IAM invoker check (auth {route.Auth}): no IAM grant is needed or possible",
                    $"call https://{route.Host}{route.Path.TrimEnd('*')} like any client{(route.Auth == "in-app" ? ", with an end user's Identity Platform ID token" : "")}", null);
        var existing = map.Callers.FirstOrDefault(c => c.Key == caller);
        var refused = $"the map does not let '{caller}' call '{target.Workload}'";
        if (existing is { IsCreatedByMap: false })
        {
            var line = $"{YamlKey(caller)}: [{string.Join(", ", existing.Targets.Select(t => t.Value).Append(target.Workload))}]";
            return new CallRefusal(refused, $"add it to that caller's list: {line}", existing.At, line);
        }

        // The caller as the loader would read it: a suggestion must be a line the loader accepts.
        var scratch = new DiagnosticBag();
        if (CallerKeys.Classify(new YScalar(new SourceLocation(map.File, 1, 1), caller, true), scratch) is not { } classified)
        {
            var problem = scratch.Sorted().First();
            return new CallRefusal($"'{caller}' cannot be a caller: {problem.Message}", problem.Fix, null);
        }
        var (key, kind) = classified;
        if (kind == CallerKind.Workload && map.Services.All(s => s.Name != key))
        {
            var services = map.Services.Select(s => s.Name).ToList();
            return new CallRefusal($"'{caller}' is not a service of {map.File}, an IAM member or a caller the map creates",
                $"{Suggestions.DidYouMean(caller, services)}a caller is a service of this map (services: {string.Join(", ", services)}), "
                + "an IAM member such as group:NAME@DOMAIN, or schedule/NAME, push/NAME, eventarc/NAME, tasks/NAME", null);
        }
        if (existing is { IsCreatedByMap: true } || kind is CallerKind.Scheduler or CallerKind.PubSubPush or CallerKind.Eventarc or CallerKind.CloudTasks)
        {
            // A created caller invokes exactly one service: a second target needs a caller of its own.
            var name = existing is null ? key : $"{key}-{target.Workload}";
            var topic = name[(name.IndexOf('/') + 1)..];
            var settings = kind switch
            {
                CallerKind.Scheduler => ", schedule: \"0 3 * * *\"",
                CallerKind.PubSubPush => $", topic: {topic}",
                // A Storage trigger lives where its bucket is; the map must say where.
                CallerKind.Eventarc => $", event: google.cloud.storage.object.v1.finalized, filters: {{ bucket: BUCKET }}, location: {target.Location}",
                // A queue nobody may fill does nothing: name who adds its tasks (a service of the map, to be edited).
                _ => $", enqueuers: [{plan.OfType<WorkloadItem>().Select(w => w.Workload).FirstOrDefault(w => w != target.Workload) ?? target.Workload}]",
            };
            var line = $"{YamlKey(name)}: {{ invokes: {target.Workload}{settings} }}";
            return new CallRefusal(refused,
                (existing is null ? "" : $"'{key}' already invokes {existing.Targets[0].Value}, and a created caller invokes one service; ")
                + $"add under callers: {line}", null, line);
        }
        var newLine = $"{YamlKey(key)}: [{target.Workload}]";
        return new CallRefusal(refused, $"add under callers: {newLine}", null, newLine);
    }

    /// <summary>A key as YAML reads it back unchanged: plain when safe, double-quoted otherwise.</summary>
    private static string YamlKey(string key) =>
        System.Text.RegularExpressions.Regex.IsMatch(key, @"^[A-Za-z][-A-Za-z0-9_.@:/*+%']*$") && !key.Contains(": ") && !key.EndsWith(':')
            ? key
            : "\"" + key.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    private static TokenRecipe Trigger(CreatedCallerItem created, string region) => created switch
    {
        SchedulerJobItem job => new("Run the job now", $"gcloud scheduler jobs run {job.JobName} --location={job.Region}"),
        PushSubscriptionItem push => new("Publish a message to the topic", $"gcloud pubsub topics publish {push.Topic} --message='{{}}'"),
        TasksQueueItem queue => new("Enqueue a task (the queue adds the token)",
            $"gcloud tasks create-http-task --queue={queue.QueueName} --location={queue.Location} --url=https://{queue.Host}{queue.Path}"),
        _ => new("Events arrive on their own", $"# the trigger delivers matching events to {created.Target} in {region}"),
    };

    /// <summary>E-mail members are compared without case, as the loader stores them; federated identifiers keep theirs.</summary>
    private static string Normalise(string key) => Members.Normalise(key);
}
