using Callmap.Diagnostics;

namespace Callmap.Model;

public enum WorkloadKind
{
    /// <summary>A Cloud Run service (v2 API).</summary>
    RunService,
    /// <summary>A Cloud Functions 2nd gen function: runs on, and is invoked through, a Cloud Run service.</summary>
    FunctionGen2,
    /// <summary>A Cloud Functions 1st gen function: has its own invoker role.</summary>
    FunctionGen1,
}

/// <summary>Where traffic may come from, in the map's words; the planner turns it into Google's enum.</summary>
public enum Ingress
{
    Internal,
    InternalAndLoadBalancer,
    All,
}

/// <summary>A service of the map: a Cloud Run service or a function. Each runs as its own service account.</summary>
public sealed record Workload(
    string Name,
    SourceLocation At,
    WorkloadKind Kind,
    Located<string>? Region,
    string? Image,
    FunctionCode? Code,
    IReadOnlyList<EnvVar> Env,
    IReadOnlyList<SecretEnvVar> Secrets,
    int? MinInstances,
    int? MaxInstances,
    string? Cpu,
    string? Memory,
    Located<Ingress>? Ingress,
    IReadOnlyList<Located<string>> CustomAudiences,
    bool DeletionProtection,
    PublicExposure? Public = null,
    bool InstanceBilling = false)
{
    public bool IsFunction => Kind is WorkloadKind.FunctionGen1 or WorkloadKind.FunctionGen2;
}

/// <summary>What a function runs: the runtime, the exported entry point and a zip in Cloud Storage.</summary>
public sealed record FunctionCode(string Runtime, string EntryPoint, string SourceBucket, string SourceObject);

public sealed record EnvVar(string Name, string Value, SourceLocation At);

/// <summary>An environment variable whose value is a secret. The map never holds the value itself.</summary>
public sealed record SecretEnvVar(string Name, SecretSource Source, SourceLocation At);

public abstract record SecretSource;

/// <summary>A Secret Manager secret of the project; the workload's account is granted access to this secret only.</summary>
public sealed record SecretManagerSecret(string Secret, string Version) : SecretSource;

/// <summary>A value set with <c>pulumi config set --secret KEY</c> in the stack.</summary>
public sealed record PulumiConfigSecret(string Key) : SecretSource;
