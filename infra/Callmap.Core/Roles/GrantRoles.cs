namespace Callmap.Roles;

/// <summary>
/// The one place that decides which role each kind of grant uses: the smallest predefined role that
/// holds the one permission the grant exists for (gcp-facts.md § Who Cloud Run lets in).
/// </summary>
public static class GrantRoles
{
    /// <summary>What Cloud Run's invoker check tests; also the check for 2nd gen functions.</summary>
    public const string RunInvokePermission = "run.routes.invoke";

    /// <summary>What a 1st gen function's invoker check tests.</summary>
    public const string FunctionInvokePermission = "cloudfunctions.functions.invoke";

    /// <summary>What reading a Secret Manager secret's value needs.</summary>
    public const string SecretAccessPermission = "secretmanager.versions.access";

    /// <summary>roles/run.servicesInvoker: only run.routes.invoke, where roles/run.invoker also runs jobs.</summary>
    /// <summary>What adding a task to a Cloud Tasks queue needs.</summary>
    public const string TaskCreatePermission = "cloudtasks.tasks.create";

    public static string RunInvoker { get; } = RoleCatalog.Shipped.SmallestRoleWith(RunInvokePermission);

    public static string FunctionInvoker { get; } = RoleCatalog.Shipped.SmallestRoleWith(FunctionInvokePermission);

    public static string SecretAccessor { get; } = RoleCatalog.Shipped.SmallestRoleWith(SecretAccessPermission);

    public static string TasksEnqueuer { get; } = RoleCatalog.Shipped.SmallestRoleWith(TaskCreatePermission);
}
