namespace Callmap.Deploy.Tests;

/// <summary>
/// One resource registration exactly as the engine receives it (Pulumi's <c>RegisterResourceRequest</c>),
/// with URNs turned back into logical names.
/// </summary>
/// <param name="Dependencies">
/// Everything the engine orders this resource after: the SDK sends one list, the union of the explicit
/// <c>DependsOn</c> and every resource an input refers to (an id, a URL, a member), so this is what a
/// deploy actually waits for.
/// </param>
/// <param name="PropertyDependencies">Per input (wire name), the resources its value refers to.</param>
/// <param name="Protect">Pulumi's <c>protect</c> option; null when the program did not set it.</param>
/// <param name="DeleteBeforeReplace">Pulumi's <c>deleteBeforeReplace</c> option; null when the program did not set it.</param>
/// <param name="RetainOnDelete">Pulumi's <c>retainOnDelete</c> option; null when the program did not set it.</param>
/// <param name="ReplaceOnChanges">Pulumi's <c>replaceOnChanges</c> option (input paths).</param>
/// <param name="IgnoreChanges">Pulumi's <c>ignoreChanges</c> option (input paths).</param>
/// <param name="SecretInputs">The top-level inputs whose value is, or contains, a Pulumi secret.</param>
public sealed record EngineRegistration(
    string Type,
    string Name,
    IReadOnlySet<string> Dependencies,
    IReadOnlyDictionary<string, IReadOnlySet<string>> PropertyDependencies,
    bool? Protect,
    bool? DeleteBeforeReplace,
    bool? RetainOnDelete,
    IReadOnlyList<string> ReplaceOnChanges,
    IReadOnlyList<string> IgnoreChanges,
    IReadOnlySet<string> SecretInputs);
