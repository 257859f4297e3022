namespace Callmap.PulumiStacks;

/// <summary>
/// One property of a Pulumi resource as a rule sees it: a known text, missing (the provider's default
/// applies), or unknown until apply (Pulumi's unknown sentinel in a preview: the output of a resource not
/// created yet). Rules never treat unknown as a pass.
/// </summary>
public readonly record struct StackValue(string? Text, bool IsUnknown)
{
    /// <summary>What `pulumi preview --json` writes for a value only known after apply (pulumi/pulumi sdk/go/common/resource/plugin: UnknownStringValue).</summary>
    public const string UnknownSentinel = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

    public static StackValue Missing { get; } = new(null, false);

    public static StackValue Unknown { get; } = new(null, true);

    public static StackValue Of(string text) => text == UnknownSentinel ? Unknown : new(text, false);

    public bool IsKnown => !IsUnknown && Text is not null;

    public bool IsMissing => !IsUnknown && Text is null;

    /// <summary>The text, or the provider's default when the property is missing; still unknown when unknown.</summary>
    public StackValue Or(string fallback) => IsMissing ? new(fallback, false) : this;

    public override string ToString() => IsUnknown ? "(unknown until apply)" : Text ?? "(not set)";
}
