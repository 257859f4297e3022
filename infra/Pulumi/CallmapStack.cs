using Callmap.Stacks;
using Pulumi;

namespace Callmap.Deploy;

/// <summary>
/// The program's entry, shared by <c>Program.cs</c> (<c>Deployment.RunAsync</c>) and the tests
/// (<c>Deployment.TestAsync</c>), so that what the tests run under the mock engine is exactly what
/// <c>pulumi preview</c> and <c>pulumi up</c> run: read the stack's settings from Pulumi's config, pass
/// the core's gate, then declare the plan. Asynchronous because the gate will ask the provider about
/// the real project before anything is registered.
/// </summary>
public static class CallmapStack
{
    public static Task<IDictionary<string, object?>> RunAsync()
    {
        var callmap = new Config(StackSettings.ConfigNamespace);
        var gcp = new Config("gcp");
        var settings = new StackSettings(
            Deployment.Instance.RootDirectory,
            Deployment.Instance.StackName,
            gcp.Get("project"),
            gcp.Get("region"),
            callmap.Get("map"),
            callmap.GetObject<string[]>("policies") ?? [],
            callmap.Get("roles"));
        return CallmapProgram.Run(settings, key => callmap.RequireSecret(key));
    }
}
