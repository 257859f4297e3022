using Callmap.Model;

namespace Callmap.Planning;

/// <summary>
/// The grants the platform needs besides the map's edges: the function build account, Eventarc's
/// project-level roles, and Cloud Run's use of a Shared VPC subnet. Project-level grants come only from
/// <see cref="ProjectGrantExceptions"/>; everything else is granted on one resource.
/// </summary>
public sealed partial class Planner
{
    private ServiceAccountItem? _buildAccount;
    private readonly List<string> _buildGrants = [];
    private string? _storageAgentGrant;
    private string? _subnetGrant;

    /// <summary>One build account for the project's functions: the documented roles, the source buckets only.</summary>
    private void FunctionBuildAccount()
    {
        if (!FunctionBuild.Needed(_map)) return;
        var functions = _map.Services.Where(s => s.IsFunction).ToList();
        var at = functions[0].At;
        var account = _buildAccount = Account(FunctionBuild.AccountId, FunctionBuild.AccountId, "the builds of this project's functions (Cloud Build)", at);
        foreach (var exception in FunctionBuild.ProjectExceptions)
            _buildGrants.Add(ProjectGrant(exception, account.Member, account.AccountId, account.AccountId, MemberSource.Plan, at, [account.Name]).Name);
        foreach (var bucket in functions.GroupBy(f => f.Code!.SourceBucket).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var grant = Add(new BucketIamMemberItem(ItemNames.BucketGrant(bucket.Key, account.AccountId), [ItemNames.Api(Apis.Storage), account.Name],
                bucket.First().At, FunctionBuild.SourceReaderRole, account.Member, account.AccountId, bucket.Key, bucket.Key));
            _buildGrants.Add(grant.Name);
        }
    }

    /// <summary>What a function waits for: its build account and every grant the build needs.</summary>
    private IEnumerable<string> BuildDependencies(Workload w) =>
        w.IsFunction && _buildAccount is { } account ? [account.Name, .. _buildGrants] : [];

    private string? BuildServiceAccountOf(Workload w) =>
        w.IsFunction && _buildAccount is { } account ? FunctionBuild.ResourceName(_map.Project.Value, account.Email) : null;

    /// <summary>
    /// The trigger's account receives events (not needed for Pub/Sub direct events, per
    /// https://cloud.google.com/eventarc/docs/roles-permissions); Cloud Storage events also need the
    /// Storage service agent to publish, once per project. The trigger waits for both.
    /// </summary>
    private IEnumerable<string> EventarcGrants(Caller caller, EventarcSettings e, ServiceAccountItem account)
    {
        if (e.EventType != EventarcEvents.PubSubMessagePublished)
            yield return ProjectGrant(ProjectGrantExceptions.EventarcEventReceiver, account.Member, caller.Key, account.AccountId, MemberSource.Plan,
                caller.At, [account.Name]).Name;
        if (!e.IsStorageEvent) yield break;
        _storageAgentGrant ??= ProjectGrant(ProjectGrantExceptions.StorageAgentPublishesEvents, ServiceAgents.StorageMember(_map.ProjectNumber.Value),
            "cloud-storage-service-agent", null, MemberSource.StorageServiceAgent, caller.At, [ItemNames.Api(Apis.Storage)]).Name;
        yield return _storageAgentGrant;
    }

    private ProjectIamMemberItem ProjectGrant(string exception, string member, string caller, string? accountId, MemberSource from,
        Diagnostics.SourceLocation at, IReadOnlyList<string> alsoAfter)
    {
        var rule = ProjectGrantExceptions.Get(exception);
        return Add(new ProjectIamMemberItem(ItemNames.ProjectGrant(exception, accountId), [ItemNames.Api(Apis.ResourceManager), .. alsoAfter], at,
            rule.Role, member, caller, _map.Project.Value, _map.Project.Value, rule.Id, from));
    }

    /// <summary>
    /// Direct VPC egress with full resource names; on a Shared VPC, Cloud Run's service agent gets
    /// roles/compute.networkUser on the host's subnet (https://cloud.google.com/run/docs/configuring/shared-vpc-direct-vpc)
    /// unless the map says the network team grants it. The service waits for that grant.
    /// </summary>
    private DirectVpcEgress? VpcEgressOf(Workload w)
    {
        if (!VpcEgress.Has(_index, w)) return null;
        var network = _map.Network!;
        if (network.IsShared && network.HostGrant == SubnetGrant.Callmap && _subnetGrant is null)
            _subnetGrant = Add(new SubnetIamMemberItem(ItemNames.SubnetGrant(network.HostProject!, network.Subnet), [ItemNames.Api(Apis.Run)], network.At,
                VpcEgress.SubnetUserRole, ServiceAgents.CloudRunMember(_map.ProjectNumber.Value), VpcEgress.CloudRunAgentCaller, network.Subnet,
                network.HostProject!, _map.Region.Value, network.Subnet)).Name;
        return VpcEgress.For(_map);
    }

    private IEnumerable<string> VpcDependencies(Workload w) =>
        _subnetGrant is { } grant && VpcEgress.Has(_index, w) ? [grant] : [];
}
