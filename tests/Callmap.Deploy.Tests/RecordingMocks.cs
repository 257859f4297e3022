using System.Collections.Concurrent;
using System.Collections.Immutable;
using Pulumi.Testing;

namespace Callmap.Deploy.Tests;

/// <summary>One resource as the engine saw it registered: its type token, logical name and inputs (wire names).</summary>
public sealed record Registered(string Type, string Name, ImmutableDictionary<string, object> Inputs);

/// <summary>
/// Pulumi's mock engine hooks: every registration is recorded; each resource gets the id "NAME-id" and
/// echoes its inputs as its state; the load balancer's address gets a documentation-range IP.
/// </summary>
public sealed class RecordingMocks : IMocks
{
    public const string LoadBalancerIp = "203.0.113.10";

    /// <summary>The version number Google gives the first version of a secret.</summary>
    public const string SecretVersion = "1";

    /// <summary>Service agents' documented address (cloud.google.com/iam/docs/service-agents): service-PROJECT_NUMBER@gcp-sa-SERVICE.iam.gserviceaccount.com.</summary>
    private string AgentMember(string service) => $"serviceAccount:service-{ProjectNumber}@gcp-sa-{service.Split('.')[0]}.iam.gserviceaccount.com";

    public ConcurrentQueue<Registered> Resources { get; } = new();

    /// <summary>The provider functions the program called, with their arguments.</summary>
    public ConcurrentQueue<(string Token, ImmutableDictionary<string, object> Args)> Calls { get; } = new();

    /// <summary>
    /// What Storage's getProjectServiceAccount answers as the agent's member; by default the form Google
    /// documents (https://cloud.google.com/storage/docs/projects#service-accounts) for <see cref="ProjectNumber"/>.
    /// </summary>
    public string? StorageAgentMember { get; init; }

    public string ProjectNumber { get; init; } = "123456789012";

    public const string GetProjectToken = "gcp:organizations/getProject:getProject";

    public const string StorageServiceAccountToken = "gcp:storage/getProjectServiceAccount:getProjectServiceAccount";

    public Task<(string? id, object state)> NewResourceAsync(MockResourceArgs args)
    {
        Resources.Enqueue(new Registered(args.Type!, args.Name!, args.Inputs));
        var state = args.Type switch
        {
            "gcp:compute/globalAddress:GlobalAddress" => args.Inputs.SetItem("address", LoadBalancerIp),
            "gcp:projects/serviceIdentity:ServiceIdentity" => args.Inputs.SetItem("member", AgentMember((string)args.Inputs["service"])),
            "gcp:secretmanager/secretVersion:SecretVersion" => args.Inputs.SetItem("version", SecretVersion),
            _ => args.Inputs,
        };
        return Task.FromResult<(string?, object)>(($"{args.Name}-id", state));
    }

    /// <summary>
    /// The functions the program calls: the real project's number (getProject answers <see cref="ProjectNumber"/>)
    /// and Storage's service agent.
    /// </summary>
    public Task<object> CallAsync(MockCallArgs args)
    {
        Calls.Enqueue((args.Token!, args.Args));
        if (args.Token == GetProjectToken)
            return Task.FromResult<object>(ImmutableDictionary<string, object>.Empty.Add("number", ProjectNumber).Add("projectId", args.Args["projectId"]));
        if (args.Token != StorageServiceAccountToken)
            throw new InvalidOperationException($"the program calls only getProject and Storage's getProjectServiceAccount, but called {args.Token}");
        var email = $"service-{ProjectNumber}@gs-project-accounts.iam.gserviceaccount.com";
        var member = StorageAgentMember ?? $"serviceAccount:{email}";
        return Task.FromResult<object>(ImmutableDictionary<string, object>.Empty
            .Add("emailAddress", member["serviceAccount:".Length..]).Add("member", member).Add("id", email)
            .Add("project", args.Args.TryGetValue("project", out var project) ? project : ""));
    }
}
