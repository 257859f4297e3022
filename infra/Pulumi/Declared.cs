using Callmap.Planning;
using Pulumi;

namespace Callmap.Deploy;

/// <summary>
/// The resources registered so far, by the plan's logical names, so that a translation can refer to
/// an earlier resource (a backend's NEG, a proxy's URL map) and carry the plan's dependencies over.
/// </summary>
internal sealed class Declared(Plan plan, IReadOnlyDictionary<string, Output<string>> secrets)
{
    private readonly Dictionary<string, CustomResource> _resources = new(StringComparer.Ordinal);

    public Plan Plan { get; } = plan;

    public void Add(PlanItem item, CustomResource resource) => _resources.Add(item.Name, resource);

    /// <summary>The Pulumi id of an earlier item: what Google's references (self links, relative names) accept.</summary>
    public Output<string> Id(string itemName) => _resources[itemName].Id;

    public T Get<T>(string itemName) where T : CustomResource => (T)_resources[itemName];

    public Output<string> Secret(string configKey) => secrets[configKey];

    /// <summary>A grant's member: the plan's, or the member output of the service identity the plan names.</summary>
    public Input<string> Member(GrantItem grant) =>
        grant.MemberOf is { } agent ? Get<Pulumi.Gcp.Projects.ServiceIdentity>(agent).Member : grant.Member;

    /// <summary>
    /// The item's own dependencies, exactly as the plan lists them, and the core's replacement strategy.
    /// Never Pulumi's protect: deletion protection is the provider's own field, which the plan sets.
    /// </summary>
    public CustomResourceOptions Options(PlanItem item) => new()
    {
        DependsOn = DependsOn(item),
        DeleteBeforeReplace = Replacement.DeleteBeforeReplace(item.Kind),
    };

    /// <summary>The resources an item waits for, as the plan lists them (also what an invoke made for it waits for).</summary>
    public List<Resource> DependsOn(PlanItem item) => item.DependsOn.Select(name => (Resource)_resources[name]).ToList();

    /// <summary>The load balancer's IP address once assigned, or null when nothing is public.</summary>
    public Output<string>? Address() =>
        Plan.OfType<GlobalAddressItem>().SingleOrDefault() is { } address ? Get<Pulumi.Gcp.Compute.GlobalAddress>(address.Name).Address : null;
}
