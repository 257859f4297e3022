using Callmap.Planning;
using Callmap.Stacks;
using Pulumi;

namespace Callmap.Deploy;

/// <summary>
/// The whole program: the core's gate decides whether there is anything to declare (a refusal stops
/// the run before any resource is registered, with the same report as <c>callmap plan</c> or
/// <c>callmap check</c>); then every plan item becomes one resource, in dependency order.
/// </summary>
public static class CallmapProgram
{
    public static async Task<IDictionary<string, object?>> Run(StackSettings settings, Func<string, Output<string>> configSecret)
    {
        var gate = await StackGate.RunAsync(settings, ProjectNumberOf);
        foreach (var warning in gate.Warnings) Log.Warn(warning);
        if (gate.Plan is not { } plan) throw new RunException(gate.Refusal!);
        return Declare(plan, configSecret);
    }

    /// <summary>The real number of a project, as Google reports it (resourcemanager.projects.get).</summary>
    private static async Task<string> ProjectNumberOf(string project) =>
        (await Pulumi.Gcp.Organizations.GetProject.InvokeAsync(new Pulumi.Gcp.Organizations.GetProjectArgs { ProjectId = project })).Number;

    public static IDictionary<string, object?> Declare(Plan plan, Func<string, Output<string>> configSecret)
    {
        // Every secret first: a missing one stops the run here, with nothing registered.
        var secrets = ConfigSecrets.Keys(plan).ToDictionary(key => key, configSecret);
        var declared = new Declared(plan, secrets);
        foreach (var item in DependencyOrder.Of(plan)) declared.Add(item, Translate(item, declared));

        var outputs = StackOutputs.For(plan);
        outputs[StackOutputs.LoadBalancerAddress] = declared.Address();
        return outputs;
    }

    /// <summary>One translation per plan item kind (PulumiTypes names the type each registers).</summary>
    private static CustomResource Translate(PlanItem item, Declared d) => item switch
    {
        ApiServiceItem i => Identity.Api(i, d),
        ServiceAccountItem i => Identity.Account(i, d),
        ServiceIdentityItem i => Identity.ServiceAgent(i, d),
        ConfigSecretItem i => Grants.ConfigSecret(i, d),
        ConfigSecretVersionItem i => Grants.ConfigSecretVersion(i, d),
        SecretAccessorGrantItem i => Grants.SecretAccessor(i, d),
        RunServiceItem i => Workloads.Run(i, d),
        FunctionGen2Item i => Workloads.Gen2(i, d),
        FunctionGen1Item i => Workloads.Gen1(i, d),
        RunInvokerGrantItem i => Grants.RunInvoker(i, d),
        FunctionInvokerGrantItem i => Grants.FunctionInvoker(i, d),
        SchedulerJobItem i => Callers.Scheduler(i, d),
        PushSubscriptionItem i => Callers.Push(i, d),
        EventarcTriggerItem i => Callers.Eventarc(i, d),
        TasksQueueItem i => Callers.Tasks(i, d),
        TasksEnqueuerGrantItem i => Grants.TasksEnqueuer(i, d),
        SecurityPolicyItem i => Armor.Policy(i, d),
        GlobalAddressItem i => LoadBalancer.Address(i, d),
        ServerlessNegItem i => LoadBalancer.Neg(i, d),
        BackendServiceItem i => LoadBalancer.Backend(i, d),
        IapAccessGrantItem i => Grants.IapAccess(i, d),
        IapSettingsItem i => Iap.Settings(i, d),
        ManagedCertificateItem i => LoadBalancer.Certificate(i, d),
        SslPolicyItem i => LoadBalancer.TlsPolicy(i, d),
        UrlMapItem i => LoadBalancer.UrlMap(i, d),
        TargetHttpsProxyItem i => LoadBalancer.HttpsProxy(i, d),
        TargetHttpProxyItem i => LoadBalancer.HttpProxy(i, d),
        ForwardingRuleItem i => LoadBalancer.ForwardingRule(i, d),
        IdentityPlatformConfigItem i => IdentityPlatform.Config(i, d),
        IdentityProviderConfigItem i => IdentityPlatform.Provider(i, d),
        ProjectIamMemberItem i => PlatformGrants.Project(i, d),
        BucketIamMemberItem i => PlatformGrants.Bucket(i, d),
        SubnetIamMemberItem i => PlatformGrants.Subnet(i, d),
        _ => throw new InvalidOperationException($"no translation for plan item kind {item.Kind} ({item.Name})"),
    };
}
