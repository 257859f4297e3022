using System.Collections;
using Callmap.Planning;
using Callmap.Stacks;
using Pulumi;
using Pulumi.Utilities;

namespace Callmap.Deploy.Tests;

/// <summary>
/// <c>Program.cs</c> itself (<see cref="CallmapStack.RunAsync"/>) for each shipped stack, with that stack's
/// real <c>stacks/Pulumi.STACK.yaml</c> passed through Pulumi's config environment, in a preview (nothing
/// exists yet: ids and computed outputs unknown) and in an update. Expected values come from the plan of
/// the map the stack file names and from what the engine receives, never from the program's own output.
/// </summary>
public class ShippedStacksUnderTheEngineTests
{
    public static TheoryData<string> Stacks => new(ShippedStack.Names);

    public static TheoryData<string, bool> StacksInPreviewAndUpdate
    {
        get
        {
            var data = new TheoryData<string, bool>();
            foreach (var stack in ShippedStack.Names)
            {
                data.Add(stack, true);
                data.Add(stack, false);
            }
            return data;
        }
    }

    [Fact]
    public void The_repository_ships_the_dev_and_prod_stacks() =>
        Assert.Equal(["dev", "prod"], ShippedStack.Names);

    [Theory]
    [MemberData(nameof(StacksInPreviewAndUpdate))]
    public async Task Each_shipped_stack_registers_exactly_its_plans_resources_from_its_own_Pulumi_config(string stack, bool preview)
    {
        var shipped = ShippedStack.Read(stack);

        var run = await StackRun.Of(shipped, preview);

        var planned = shipped.Plan.Items.Select(i => (PulumiTypes.Tokens[i.Kind], i.Name)).Order().ToList();
        Assert.Equal(planned, run.Mocks.Resources.Select(r => (r.Type, r.Name)).Order().ToList());
        Assert.Equal(planned, run.Engine.Select(r => (r.Type, r.Name)).Order().ToList());
    }

    [Theory]
    [MemberData(nameof(StacksInPreviewAndUpdate))]
    public async Task The_engine_orders_every_resource_after_exactly_the_plans_DependsOn(string stack, bool preview)
    {
        var shipped = ShippedStack.Read(stack);

        var run = await StackRun.Of(shipped, preview);

        // The engine's dependencies are the explicit DependsOn plus every resource an input refers to: a
        // reference the plan does not list is an ordering the preview does not explain, a missing one a race.
        var registered = run.Engine.ToDictionary(r => r.Name);
        var mismatches = shipped.Plan.Items
            .Select(item => (item.Name, Planned: item.DependsOn.Order(StringComparer.Ordinal).ToList(),
                Registered: registered[item.Name].Dependencies.Order(StringComparer.Ordinal).ToList()))
            .Where(d => !d.Planned.SequenceEqual(d.Registered))
            .Select(d => $"{d.Name}: planned [{string.Join(", ", d.Planned)}], the engine waits for [{string.Join(", ", d.Registered)}]")
            .ToList();
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task A_preview_completes_with_every_id_and_the_load_balancer_address_unknown(string stack)
    {
        var run = await StackRun.Of(ShippedStack.Read(stack), preview: true);

        var known = await KnownIds(run);
        Assert.True(known.Count == 0, $"ids known in a preview: {string.Join(", ", known)}");
        var address = Assert.IsType<Output<string>>(run.Outputs[StackOutputs.LoadBalancerAddress], exactMatch: false);
        Assert.False(await OutputUtilities.GetIsKnownAsync(address));
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task An_update_knows_every_id_and_the_assigned_load_balancer_address(string stack)
    {
        var run = await StackRun.Of(ShippedStack.Read(stack), preview: false);

        Assert.Equal(run.Resources.OfType<CustomResource>().Count(), (await KnownIds(run)).Count);
        var address = Assert.IsType<Output<string>>(run.Outputs[StackOutputs.LoadBalancerAddress], exactMatch: false);
        Assert.Equal(RecordingMocks.LoadBalancerIp, await OutputUtilities.GetValueAsync(address));
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task Each_config_secret_reaches_a_resource_as_a_Pulumi_secret_and_only_as_one(string stack)
    {
        var shipped = ShippedStack.Read(stack);
        Assert.NotEmpty(shipped.Secrets);

        var run = await StackRun.Of(shipped, preview: false);

        var engine = run.Engine.ToDictionary(r => r.Name);
        foreach (var (key, value) in shipped.Secrets)
        {
            var carriers = run.Mocks.Resources
                .SelectMany(r => r.Inputs.Where(input => Contains(input.Value, value)).Select(input => (r.Name, Input: input.Key)))
                .ToList();
            Assert.True(carriers.Count > 0, $"{key}: no resource received the stack's value");
            foreach (var (name, input) in carriers)
                Assert.True(engine[name].SecretInputs.Contains(input), $"{key} reaches {name}.{input} in clear");
        }
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task A_missing_config_secret_stops_the_run_before_anything_is_registered(string stack)
    {
        var shipped = ShippedStack.Read(stack);
        var missing = shipped.Secrets.Keys.First();
        var mocks = new RecordingMocks(preview: true);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => StackRun.Of(shipped, preview: true, mocks, withoutConfig: [missing]));

        Assert.Contains(missing, error.Message);
        Assert.Empty(mocks.Resources);
    }

    /// <summary>
    /// Issue 14, item 3: <c>protect</c> refuses every replacement, and several resources have fields that force
    /// one; the program must use deleteBeforeReplace and the provider's own deletion protection instead.
    /// </summary>
    [Theory]
    [MemberData(nameof(Stacks))]
    [Trait("Issue", "14.3")]
    public async Task No_resource_asks_Pulumi_to_protect_it(string stack)
    {
        var run = await StackRun.Of(ShippedStack.Read(stack), preview: false);

        var protectedResources = run.Engine.Where(r => r.Protect == true).Select(r => $"{r.Type} {r.Name}").ToList();
        Assert.True(protectedResources.Count == 0, $"protected (Pulumi refuses to replace them): {string.Join(", ", protectedResources)}");
    }

    /// <summary>
    /// A resource whose Google identity the program sets (a physical name Google keeps unique, or an IAM
    /// member's role and member on one resource) cannot be created next to its old self: Google answers 409
    /// for a taken name, and for an IAM member the old one's deletion removes the "new" grant. Pulumi's
    /// default replace creates first, so each such resource must ask the engine to delete first. The
    /// identity inputs are read from what the engine received, not from the planner's table.
    /// </summary>
    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task Every_resource_with_a_name_or_grant_google_keeps_unique_is_replaced_delete_first(string stack)
    {
        var run = await StackRun.Of(ShippedStack.Read(stack), preview: false);

        // Google numbers secret versions; a service identity and an enabled API cannot be replaced (no-op delete).
        string[] ownIdentityByGoogle = ["gcp:secretmanager/secretVersion:SecretVersion", "gcp:projects/serviceIdentity:ServiceIdentity", "gcp:projects/service:Service", "gcp:identityplatform/config:Config",
            // A NEG in use cannot be deleted first (resourceInUseByAnotherResource); its name holds its region and target, so it is created first.
            "gcp:compute/regionNetworkEndpointGroup:RegionNetworkEndpointGroup"];
        string[] identityInputs = ["name", "accountId", "secretId", "idpId", "member"];
        var createFirst = run.Engine
            .Where(r => !ownIdentityByGoogle.Contains(r.Type))
            .Where(r => run.Mocks.Resources.Single(m => m.Name == r.Name).Inputs.Keys.Any(identityInputs.Contains) && r.DeleteBeforeReplace != true)
            .Select(r => $"{r.Type} {r.Name}").ToList();
        Assert.True(createFirst.Count == 0, $"replaced create-first although Google keeps their identity unique: {string.Join(", ", createFirst)}");
    }

    private static async Task<List<string>> KnownIds(StackRun run)
    {
        var known = new List<string>();
        foreach (var resource in run.Resources.OfType<CustomResource>())
            if (await OutputUtilities.GetIsKnownAsync(resource.Id)) known.Add(resource.GetResourceName());
        return known;
    }

    private static bool Contains(object? input, string value) => input switch
    {
        string s => s.Contains(value, StringComparison.Ordinal),
        IDictionary<string, object> map => map.Values.Any(v => Contains(v, value)),
        IEnumerable list => list.Cast<object?>().Any(v => Contains(v, value)),
        _ => false,
    };
}
