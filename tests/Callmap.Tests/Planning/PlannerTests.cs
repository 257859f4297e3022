using Callmap.Planning;
using Callmap.Tests.Support;

namespace Callmap.Tests.Planning;

public class PlannerTests
{
    private const string ShopMap = Maps.Header + """
        services:
          api: { run: { image: europe-west1-docker.pkg.dev/p/apps/api:1 } }
          orders: { run: { image: europe-west1-docker.pkg.dev/p/apps/orders:1 } }
          receipts: { function: { runtime: nodejs22, entryPoint: send, source: gs://src/receipts.zip } }
          legacy: { function: { generation: 1, runtime: nodejs20, entryPoint: run, source: gs://src/legacy.zip } }
        callers:
          api: [orders, receipts, legacy]
        """;

    [Fact]
    public void Every_workload_runs_as_its_own_service_account_created_by_the_plan()
    {
        var plan = Maps.Plan(ShopMap);

        var workloads = plan.OfType<WorkloadItem>().ToList();
        Assert.Equal(4, workloads.Count);
        Assert.Equal(workloads.Count, workloads.Select(w => w.ServiceAccountEmail).Distinct().Count());
        foreach (var w in workloads)
        {
            var account = Assert.IsType<ServiceAccountItem>(plan[w.ServiceAccount]);
            Assert.Equal(account.Email, w.ServiceAccountEmail);
            Assert.Contains(account.Name, w.DependsOn);
            Assert.DoesNotContain("compute@developer.gserviceaccount.com", w.ServiceAccountEmail);
        }
    }

    [Fact]
    public void A_call_to_a_run_service_grants_only_run_services_invoker_on_that_service()
    {
        var plan = Maps.Plan(ShopMap);

        var grant = Assert.IsType<RunInvokerGrantItem>(plan["invoke/api/orders"]);
        Assert.Equal("roles/run.servicesInvoker", grant.Role);
        Assert.Equal("orders", grant.Service);
        Assert.Equal("europe-west1", grant.Location);
        Assert.Equal("serviceAccount:run-api@acme-shop-test.iam.gserviceaccount.com", grant.Member);
    }

    [Fact]
    public void A_2nd_gen_function_is_invoked_through_its_cloud_run_service()
    {
        var plan = Maps.Plan(ShopMap);

        var grant = Assert.IsType<RunInvokerGrantItem>(plan["invoke/api/receipts"]);
        Assert.Equal("receipts", grant.Service);
        Assert.Equal("roles/run.servicesInvoker", grant.Role);
        Assert.Equal("https://receipts-123456789012.europe-west1.run.app", ((WorkloadItem)plan["functions/receipts"]).Audience);
    }

    [Fact]
    public void A_1st_gen_function_gets_the_cloud_functions_invoker_role_on_the_function_and_its_cloudfunctions_url()
    {
        var plan = Maps.Plan(ShopMap);

        var grant = Assert.IsType<FunctionInvokerGrantItem>(plan["invoke/api/legacy"]);
        Assert.Equal("roles/cloudfunctions.invoker", grant.Role);
        Assert.Equal("legacy", grant.CloudFunction);
        var function = Assert.IsType<FunctionGen1Item>(plan["functions/legacy"]);
        Assert.Equal("https://europe-west1-acme-shop-test.cloudfunctions.net/legacy", function.Url);
        Assert.Equal("SECURE_ALWAYS", function.HttpsTriggerSecurityLevel);
    }

    [Fact]
    public void A_caller_gets_the_url_and_audience_of_each_service_it_calls()
    {
        var plan = Maps.Plan(ShopMap);

        var env = ((WorkloadItem)plan["run/api"]).Env.ToDictionary(e => e.Name, e => e.Value);
        Assert.Equal("https://orders-123456789012.europe-west1.run.app", env["ORDERS_URL"]);
        Assert.Equal("https://orders-123456789012.europe-west1.run.app", env["ORDERS_AUDIENCE"]);
        Assert.Equal("https://europe-west1-acme-shop-test.cloudfunctions.net/legacy", env["LEGACY_AUDIENCE"]);
        Assert.Empty(((WorkloadItem)plan["run/orders"]).Env);
    }

    [Fact]
    public void A_custom_audience_is_what_callers_request_and_what_created_callers_send()
    {
        var plan = Maps.Plan(Maps.Header + """
            services:
              api: { run: { image: europe-west1-docker.pkg.dev/p/apps/api:1 } }
              orders: { run: { image: europe-west1-docker.pkg.dev/p/apps/orders:1, customAudiences: [https://orders.internal.acme.shop] } }
            callers:
              api: [orders]
              tasks/fulfil: { invokes: orders, path: /fulfil, enqueuers: [api] }
            """);

        var env = ((WorkloadItem)plan["run/api"]).Env.ToDictionary(e => e.Name, e => e.Value);
        Assert.Equal("https://orders.internal.acme.shop", env["ORDERS_AUDIENCE"]);
        Assert.Equal("https://orders-123456789012.europe-west1.run.app", env["ORDERS_URL"]);
        var queue = Assert.IsType<TasksQueueItem>(plan["tasks/fulfil"]);
        Assert.Equal("https://orders.internal.acme.shop", queue.Oidc.Audience);
        Assert.Equal("orders-123456789012.europe-west1.run.app", queue.Host);
        Assert.Equal("/fulfil", queue.Path);
        Assert.Equal(["https://orders.internal.acme.shop"], ((RunServiceItem)plan["run/orders"]).CustomAudiences);
    }

    [Fact]
    public void Calls_in_a_cycle_plan_without_a_dependency_cycle()
    {
        var plan = Maps.Plan(Maps.Header + """
            services:
              a: { run: { image: europe-west1-docker.pkg.dev/p/apps/a:1 } }
              b: { run: { image: europe-west1-docker.pkg.dev/p/apps/b:1 } }
            callers:
              a: [b]
              b: [a]
            """);

        Assert.Contains(plan.Items, i => i.Name == "invoke/a/b");
        Assert.Contains(plan.Items, i => i.Name == "invoke/b/a");
        Assert.Equal(plan.Items.Count, DependencyOrder(plan).Count);
    }

    [Fact]
    public void Every_dependency_names_an_item_of_the_plan()
    {
        var plan = Maps.PlanFile(Path.Combine(RepoPaths.Tests, "Maps", "every-caller-kind.yaml"));

        var names = plan.Items.Select(i => i.Name).ToHashSet();
        Assert.All(plan.Items, item => Assert.All(item.DependsOn, d => Assert.Contains(d, names)));
        Assert.Equal(plan.Items.Count, names.Count);
        Assert.Equal(plan.Items.Count, DependencyOrder(plan).Count);
    }

    [Fact]
    public void Created_callers_get_their_own_account_the_invoker_role_and_tokens_for_the_target_audience()
    {
        var plan = Maps.PlanFile(Path.Combine(RepoPaths.Tests, "Maps", "every-caller-kind.yaml"));

        var created = plan.OfType<CreatedCallerItem>().ToList();
        Assert.Equal(["eventarc/new-upload", "push/price-changed", "schedule/hourly-export", "tasks/outbound-mail"],
            created.Select(c => c.Name).Order(StringComparer.Ordinal));
        Assert.Equal(created.Count, created.Select(c => c.Oidc.ServiceAccountEmail).Distinct().Count());
        foreach (var caller in created)
        {
            var account = Assert.IsType<ServiceAccountItem>(plan[caller.ServiceAccount]);
            Assert.Equal(account.Email, caller.Oidc.ServiceAccountEmail);
            var grant = plan.OfType<GrantItem>().Single(g => g.Caller == caller.Caller && g is RunInvokerGrantItem or FunctionInvokerGrantItem);
            Assert.Equal(account.Member, grant.Member);
            Assert.Contains(grant.Name, caller.DependsOn);
        }
        var job = Assert.IsType<SchedulerJobItem>(plan["schedule/hourly-export"]);
        Assert.Equal("https://europe-west1-acme-shop-stage.cloudfunctions.net/legacy_export", job.Oidc.Audience);
        Assert.Equal("GET", job.HttpMethod);
        var push = Assert.IsType<PushSubscriptionItem>(plan["push/price-changed"]);
        Assert.Equal("https://cart-987654321098.europe-west1.run.app/events/price-changed", push.PushEndpoint);
        Assert.Equal("https://cart-987654321098.europe-west1.run.app", push.Oidc.Audience);
        var trigger = Assert.IsType<EventarcTriggerItem>(plan["eventarc/new-upload"]);
        Assert.Equal("thumbnails", trigger.DestinationService);
        Assert.Equal([new("type", "google.cloud.storage.object.v1.finalized"), new("bucket", "acme-shop-stage-uploads")], trigger.MatchingCriteria);
    }

    [Fact]
    public void Only_the_apis_the_map_needs_are_enabled()
    {
        var runOnly = Maps.Plan(Maps.Header + "services:\n  api: { run: { image: europe-west1-docker.pkg.dev/p/apps/api:1 } }\n");
        Assert.Equal(["iam.googleapis.com", "run.googleapis.com"], runOnly.OfType<ApiServiceItem>().Select(a => a.Service));

        var everything = Maps.PlanFile(Path.Combine(RepoPaths.Tests, "Maps", "every-caller-kind.yaml"));
        Assert.Equal([
            "artifactregistry.googleapis.com", "cloudbuild.googleapis.com", "cloudfunctions.googleapis.com",
            // Project IAM policies are Resource Manager's; bucket IAM and Storage events are Storage's.
            "cloudresourcemanager.googleapis.com", "cloudscheduler.googleapis.com",
            "cloudtasks.googleapis.com", "compute.googleapis.com", "eventarc.googleapis.com", "iam.googleapis.com", "iap.googleapis.com",
            "identitytoolkit.googleapis.com", "pubsub.googleapis.com", "run.googleapis.com", "secretmanager.googleapis.com", "storage.googleapis.com"],
            everything.OfType<ApiServiceItem>().Select(a => a.Service));
    }

    [Fact]
    public void Services_keep_deletion_protection_unless_the_map_turns_it_off()
    {
        var plan = Maps.PlanFile(Path.Combine(RepoPaths.Tests, "Maps", "every-caller-kind.yaml"));

        Assert.False(((WorkloadItem)plan["run/pricing"]).DeletionProtection);
        Assert.All(plan.OfType<WorkloadItem>().Where(w => w.Workload != "pricing"), w => Assert.True(w.DeletionProtection));
    }

    [Fact]
    public void A_secret_manager_secret_is_readable_by_its_workload_only_and_read_once_per_secret()
    {
        var plan = Maps.PlanFile(Path.Combine(RepoPaths.Tests, "Maps", "every-caller-kind.yaml"));

        var grant = Assert.Single(plan.OfType<SecretAccessorGrantItem>(), g => g.Caller == "pricing");
        Assert.Equal("secret-access/pricing/fx-api-key", grant.Name);
        Assert.Equal("roles/secretmanager.secretAccessor", grant.Role);
        Assert.Equal("serviceAccount:run-pricing@acme-shop-stage.iam.gserviceaccount.com", grant.Member);
        Assert.Contains(grant.Name, plan["run/pricing"].DependsOn);
        var env = ((WorkloadItem)plan["run/cart"]).Env.Single(e => e.Name == "SESSION_SIGNING_KEY");
        Assert.Equal(EnvSource.PulumiConfig, env.From);
        Assert.Equal("sessionSigningKey", env.ConfigKey);
        Assert.Null(env.Value);
    }

    [Fact]
    public void A_first_gen_function_fed_by_a_push_subscription_keeps_ingress_all_since_pub_sub_cannot_reach_its_internal_ingress()
    {
        // cloud.google.com/functions/1stgendocs/networking/network-settings: "HTTP requests created or routed
        // through Pub/Sub or Eventarc cannot trigger these functions" when they allow internal traffic only.
        var plan = Maps.Plan(Maps.Header + """
            services:
              legacy: { function: { generation: 1, runtime: nodejs20, entryPoint: run, source: gs://src/legacy.zip } }
              modern: { function: { runtime: nodejs22, entryPoint: run, source: gs://src/modern.zip } }
            callers:
              push/orders-to-legacy: { invokes: legacy, topic: orders }
              push/orders-to-modern: { invokes: modern, topic: orders }
            """);

        Assert.Equal("ALLOW_ALL", ((WorkloadItem)plan["functions/legacy"]).Ingress);
        Assert.Contains("push/orders-to-legacy", ((WorkloadItem)plan["functions/legacy"]).IngressReason);
        Assert.Equal("ALLOW_INTERNAL_ONLY", ((WorkloadItem)plan["functions/modern"]).Ingress);
    }

    [Fact]
    public void A_config_secret_is_stored_in_a_secret_manager_secret_of_its_own_and_mounted_by_reference_for_its_workload_only()
    {
        var plan = Maps.PlanFile(Path.Combine(RepoPaths.Tests, "Maps", "every-caller-kind.yaml"));

        var secret = Assert.IsType<ConfigSecretItem>(plan["config-secrets/sessionSigningKey"]);
        Assert.Equal("callmap-sessionSigningKey", secret.SecretId);
        var version = Assert.IsType<ConfigSecretVersionItem>(plan["config-secrets/sessionSigningKey/version"]);
        Assert.Equal("sessionSigningKey", version.ConfigKey);
        var grant = Assert.Single(plan.OfType<SecretAccessorGrantItem>(), g => g.SecretId == "callmap-sessionSigningKey");
        Assert.Equal("serviceAccount:run-cart@acme-shop-stage.iam.gserviceaccount.com", grant.Member);
        var env = ((WorkloadItem)plan["run/cart"]).Env.Single(e => e.Name == "SESSION_SIGNING_KEY");
        Assert.Equal(("callmap-sessionSigningKey", version.Name), (env.Secret, env.VersionFrom));
        Assert.Contains(version.Name, plan["run/cart"].DependsOn);
        Assert.Equal(["sessionSigningKey"], ConfigSecrets.Keys(plan));
    }

    [Fact]
    public void Ingress_is_internal_when_only_google_services_of_the_project_call_and_all_when_people_do_with_the_reason()
    {
        var plan = Maps.Plan(Maps.Header + """
            services:
              batch: { run: { image: europe-west1-docker.pkg.dev/p/apps/batch:1 } }
              orders: { run: { image: europe-west1-docker.pkg.dev/p/apps/orders:1 } }
              idle: { function: { runtime: go123, entryPoint: Idle, source: gs://src/idle.zip } }
            callers:
              schedule/nightly: { invokes: batch, schedule: "0 3 * * *" }
              group:devs@acme.shop: [orders]
            """);

        var batch = (WorkloadItem)plan["run/batch"];
        Assert.Equal("INGRESS_TRAFFIC_INTERNAL_ONLY", batch.Ingress);
        Assert.Contains("Google services of this project", batch.IngressReason);
        var orders = (WorkloadItem)plan["run/orders"];
        Assert.Equal("INGRESS_TRAFFIC_ALL", orders.Ingress);
        Assert.Contains("group:devs@acme.shop", orders.IngressReason);
        Assert.Equal("ALLOW_INTERNAL_ONLY", ((WorkloadItem)plan["functions/idle"]).Ingress);
    }

    [Fact]
    public void Members_outside_the_map_are_granted_exactly_as_written_with_emails_in_lower_case()
    {
        var plan = Maps.PlanFile(Path.Combine(RepoPaths.Tests, "Maps", "every-caller-kind.yaml"));

        var members = plan.OfType<GrantItem>().Where(g => g.Target == "pricing").Select(g => g.Member).Order(StringComparer.Ordinal).ToList();
        Assert.Equal([
            "group:qa@acme.shop",
            "principalSet://iam.googleapis.com/projects/555555555555/locations/global/workloadIdentityPools/github/attribute.repository/acme/shop",
            "serviceAccount:run-cart@acme-shop-stage.iam.gserviceaccount.com",
        ], members);
        Assert.Equal("europe-west4", ((RunInvokerGrantItem)plan["invoke/cart/pricing"]).Location);
    }

    [Fact]
    public void The_access_matrix_lists_every_edge_with_its_role_and_nothing_else()
    {
        var plan = Maps.Plan(ShopMap);

        Assert.Equal(["api"], plan.Matrix.Callers);
        Assert.Equal(["api", "legacy", "orders", "receipts"], plan.Matrix.Services);
        Assert.Equal("roles/cloudfunctions.invoker", plan.Matrix.RoleAt("api", "legacy"));
        Assert.Equal("roles/run.servicesInvoker", plan.Matrix.RoleAt("api", "orders"));
        Assert.Null(plan.Matrix.RoleAt("api", "api"));
        Assert.Equal(3, plan.Matrix.Cells.Count);
    }

    [Fact]
    public void With_a_network_calling_run_services_egress_through_the_vpc_so_the_services_they_call_refuse_the_internet()
    {
        var plan = Maps.Plan(Maps.Header + """
            network: { vpc: shared-vpc, subnet: serverless-eu }
            services:
              api: { run: { image: europe-west1-docker.pkg.dev/p/apps/api:1 } }
              orders: { run: { image: europe-west1-docker.pkg.dev/p/apps/orders:1 } }
              stock: { run: { image: europe-west1-docker.pkg.dev/p/apps/stock:1 } }
              hooks: { function: { runtime: nodejs22, entryPoint: hooks, source: gs://src/hooks.zip } }
              far: { run: { image: europe-west1-docker.pkg.dev/p/apps/far:1, region: us-central1 } }
            callers:
              api: [orders]
              hooks: [stock]
              far: [orders]
            """);

        var api = (RunServiceItem)plan["run/api"];
        // Full resource names, as Cloud Run's VpcAccess takes them (https://cloud.google.com/run/docs/configuring/shared-vpc-direct-vpc).
        Assert.Equal(new DirectVpcEgress("projects/acme-shop-test/global/networks/shared-vpc",
            "projects/acme-shop-test/regions/europe-west1/subnetworks/serverless-eu", "ALL_TRAFFIC"), api.VpcEgress);
        Assert.Null(((RunServiceItem)plan["run/orders"]).VpcEgress);
        // A subnet is regional: a caller in another region keeps the internet path, and so does a function.
        Assert.Null(((RunServiceItem)plan["run/far"]).VpcEgress);
        Assert.Equal("INGRESS_TRAFFIC_ALL", ((WorkloadItem)plan["run/orders"]).Ingress);
        Assert.Contains("far calls from outside", ((WorkloadItem)plan["run/orders"]).IngressReason);
        Assert.Equal("INGRESS_TRAFFIC_ALL", ((WorkloadItem)plan["run/stock"]).Ingress);

        var withoutFar = Maps.Plan(Maps.Header + """
            network: { vpc: shared-vpc, subnet: serverless-eu }
            services:
              api: { run: { image: europe-west1-docker.pkg.dev/p/apps/api:1 } }
              orders: { run: { image: europe-west1-docker.pkg.dev/p/apps/orders:1 } }
            callers:
              api: [orders]
              schedule/nightly: { invokes: orders, schedule: "0 3 * * *" }
            """);
        var orders = (WorkloadItem)withoutFar["run/orders"];
        Assert.Equal("INGRESS_TRAFFIC_INTERNAL_ONLY", orders.Ingress);
        Assert.Contains("through the VPC", orders.IngressReason);
    }

    [Fact]
    public void Without_a_network_the_preview_says_how_to_close_the_internet_path_for_workload_callers()
    {
        var plan = Maps.Plan(ShopMap);

        Assert.Contains("a 'network' section would route the workloads among them through the VPC", ((WorkloadItem)plan["run/orders"]).IngressReason);
    }

    /// <summary>Kahn's algorithm: every item, in an order that respects DependsOn; fewer items means a cycle.</summary>
    private static List<string> DependencyOrder(Plan plan)
    {
        var remaining = plan.Items.ToDictionary(i => i.Name, i => i.DependsOn.ToHashSet());
        var order = new List<string>();
        while (remaining.FirstOrDefault(p => p.Value.All(order.Contains)) is { Key: not null } next)
        {
            order.Add(next.Key);
            remaining.Remove(next.Key);
        }
        return order;
    }
}
