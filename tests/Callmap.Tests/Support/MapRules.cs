using Callmap.Policies;
using Callmap.PulumiStacks;

namespace Callmap.Tests.Support;

/// <summary>The rules `check MAP` evaluates: every built-in rule but those only real resources can break.</summary>
public static class MapRules
{
    public static int Count => BuiltInRules.All.Count(r => StackRules.ResourceOnly.All(o => o.Id != r.Id));
}
