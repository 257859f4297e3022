using Callmap.Deploy;
using Callmap.Stacks;
using Pulumi;

// pulumi preview / pulumi up: read the stack's settings, pass the core's gate, then declare the plan.
return await Deployment.RunAsync(() =>
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
});
