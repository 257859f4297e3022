namespace Callmap.PulumiStacks;

/// <summary>What kind of thing runs code and is invoked: the four serverless resources of the gcp provider.</summary>
public enum WorkloadKind { CloudRunV2, CloudRunV1, FunctionGen1, FunctionGen2 }

/// <summary>How an IAM resource treats grants it does not name: adds to them (member) or replaces them (binding: per role; policy: all).</summary>
public enum GrantMode { Member, Binding, Policy }

/// <summary>What a grant is on.</summary>
public enum GrantTarget { CloudRun, FunctionGen1, FunctionGen2, Project, IapBackend }

/// <summary>
/// A Cloud Run service or function, normalised: physical name, ingress in one vocabulary (all, internal,
/// internal-and-load-balancer), whether the invoker check is off, and the runtime account (the default
/// account Google uses when none is set).
/// </summary>
public sealed record StackWorkload(PulumiResource Resource, WorkloadKind Kind, StackValue Name, StackValue Ingress, StackValue InvokerCheckOff,
    StackValue RuntimeAccount, bool RuntimeAccountIsDefault, string? RuntimeAccountUrn);

/// <summary>One role held by one member on one target; a binding or policy yields one per member. Unknown parts stay unknown.</summary>
public sealed record StackGrant(PulumiResource Resource, GrantMode Mode, GrantTarget Target, StackValue TargetName, StackValue Role, StackValue Member);

/// <summary>A backend service of a load balancer, the workloads behind it (through serverless NEGs) and its Cloud Armor policy.</summary>
public sealed record StackBackend(PulumiResource Resource, bool External, IReadOnlyList<StackWorkload> Workloads, bool WorkloadsUnknown,
    StackSecurityPolicy? Armor, StackValue ArmorReference);

/// <summary>A Cloud Armor policy: whether any rule limits rates, the WAF rule sets its expressions name, and the default rule's action.</summary>
public sealed record StackSecurityPolicy(PulumiResource Resource, StackValue Name, bool Unknown, bool HasRateLimit, IReadOnlyList<string> Expressions, StackValue DefaultAction);

/// <summary>An HTTPS proxy and the minimum TLS version its SSL policy allows (Google's default policy allows TLS 1.0).</summary>
public sealed record StackHttpsListener(PulumiResource Resource, StackValue MinTlsVersion, PulumiResource? SslPolicy);

/// <summary>A plain HTTP proxy, and whether its URL map only redirects to HTTPS.</summary>
public sealed record StackHttpListener(PulumiResource Resource, bool? OnlyRedirects);

/// <summary>Everything the rules judge about one stack, read from a preview or a state export.</summary>
public sealed record StackFacts(
    string File,
    PulumiDocument Document,
    IReadOnlyList<PulumiResource> Resources,
    IReadOnlyList<StackWorkload> Workloads,
    IReadOnlyList<StackGrant> Grants,
    IReadOnlyList<StackBackend> Backends,
    IReadOnlyList<StackHttpsListener> HttpsListeners,
    IReadOnlyList<StackHttpListener> HttpListeners,
    IReadOnlyList<PulumiResource> Keys,
    IReadOnlyList<string> BlockingFunctionUris)
{
    /// <summary>Why a value cannot be judged: a preview does not know it yet; a state export that lacks it is incomplete.</summary>
    public string Unknowable => Document == PulumiDocument.State ? "cannot judge" : "cannot judge until apply";
}
