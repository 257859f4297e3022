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
/// In an update each resource gets the id "NAME-id" and echoes its inputs as its state; the outputs the
/// program reads get what Google documents: the load balancer's address a documentation-range IP, a
/// service identity the agent's address (cloud.google.com/iam/docs/service-agents), a secret version the
/// number Google gives a first version. In a preview (<see cref="Preview"/>) nothing exists yet, as in a
/// real <c>pulumi preview</c> of a new stack: no id (the SDK makes it unknown) and only the inputs as
/// state, so every output the provider computes (an address, a URI, a member) stays unknown.
/// </para>
/// <para>
/// Invokes: <c>getProject</c> answers with the project's number and Storage's
/// <c>getProjectServiceAccount</c> with its agent's documented address
/// (cloud.google.com/storage/docs/projects#service-accounts), for <see cref="ProjectNumber"/> when set,
/// otherwise the <c>projectNumber</c> of the shipped map whose <c>project</c> is asked for (the provider's
/// <c>gcp:project</c> when the call names none), so the shipped stacks pass and a test can make the real
/// project disagree with its map. Any other invoke fails the run rather than get an invented answer.
/// </para>
/// </summary>
public sealed class RecordingMocks(bool preview = false) : IMocks
{
    public const string LoadBalancerIp = "203.0.113.10";
    public const string GetProjectToken = "gcp:organizations/getProject:getProject";
    public const string StorageServiceAccountToken = "gcp:storage/getProjectServiceAccount:getProjectServiceAccount";

    /// <summary>The version number Google gives the first version of a secret.</summary>
    public const string SecretVersion = "1";

    public bool Preview { get; } = preview;

    /// <summary>The number of every project the program asks about; null: the shipped map's number for that project.</summary>
    public string? ProjectNumber { get; init; }

    /// <summary>What Storage's getProjectServiceAccount answers as the agent's member; null: the documented form.</summary>
    public string? StorageAgentMember { get; init; }

    public ConcurrentQueue<Registered> Resources { get; } = new();

    public ConcurrentQueue<Invoked> Calls { get; } = new();

    public Task<(string? id, object state)> NewResourceAsync(MockResourceArgs args)
    {
        Resources.Enqueue(new Registered(args.Type!, args.Name!, args.Inputs));
        if (Preview) return Task.FromResult<(string?, object)>((null, args.Inputs));
        var state = args.Type switch
        {
            "gcp:compute/globalAddress:GlobalAddress" => args.Inputs.SetItem("address", LoadBalancerIp),
            "gcp:projects/serviceIdentity:ServiceIdentity" => args.Inputs.SetItem("member",
                $"serviceAccount:service-{NumberOf(null)}@gcp-sa-{((string)args.Inputs["service"]).Split('.')[0]}.iam.gserviceaccount.com"),
            "gcp:secretmanager/secretVersion:SecretVersion" => args.Inputs.SetItem("version", SecretVersion),
            _ => args.Inputs,
        };
        return Task.FromResult<(string?, object)>(($"{args.Name}-id", state));
    }

    public Task<object> CallAsync(MockCallArgs args)
    {
        Calls.Enqueue(new Invoked(args.Token!, args.Args));
        var projectId = args.Args.TryGetValue("projectId", out var asked) || args.Args.TryGetValue("project", out asked) ? (string)asked : null;
        var number = NumberOf(projectId);
        switch (args.Token)
        {
            case GetProjectToken:
                projectId ??= new Config("gcp").Require("project");
                return Task.FromResult<object>(ImmutableDictionary<string, object>.Empty
                    .Add("id", $"projects/{projectId}").Add("projectId", projectId).Add("name", projectId).Add("number", number));
            case StorageServiceAccountToken:
                var email = $"service-{number}@gs-project-accounts.iam.gserviceaccount.com";
                var member = StorageAgentMember ?? $"serviceAccount:{email}";
                return Task.FromResult<object>(ImmutableDictionary<string, object>.Empty
                    .Add("emailAddress", member["serviceAccount:".Length..]).Add("member", member).Add("id", email)
                    .Add("project", projectId ?? ""));
            default:
                throw new InvalidOperationException($"the mocks answer only {GetProjectToken} and {StorageServiceAccountToken}, but the program called {args.Token}");
        }
    }

    /// <summary>The provider's own project (gcp:project) when the call names none, as the provider does.</summary>
    private string NumberOf(string? projectId)
    {
        if (ProjectNumber is { } number) return number;
        projectId ??= new Config("gcp").Require("project");
        return ShippedStack.ProjectNumberOf(projectId)
            ?? throw new InvalidOperationException($"the program asked about project '{projectId}', which no shipped map names: set RecordingMocks.ProjectNumber");
    }
}
