using System.Collections.Concurrent;
using System.Collections.Immutable;
using Pulumi;
using Pulumi.Testing;

namespace Callmap.Deploy.Tests;

/// <summary>One resource as the engine saw it registered: its type token, logical name and inputs (wire names).</summary>
public sealed record Registered(string Type, string Name, ImmutableDictionary<string, object> Inputs);

/// <summary>One provider function the program invoked (a data source such as <c>getProject</c>), with its arguments.</summary>
public sealed record Invoked(string Token, ImmutableDictionary<string, object> Args);

/// <summary>
/// Pulumi's mock engine hooks. Every registration and every invoke is recorded.
/// <para>
/// In an update each resource gets the id "NAME-id" and echoes its inputs as its state, and the load
/// balancer's address gets a documentation-range IP. In a preview (<see cref="Preview"/>) nothing exists
/// yet, as in a real <c>pulumi preview</c> of a new stack: no id (the SDK makes it unknown) and only the
/// inputs as state, so every output the provider computes (an address, a URI, a member) stays unknown.
/// </para>
/// <para>
/// Invokes: <c>gcp:organizations/getProject:getProject</c> answers with the project's number:
/// <see cref="ProjectNumber"/> when set, otherwise the <c>projectNumber</c> of the shipped map whose
/// <c>project</c> is asked for (the provider's <c>gcp:project</c> when the call names none), so the shipped
/// stacks pass and a test can make the real project disagree with its map. Any other invoke fails the run
/// rather than get an invented answer.
/// </para>
/// </summary>
public sealed class RecordingMocks(bool preview = false) : IMocks
{
    public const string LoadBalancerIp = "203.0.113.10";
    public const string GetProjectToken = "gcp:organizations/getProject:getProject";

    public bool Preview { get; } = preview;

    /// <summary>The number getProject answers for any project; null: the shipped map's number for that project.</summary>
    public string? ProjectNumber { get; init; }

    public ConcurrentQueue<Registered> Resources { get; } = new();

    public ConcurrentQueue<Invoked> Calls { get; } = new();

    public Task<(string? id, object state)> NewResourceAsync(MockResourceArgs args)
    {
        Resources.Enqueue(new Registered(args.Type!, args.Name!, args.Inputs));
        if (Preview) return Task.FromResult<(string?, object)>((null, args.Inputs));
        var state = args.Type == "gcp:compute/globalAddress:GlobalAddress" ? args.Inputs.SetItem("address", LoadBalancerIp) : args.Inputs;
        return Task.FromResult<(string?, object)>(($"{args.Name}-id", state));
    }

    public Task<object> CallAsync(MockCallArgs args)
    {
        Calls.Enqueue(new Invoked(args.Token!, args.Args));
        if (args.Token != GetProjectToken)
            throw new InvalidOperationException($"the mocks answer only {GetProjectToken}, but the program called {args.Token}");

        // The provider's own project (gcp:project) when the call names none, as the provider does.
        var projectId = args.Args.TryGetValue("projectId", out var asked) ? (string)asked : new Config("gcp").Require("project");
        var number = ProjectNumber ?? ShippedStack.ProjectNumberOf(projectId)
            ?? throw new InvalidOperationException($"getProject asked for '{projectId}', which no shipped map names: set RecordingMocks.ProjectNumber");
        return Task.FromResult<object>(ImmutableDictionary<string, object>.Empty
            .Add("id", $"projects/{projectId}")
            .Add("projectId", projectId)
            .Add("name", projectId)
            .Add("number", number));
    }
}
