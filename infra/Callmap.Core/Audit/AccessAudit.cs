using System.Globalization;
using Callmap.Diagnostics;
using Callmap.Model;
using Callmap.Planning;
using Callmap.Policies;

namespace Callmap.Audit;

/// <summary>What the project holds, counted, beside the verdict.</summary>
public sealed record AuditInventory(int AccountsInProject, int AccountsInPlan, int UserManagedKeys, int SystemManagedKeys);

public sealed record AuditResult(CheckResult Verdict, AuditInventory Inventory, string Project);

/// <summary>
/// Compares the service accounts and keys that exist in a project with the accounts the map's plan
/// declares, through read-only calls only. Findings point at the map: a plan account's finding at the
/// line that asks for it, anything the plan does not know at the map's <c>project:</c> line.
/// </summary>
public static class AccessAudit
{
    /// <summary>Prefixes of the account ids callmap derives (<see cref="AccountIds"/>).</summary>
    public static readonly IReadOnlyList<string> ManagedPrefixes = ["run-", "fn-", "job-", "push-", "trigger-", "tasks-"];

    /// <summary>How many accounts' keys are read at once: enough to hide latency, few enough to stay under the API's read quota.</summary>
    private const int ParallelKeyReads = 8;

    public static async Task<AuditResult> RunAsync(AccessMap map, Plan plan, PolicySet policies, IIamReader reader, DateTimeOffset now,
        IProgress<AuditProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var project = map.Project.Value;
        var live = new List<LiveAccount>();
        var token = "";
        do
        {
            var page = await reader.ListAccountsAsync(project, token, cancellationToken).ConfigureAwait(false);
            live.AddRange(page.Items);
            token = page.NextPageToken;
            progress?.Report(new AuditProgress(live.Count, 0, 0));
        } while (token.Length > 0);

        var keys = await ReadKeysAsync(live, reader, progress, cancellationToken).ConfigureAwait(false);
        var planned = plan.OfType<ServiceAccountItem>().ToDictionary(a => a.Email, StringComparer.OrdinalIgnoreCase);
        var liveByEmail = live.ToDictionary(a => a.Email, StringComparer.OrdinalIgnoreCase);
        var findings = new List<Finding>();
        var levels = AuditRules.All.ToDictionary(r => r.Id, r => policies.For(r.Id).Level);
        void Add(string rule, SourceLocation at, string subject, string message, string fix)
        {
            if (levels[rule] != PolicyLevel.Disabled) findings.Add(new Finding(rule, levels[rule], at, message, fix, subject));
        }

        foreach (var account in planned.Values.OrderBy(a => a.Email, StringComparer.Ordinal))
        {
            if (!liveByEmail.TryGetValue(account.Email, out var existing))
                Add(AuditRules.MissingAccount, account.Source, account.Email, $"{account.Email} ({account.UsedBy}) does not exist in {project}",
                    "run `pulumi up` for this stack; if it ran, someone deleted the account: `pulumi refresh` then `pulumi up` recreates it");
            else if (existing.Disabled)
                Add(AuditRules.DisabledAccount, account.Source, account.Email, $"{account.Email} ({account.UsedBy}) is disabled",
                    $"enable it (gcloud iam service-accounts enable {account.Email}) or find out who disabled it and why");
        }
        foreach (var account in live.Where(a => !planned.ContainsKey(a.Email) && !a.Disabled).OrderBy(a => a.Email, StringComparer.Ordinal))
        {
            var id = account.Email.Split('@')[0];
            if (account.Email.EndsWith($"@{project}.iam.gserviceaccount.com", StringComparison.OrdinalIgnoreCase)
                && ManagedPrefixes.Any(p => id.StartsWith(p, StringComparison.Ordinal)))
                Add(AuditRules.LookalikeAccount, map.Project.At, account.Email, $"{account.Email} is named like a callmap account but no workload or caller of the map uses it",
                    $"delete it if a removed workload left it (gcloud iam service-accounts delete {account.Email}); never reuse callmap's prefixes for hand-made accounts");
            else
                Add(AuditRules.UnknownAccount, map.Project.At, account.Email, $"{account.Email} is not in the plan{Default(account.Email, map)}",
                    $"add its user to the map, or disable it (gcloud iam service-accounts disable {account.Email}) and delete it once nothing breaks");
        }
        foreach (var key in keys.Where(k => k.Kind == KeyKind.UserManaged).OrderBy(k => k.AccountEmail, StringComparer.Ordinal).ThenBy(k => k.Id, StringComparer.Ordinal))
        {
            var at = planned.TryGetValue(key.AccountEmail, out var owner) ? owner.Source : map.Project.At;
            Add(AuditRules.UserManagedKey, at, $"{key.AccountEmail} key {key.Id}", $"{key.AccountEmail} has user-managed key {key.Id} ({Describe(key, now)})",
                $"delete it (gcloud iam service-accounts keys delete {key.Id} --iam-account={key.AccountEmail}) after checking its last use in "
                + "Policy Analyzer's service account key activity; workloads get tokens from their runtime, CI uses workload identity federation");
        }

        var evaluated = AuditRules.All.Select(r => (Rule: r, Level: levels[r.Id])).Where(p => p.Level != PolicyLevel.Disabled).ToList();
        var verdict = PolicyEngine.Verdict(findings, evaluated, map, DateOnly.FromDateTime(now.UtcDateTime));
        return new AuditResult(verdict,
            new AuditInventory(live.Count, planned.Count, keys.Count(k => k.Kind == KeyKind.UserManaged), keys.Count(k => k.Kind == KeyKind.SystemManaged)),
            project);
    }

    private static async Task<List<LiveKey>> ReadKeysAsync(List<LiveAccount> accounts, IIamReader reader, IProgress<AuditProgress>? progress, CancellationToken cancellationToken)
    {
        var perAccount = new IReadOnlyList<LiveKey>[accounts.Count];
        var done = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, accounts.Count),
            new ParallelOptions { MaxDegreeOfParallelism = ParallelKeyReads, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                perAccount[i] = await reader.ListKeysAsync(accounts[i].Email, ct).ConfigureAwait(false);
                progress?.Report(new AuditProgress(accounts.Count, Interlocked.Increment(ref done), accounts.Count));
            }).ConfigureAwait(false);
        return perAccount.SelectMany(k => k).ToList();
    }

    private static string Default(string email, AccessMap map) =>
        email.Equals($"{map.ProjectNumber.Value}-compute@developer.gserviceaccount.com", StringComparison.OrdinalIgnoreCase)
            ? ": the Compute Engine default account, which gets broad grants by default"
            : email.Equals($"{map.Project.Value}@appspot.gserviceaccount.com", StringComparison.OrdinalIgnoreCase)
                ? ": the App Engine default account, which gets broad grants by default"
                : "";

    /// <summary>Origin, age and expiry as the API gives them; it gives no last use.</summary>
    private static string Describe(LiveKey key, DateTimeOffset now)
    {
        var parts = new List<string> { key.Origin == "USER_PROVIDED" ? "public key uploaded by a user" : "key pair generated by Google, private key downloaded" };
        if (key.ValidAfter is { } created)
            parts.Add($"created {created.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}, {(int)(now - created).TotalDays} days old");
        // Google writes "never expires" as the year 9999.
        parts.Add(key.ValidBefore is { Year: < 9999 } expires ? $"expires {expires.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}" : "never expires");
        if (key.Disabled) parts.Add("disabled");
        parts.Add("last use not reported by the IAM Admin API");
        return string.Join(", ", parts);
    }
}
