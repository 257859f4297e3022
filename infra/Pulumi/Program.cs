using Callmap.Deploy;
using Pulumi;

// pulumi preview / pulumi up: the whole program is CallmapStack.RunAsync, which the tests run too. A lambda
// rather than the method group, so that overload resolution keeps the stack outputs (Func<Task> would drop them).
return await Deployment.RunAsync(() => CallmapStack.RunAsync());
