namespace Callmap.Tests.Support;

/// <summary>A fact that needs ../shared/gcp/iam-roles.json and is skipped, saying why, where it is absent.</summary>
public sealed class SharedRolesFactAttribute : FactAttribute
{
    public SharedRolesFactAttribute()
    {
        if (!File.Exists(RepoPaths.SharedRoles))
            Skip = $"{RepoPaths.SharedRoles} is absent: the shared role dataset is only checked where it is present (CI has it)";
    }
}
