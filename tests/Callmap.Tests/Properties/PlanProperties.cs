using Callmap.Loading;
using Callmap.Model;
using Callmap.Planning;
using Callmap.Reports;
using Callmap.Roles;
using FsCheck;
using FsCheck.Fluent;

namespace Callmap.Tests.Properties;

/// <summary>What holds for every valid map, checked on a few hundred generated ones per run.</summary>
public class PlanProperties
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(300);

    private static Plan PlanOf(GeneratedMap map)
    {
        var result = AccessMapLoader.Load("generated.yaml", map.ToYaml());
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics) + "\n" + map.ToYaml());
        return Planner.Create(result.Map!);
    }

    private static IEnumerable<GrantItem> InvokerGrants(Plan plan) => plan.OfType<GrantItem>().Where(g => g is RunInvokerGrantItem or FunctionInvokerGrantItem);

    [Fact]
    public void Every_edge_yields_exactly_one_grant_on_exactly_its_target_with_the_minimal_role() =>
        Check.One(Runs, Prop.ForAll(MapGenerators.Maps().ToArbitrary(), map =>
        {
            var plan = PlanOf(map);
            foreach (var (caller, target) in map.Edges)
            {
                var grant = Assert.Single(InvokerGrants(plan), g => g.Caller == caller && g.Target == target);
                if (map.KindOf(target) == WorkloadKind.FunctionGen1)
                {
                    Assert.Equal(GrantRoles.FunctionInvoker, grant.Role);
                    Assert.Equal(target, Assert.IsType<FunctionInvokerGrantItem>(grant).CloudFunction);
                }
                else
                {
                    Assert.Equal(GrantRoles.RunInvoker, grant.Role);
                    Assert.Equal(target, Assert.IsType<RunInvokerGrantItem>(grant).Service);
                }
            }
        }));

    [Fact]
    public void No_grant_exists_without_an_edge_of_the_map() =>
        Check.One(Runs, Prop.ForAll(MapGenerators.Maps().ToArbitrary(), map =>
        {
            var edges = map.Edges.Concat(map.ImpliedEdges).ToHashSet();
            var grants = InvokerGrants(PlanOf(map)).ToList();
            Assert.All(grants, g => Assert.Contains((g.Caller, g.Target), edges));
            Assert.Equal(edges.Count, grants.Count);
        }));

    [Fact]
    public void Every_workload_and_created_caller_has_its_own_service_account_and_nothing_shares_one() =>
        Check.One(Runs, Prop.ForAll(MapGenerators.Maps().ToArbitrary(), map =>
        {
            var plan = PlanOf(map);
            // The functions' build account builds, it runs nothing: one per project with functions.
            var accounts = plan.OfType<ServiceAccountItem>().Where(a => a.AccountId != FunctionBuild.AccountId).ToList();
            Assert.Equal(map.Services.Any(s => s.Kind != WorkloadKind.RunService), plan.OfType<ServiceAccountItem>().Any(a => a.AccountId == FunctionBuild.AccountId));
            var users = plan.OfType<WorkloadItem>().Select(w => w.ServiceAccount)
                .Concat(plan.OfType<CreatedCallerItem>().Select(c => c.ServiceAccount)).ToList();

            Assert.Equal(map.Services.Count + map.Callers.Count(c => c.Kind is CallerKind.Scheduler or CallerKind.PubSubPush or CallerKind.Eventarc or CallerKind.CloudTasks), accounts.Count);
            Assert.Equal(accounts.Select(a => a.Name).Order(), users.Order());
            Assert.All(accounts, a => Assert.Matches("^[a-z][-a-z0-9]{4,28}[a-z0-9]$", a.AccountId));
        }));

    [Fact]
    public void Reordering_services_callers_and_targets_yields_the_same_plan() =>
        Check.One(Runs, Prop.ForAll(
            MapGenerators.Maps().SelectMany(m => m.Reordered(), (original, reordered) => (original, reordered)).ToArbitrary(),
            pair => Assert.Equal(WithoutSources(PlanOf(pair.original)), WithoutSources(PlanOf(pair.reordered)))));

    [Fact]
    public void The_loader_never_throws_on_garbage_and_always_answers_with_a_map_or_located_errors() =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(1000), Prop.ForAll(
            Gen.OneOf(MapGenerators.Garbage(), MapGenerators.Mutated()).ToArbitrary(),
            text =>
            {
                var result = AccessMapLoader.Load("garbage.yaml", text);
                Assert.True(result.Succeeded ^ result.Diagnostics.Count > 0);
                Assert.All(result.Diagnostics, d => Assert.True(d.At.Line >= 1 && d.At.Column >= 1 && d.Fix.Length > 0));
                if (result.Succeeded) Planner.Create(result.Map!);
            }));

    /// <summary>The plan as JSON with every source location blanked: reordering moves lines, nothing else.</summary>
    private static string WithoutSources(Plan plan) =>
        JsonPlan.Render(plan with { Items = plan.Items.Select(i => i with { Source = default }).ToList() });

    [Fact]
    public void Nothing_answers_without_an_iam_check_except_public_services_and_blocking_functions() =>
        Check.One(Runs, Prop.ForAll(MapGenerators.Maps().ToArbitrary(), map =>
        {
            var plan = PlanOf(map);
            foreach (var run in plan.OfType<RunServiceItem>().Where(r => r.InvokerIamDisabled))
                Assert.True(map.IsPublic(run.Workload), $"{run.Workload} has no invoker check but is not public");
            foreach (var grant in plan.OfType<GrantItem>().Where(g => g.Member is "allUsers" or "allAuthenticatedUsers"))
                Assert.Equal(("allUsers", map.BlockingFunction), (grant.Member, (string?)grant.Target));
            Assert.Equal(map.Services.Where(s => s.Auth is not null).Select(s => s.Name).Order(), plan.PublicSurface.Routes.Select(r => r.Workload).Order());
        }));

    [Fact]
    public void Every_public_backend_has_cloud_armor_and_no_public_service_accepts_the_internet_path() =>
        Check.One(Runs, Prop.ForAll(MapGenerators.Maps().ToArbitrary(), map =>
        {
            var plan = PlanOf(map);
            var policies = plan.OfType<SecurityPolicyItem>().Select(p => p.Name).ToHashSet();
            var backends = plan.OfType<BackendServiceItem>().ToList();
            Assert.Equal(map.Services.Count(s => s.Auth is not null), backends.Count);
            Assert.All(backends, b => Assert.Contains(b.SecurityPolicy, policies));
            foreach (var w in plan.OfType<WorkloadItem>().Where(w => map.IsPublic(w.Workload)))
                Assert.Contains(w.Ingress, new[] { "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER", "ALLOW_INTERNAL_AND_GCLB" });
            Assert.Equal(backends.Count == 0, !plan.Items.Any(i => i.Kind is PlanItemKind.GlobalAddress or PlanItemKind.ForwardingRule));
        }));
}

