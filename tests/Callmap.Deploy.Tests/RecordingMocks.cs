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
public sealed class RecordingMocks(string projectNumber = "123456789012") : IMocks
{
    public const string LoadBalancerIp = "203.0.113.10";

    /// <summary>The version number Google gives the first version of a secret.</summary>
    public const string SecretVersion = "1";

    /// <summary>Service agents' documented address (cloud.google.com/iam/docs/service-agents): service-PROJECT_NUMBER@gcp-sa-SERVICE.iam.gserviceaccount.com.</summary>
    private string AgentMember(string service) => $"serviceAccount:service-{projectNumber}@gcp-sa-{service.Split('.')[0]}.iam.gserviceaccount.com";

    public ConcurrentQueue<Registered> Resources { get; } = new();

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

    /// <summary>The functions the program calls, in order.</summary>
    public ConcurrentQueue<string> Calls { get; } = new();

    /// <summary>The one function the program calls: the real project's number, which the mocks say is <c>projectNumber</c>.</summary>
    public Task<object> CallAsync(MockCallArgs args)
    {
        Calls.Enqueue(args.Token!);
        return args.Token == "gcp:organizations/getProject:getProject"
            ? Task.FromResult<object>(ImmutableDictionary<string, object>.Empty.Add("number", projectNumber).Add("projectId", args.Args["projectId"]))
            : throw new InvalidOperationException($"the program calls only getProject, but called {args.Token}");
    }
}
