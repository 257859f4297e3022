using System.Diagnostics;
using System.Reflection;
using Callmap.Diff;
using Callmap.Loading;
using Callmap.Planning;
using Callmap.Tests.Support;

namespace Callmap.Tests.Diff;

public class AccessDiffTests
{
    private static readonly string DevText = File.ReadAllText(Path.Combine(RepoPaths.Stacks, "dev.yaml"));

    private static Plan PlanOf(string text) => Planner.Create(Maps.Valid(text, "stacks/dev.yaml"));

    private static AccessDiff DiffAfter(params (string From, string To)[] edits)
    {
        var changed = edits.Aggregate(DevText, (text, edit) =>
        {
            Assert.Contains(edit.From, text);
            return text.Replace(edit.From, edit.To);
        });
        return AccessDiff.Between(PlanOf(DevText), PlanOf(changed));
    }

    [Fact]
    public void The_same_map_has_no_access_changes_and_says_so()
    {
        var diff = DiffAfter();

        Assert.True(diff.IsEmpty);
        Assert.False(diff.Widens);
        Assert.Contains("No access changes.", DiffReport.Text(diff, "stacks/dev.yaml"));
    }

    [Fact]
    public void A_new_topic_replaces_the_push_subscription_and_says_so_before_it_happens()
    {
        var diff = DiffAfter(("topic: order-placed", "topic: order-created"));

        var replaced = Assert.Single(diff.Changes, c => c.Kind == ChangeKind.Replaced);
        Assert.Equal("this change replaces push/order-placed (Topic \"projects/acme-shop-dev/topics/order-placed\" → \"projects/acme-shop-dev/topics/order-created\"): "
            + "deleted first, unavailable until created again", replaced.Text);
        Assert.False(diff.Widens);
        Assert.Contains("Replaced (1):\n  ↻ this change replaces push/order-placed", DiffReport.Text(diff, "stacks/dev.yaml"));
    }

    [Fact]
    public void Moving_a_protected_service_to_another_region_is_a_replacement_that_deletion_protection_refuses()
    {
        var diff = DiffAfter(("      minInstances: 1\n      memory: 1Gi", "      minInstances: 1\n      memory: 1Gi\n      region: europe-west4"));

        var service = Assert.Single(diff.Changes, c => c.Kind == ChangeKind.Replaced && c.Text.StartsWith("this change replaces run/orders ", StringComparison.Ordinal));
        Assert.Contains("Location \"europe-west1\" → \"europe-west4\"", service.Text);
        Assert.EndsWith("deletion protection refuses it: set deletionProtection: false and deploy that first", service.Text);
        // Its grants move with it, each replaced delete-first so the new grant is not removed with the old one.
        Assert.Contains(diff.Changes, c => c.Kind == ChangeKind.Replaced && c.Text.StartsWith("this change replaces invoke/api/orders ", StringComparison.Ordinal));
    }

    [Fact]
    public void Moving_a_public_service_to_another_region_replaces_its_neg_under_a_new_name_so_it_is_created_before_the_old_one_goes()
    {
        var old = PlanOf(DevText);
        var moved = PlanOf(DevText.Replace("      maxInstances: 10\n", "      maxInstances: 10\n      region: europe-west4\n"));

        var (before, after) = (old.OfType<ServerlessNegItem>().Single(n => n.Workload == "api"), moved.OfType<ServerlessNegItem>().Single(n => n.Workload == "api"));
        Assert.Equal(before.Name, after.Name);
        Assert.NotEqual(before.NegName, after.NegName);
        Assert.False(Replacement.DeleteBeforeReplace(PlanItemKind.ServerlessNeg));
        Assert.Contains(AccessDiff.Between(old, moved).Changes, c => c.Kind == ChangeKind.Replaced && c.Text.StartsWith("this change replaces edge/neg/api ", StringComparison.Ordinal));
    }

    /// <summary>Each forcing field is named with both values as JSON: strings quoted and escaped, lists in brackets, a missing value null.</summary>
    [Fact]
    public void A_replacement_names_every_forcing_field_with_its_old_and_new_value()
    {
        var at = new Diagnostics.SourceLocation("stacks/dev.yaml", 3, 5);
        var cert = new ManagedCertificateItem("edge/cert/api", [], at, "cert-api", ["api.acme.shop"]);
        var neg = new ServerlessNegItem("edge/neg/api", [], at, "neg-api", "europe-west1", "SERVERLESS", null, "fn-api", "api");

        var certForced = Replacement.ForcedBy(cert, cert with { CertificateName = "cert-äpi<1>", Domains = ["api.acme.shop", "www.acme.shop"] });
        var negForced = Replacement.ForcedBy(neg, neg with { CloudRunService = "api", CloudFunction = null });

        Assert.Equal([("CertificateName", "\"cert-api\"", "\"cert-\\u00E4pi\\u003C1\\u003E\""), ("Domains", "[\"api.acme.shop\"]", "[\"api.acme.shop\",\"www.acme.shop\"]")], certForced);
        Assert.Equal([("CloudRunService", "null", "\"api\""), ("CloudFunction", "\"fn-api\"", "null")], negForced);
        Assert.Empty(Replacement.ForcedBy(cert, cert with { DependsOn = ["apis/compute.googleapis.com"] }));
    }

    /// <summary>A misspelt field would compare null with null and never announce its replacement.</summary>
    [Fact]
    public void Every_immutable_field_is_a_written_value_of_its_kind()
    {
        var types = typeof(PlanItem).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(PlanItem)) && !t.IsAbstract)
            .ToDictionary(t => ((PlanItem)System.Runtime.CompilerServices.RuntimeHelpers.GetUninitializedObject(t)).Kind);

        foreach (var (kind, fields) in Replacement.ImmutableFields)
            foreach (var field in fields)
            {
                var property = types[kind].GetProperty(field);
                Assert.True(property is not null, $"{types[kind].Name} has no {field}");
                Assert.True(property.GetCustomAttribute<System.Text.Json.Serialization.JsonIgnoreAttribute>() is null or { Condition: not System.Text.Json.Serialization.JsonIgnoreCondition.Always },
                    $"{types[kind].Name}.{field} is not written to the plan");
                Assert.Contains(property.PropertyType, new[] { typeof(string), typeof(IReadOnlyList<string>) });
            }
    }

    [Fact]
    public void Every_kind_with_a_fixed_google_identity_is_replaced_delete_first()
    {
        // Kinds whose identity Google numbers or keeps one per project can be created before the old one goes.
        PlanItemKind[] createFirst = [PlanItemKind.ApiService, PlanItemKind.ServiceIdentity, PlanItemKind.ConfigSecretVersion, PlanItemKind.IdentityPlatformConfig,
            // A NEG in use cannot be deleted; its name changes with every field that replaces it, so it is created first.
            PlanItemKind.ServerlessNeg];

        foreach (var kind in Enum.GetValues<PlanItemKind>())
            Assert.True(Replacement.DeleteBeforeReplace(kind) != createFirst.Contains(kind), $"{kind}: delete before replace is {Replacement.DeleteBeforeReplace(kind)}");
    }

    [Fact]
    public void A_new_enqueuer_of_a_queue_is_widened_access_to_the_service_its_tasks_invoke()
    {
        const string Map = Maps.Header + """
            services:
              api: { run: { image: europe-west1-docker.pkg.dev/p/apps/api:1 } }
              mailer: { run: { image: europe-west1-docker.pkg.dev/p/apps/mailer:1 } }
            callers:
              tasks/outbound-mail: { invokes: mailer, enqueuers: [api] }
            """;
        var widened = Map.Replace("enqueuers: [api]", "enqueuers: [api, user:eve@gmail.com]");

        var diff = AccessDiff.Between(Maps.Plan(Map), Maps.Plan(widened));

        Assert.True(diff.Widens);
        Assert.Equal(new AccessChange(ChangeKind.Widened, "user:eve@gmail.com may now add tasks to tasks/outbound-mail, which invokes mailer"), Assert.Single(diff.Changes));
    }

    [Fact]
    public void A_new_edge_is_widened_access()
    {
        var diff = DiffAfter(("orders: [payments]", "orders: [payments, receipts]"));

        Assert.Equal(new AccessChange(ChangeKind.Widened, "orders may now invoke receipts (roles/run.servicesInvoker)"), Assert.Single(diff.Changes));
        Assert.True(diff.Widens);
    }

    [Fact]
    public void A_removed_edge_says_who_lost_access()
    {
        var diff = DiffAfter(("group:backend-devs@acme.shop: [orders, payments]", "group:backend-devs@acme.shop: [payments]"));

        Assert.Contains(new AccessChange(ChangeKind.Narrowed, "orders no longer callable by group:backend-devs@acme.shop"), diff.Changes);
        Assert.False(diff.Widens);
    }

    [Fact]
    public void A_service_that_becomes_public_is_new_public_surface_and_leads_the_report()
    {
        var diff = DiffAfter(("      memory: 1Gi\n", "      memory: 1Gi\n    public: { hosts: [orders.dev.acme.shop], auth: iap, iap: { members: [group:support@acme.shop] } }\n"),
            ("  admin: [orders]\n", ""), ("  api: [orders, payments, receipts]", "  api: [payments, receipts]"),
            ("group:backend-devs@acme.shop: [orders, payments]", "group:backend-devs@acme.shop: [payments]"),
            ("serviceAccount:smoke-tests@acme-ci.iam.gserviceaccount.com: [orders]", "serviceAccount:smoke-tests@acme-ci.iam.gserviceaccount.com: [payments]"));

        Assert.Equal(new AccessChange(ChangeKind.NewPublicSurface, "orders became public via IAP at https://orders.dev.acme.shop/*"), diff.Changes[0]);
        Assert.Contains(new AccessChange(ChangeKind.Widened, "IAP now admits group:support@acme.shop to orders"), diff.Changes);
        Assert.Contains(diff.Changes, c => c.Text.StartsWith("ingress of orders changed from INGRESS_TRAFFIC_ALL to INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER", StringComparison.Ordinal));
        Snapshot.Match(DiffReport.Markdown(diff, "stacks/dev.yaml against origin/main"), "Diff/orders-public.markdown", "md");
    }

    [Fact]
    public void A_looser_rate_limit_is_a_removed_protection_and_a_tighter_one_is_not()
    {
        var looser = DiffAfter(("/v1/login: { requests: 20, seconds: 60 }", "/v1/login: { requests: 200, seconds: 60 }"));
        Assert.Equal(new AccessChange(ChangeKind.RemovedProtection, "rate limit on /v1/login raised from 20/min to 200/min (default)"), Assert.Single(looser.Changes));

        var tighter = DiffAfter(("/v1/login: { requests: 20, seconds: 60 }", "/v1/login: { requests: 5, seconds: 60 }"));
        Assert.Equal(ChangeKind.Changed, Assert.Single(tighter.Changes).Kind);
    }

    [Fact]
    public void A_role_change_names_both_roles()
    {
        var diff = DiffAfter(("      runtime: nodejs22\n      entryPoint: sendReceipt", "      generation: 1\n      runtime: nodejs22\n      entryPoint: sendReceipt"));

        Assert.Contains(new AccessChange(ChangeKind.Changed, "role for push/order-placed on receipts changed from roles/run.servicesInvoker to roles/cloudfunctions.invoker"), diff.Changes);
        Assert.Contains(new AccessChange(ChangeKind.Changed, "role for api on receipts changed from roles/run.servicesInvoker to roles/cloudfunctions.invoker"), diff.Changes);
    }

    [Fact]
    public void New_service_accounts_and_deleted_services_are_reported_with_who_loses_access()
    {
        var diff = DiffAfter(("  receipts:\n    function:", "  mailer:\n    function:"), ("payments, receipts]", "payments, mailer]"), ("invokes: receipts", "invokes: mailer"));

        Assert.Contains(new AccessChange(ChangeKind.Narrowed, "service receipts deleted (its callers lose access: api, push/order-placed)"), diff.Changes);
        Assert.Contains(new AccessChange(ChangeKind.Changed, "new service account fn-mailer@acme-shop-dev.iam.gserviceaccount.com for mailer"), diff.Changes);
        Assert.Contains(new AccessChange(ChangeKind.Widened, "api may now invoke mailer (roles/run.servicesInvoker)"), diff.Changes);
    }

    [Fact]
    public void Weaker_mfa_and_a_new_secret_reader_are_risks()
    {
        var diff = DiffAfter(("secrets:\n        STRIPE_API_KEY", "secrets:\n        STRIPE_WEBHOOK_KEY: { secret: stripe-webhook-key }\n        STRIPE_API_KEY"));
        Assert.Equal(new AccessChange(ChangeKind.Widened, "payments may now read secret stripe-webhook-key"), Assert.Single(diff.Changes));
    }

    [Fact]
    public void Fail_on_widen_exits_1_and_base_reads_the_map_from_git()
    {
        var repo = Directory.CreateTempSubdirectory("callmap-diff-").FullName;
        var map = Path.Combine(repo, "dev.yaml");
        File.WriteAllText(map, DevText);
        Git(repo, "init", "-q");
        Git(repo, "add", "dev.yaml");
        Git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "base");
        File.WriteAllText(map, DevText.Replace("orders: [payments]", "orders: [payments, receipts]"));

        var widened = CallmapCli.Run("diff", "--base", "HEAD", map, "--fail-on", "widen");

        Assert.Equal(1, widened.ExitCode);
        Assert.Contains("orders may now invoke receipts", widened.Out);
        Assert.Equal(0, CallmapCli.Run("diff", "--base", "HEAD", map).ExitCode);
        var missing = CallmapCli.Run("diff", "--base", "no-such-ref", map);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("cannot read dev.yaml at no-such-ref", missing.Error);
        Directory.Delete(repo, recursive: true);
    }

    [Theory]
    [InlineData("--base=--output=OUT", "base-ref-option")]
    [InlineData("--base=-p", "base-ref-short-option")]
    public void A_base_ref_starting_with_a_dash_is_refused_and_never_reaches_git_as_an_option(string option, string snapshot)
    {
        var repo = Directory.CreateTempSubdirectory("callmap-diff-").FullName;
        var map = Path.Combine(repo, "dev.yaml");
        File.WriteAllText(map, DevText);
        Git(repo, "init", "-q");
        Git(repo, "add", "dev.yaml");
        Git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "base");
        var output = Path.Combine(repo, "OUT");

        var run = CallmapCli.Run("diff", option.Replace("OUT", output, StringComparison.Ordinal), map);

        Assert.Equal(2, run.ExitCode);
        Assert.False(File.Exists(output));
        Assert.False(File.Exists(output + ":./dev.yaml"));
        Snapshot.Match(run.Error.Replace(output, "OUT", StringComparison.Ordinal), $"Diff/{snapshot}");
        Directory.Delete(repo, recursive: true);
    }

    [Fact]
    public void Base_refs_with_spaces_or_control_characters_are_refused_and_ordinary_refs_pass()
    {
        Assert.NotNull(BaseRef.Problem("main\u001b[2J"));
        Assert.NotNull(BaseRef.Problem("a b"));
        Assert.NotNull(BaseRef.Problem(""));
        Assert.Null(BaseRef.Problem("origin/main"));
        Assert.Null(BaseRef.Problem("HEAD~1"));
        Assert.Null(BaseRef.Problem("v1.2.3"));
    }

    private static void Git(string dir, params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = dir, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var git = Process.Start(start)!;
        git.WaitForExit();
        Assert.True(git.ExitCode == 0, git.StandardError.ReadToEnd());
    }
}
