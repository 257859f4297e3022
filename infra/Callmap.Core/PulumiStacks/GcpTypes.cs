namespace Callmap.PulumiStacks;

/// <summary>
/// The type tokens of the gcp provider that callmap judges (pulumi/pulumi-gcp, as in
/// ../shared/docs/gcp-facts.md), and the property that names each IAM resource's target.
/// </summary>
public static class GcpTypes
{
    public const string RunV2Service = "gcp:cloudrunv2/service:Service";
    public const string RunV1Service = "gcp:cloudrun/service:Service";
    public const string FunctionGen1 = "gcp:cloudfunctions/function:Function";
    public const string FunctionGen2 = "gcp:cloudfunctionsv2/function:Function";
    public const string ServiceAccount = "gcp:serviceaccount/account:Account";
    public const string ServiceAccountKey = "gcp:serviceaccount/key:Key";
    public const string BackendService = "gcp:compute/backendService:BackendService";
    public const string ServerlessNeg = "gcp:compute/regionNetworkEndpointGroup:RegionNetworkEndpointGroup";
    public const string SecurityPolicy = "gcp:compute/securityPolicy:SecurityPolicy";
    public const string SslPolicy = "gcp:compute/sSLPolicy:SSLPolicy";
    public const string TargetHttpsProxy = "gcp:compute/targetHttpsProxy:TargetHttpsProxy";
    public const string TargetHttpProxy = "gcp:compute/targetHttpProxy:TargetHttpProxy";
    public const string UrlMap = "gcp:compute/uRLMap:URLMap";
    public const string IdentityPlatformConfig = "gcp:identityplatform/config:Config";

    /// <summary>IAM resource type → (what it grants on, how it treats other grants, the property naming the target).</summary>
    public static IReadOnlyDictionary<string, (GrantTarget Target, GrantMode Mode, string TargetProperty)> Iam { get; } =
        new Dictionary<string, (GrantTarget, GrantMode, string)>(StringComparer.Ordinal)
        {
            ["gcp:cloudrunv2/serviceIamMember:ServiceIamMember"] = (GrantTarget.CloudRun, GrantMode.Member, "name"),
            ["gcp:cloudrunv2/serviceIamBinding:ServiceIamBinding"] = (GrantTarget.CloudRun, GrantMode.Binding, "name"),
            ["gcp:cloudrunv2/serviceIamPolicy:ServiceIamPolicy"] = (GrantTarget.CloudRun, GrantMode.Policy, "name"),
            ["gcp:cloudrun/iamMember:IamMember"] = (GrantTarget.CloudRun, GrantMode.Member, "service"),
            ["gcp:cloudrun/iamBinding:IamBinding"] = (GrantTarget.CloudRun, GrantMode.Binding, "service"),
            ["gcp:cloudrun/iamPolicy:IamPolicy"] = (GrantTarget.CloudRun, GrantMode.Policy, "service"),
            ["gcp:cloudfunctions/functionIamMember:FunctionIamMember"] = (GrantTarget.FunctionGen1, GrantMode.Member, "cloudFunction"),
            ["gcp:cloudfunctions/functionIamBinding:FunctionIamBinding"] = (GrantTarget.FunctionGen1, GrantMode.Binding, "cloudFunction"),
            ["gcp:cloudfunctions/functionIamPolicy:FunctionIamPolicy"] = (GrantTarget.FunctionGen1, GrantMode.Policy, "cloudFunction"),
            ["gcp:cloudfunctionsv2/functionIamMember:FunctionIamMember"] = (GrantTarget.FunctionGen2, GrantMode.Member, "cloudFunction"),
            ["gcp:cloudfunctionsv2/functionIamBinding:FunctionIamBinding"] = (GrantTarget.FunctionGen2, GrantMode.Binding, "cloudFunction"),
            ["gcp:cloudfunctionsv2/functionIamPolicy:FunctionIamPolicy"] = (GrantTarget.FunctionGen2, GrantMode.Policy, "cloudFunction"),
            ["gcp:iap/webBackendServiceIamMember:WebBackendServiceIamMember"] = (GrantTarget.IapBackend, GrantMode.Member, "webBackendService"),
            ["gcp:iap/webBackendServiceIamBinding:WebBackendServiceIamBinding"] = (GrantTarget.IapBackend, GrantMode.Binding, "webBackendService"),
            ["gcp:iap/webBackendServiceIamPolicy:WebBackendServiceIamPolicy"] = (GrantTarget.IapBackend, GrantMode.Policy, "webBackendService"),
            ["gcp:projects/iAMMember:IAMMember"] = (GrantTarget.Project, GrantMode.Member, "project"),
            ["gcp:projects/iAMBinding:IAMBinding"] = (GrantTarget.Project, GrantMode.Binding, "project"),
            ["gcp:projects/iAMPolicy:IAMPolicy"] = (GrantTarget.Project, GrantMode.Policy, "project"),
        };
}
