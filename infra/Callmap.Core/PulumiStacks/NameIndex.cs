namespace Callmap.PulumiStacks;

/// <summary>
/// Resources by type and by every name a reference may use (name, its last path segment, self link, id),
/// so that following references stays linear in the size of the stack.
/// </summary>
public sealed class NameIndex
{
    private readonly Dictionary<(string Type, string Name), PulumiResource> _byName = new();

    public NameIndex(IEnumerable<PulumiResource> resources)
    {
        foreach (var r in resources)
            foreach (var property in new[] { "name", "selfLink", "id" })
                if (r.Value(property) is { IsKnown: true } v)
                {
                    _byName.TryAdd((r.Type, v.Text!), r);
                    if (property == "name") _byName.TryAdd((r.Type, StackFactsBuilder.Short(v.Text!)), r);
                }
    }

    /// <summary>The resource of <paramref name="type"/> a reference names: exactly, or by the last segment of a name or self link.</summary>
    public PulumiResource? Find(string type, string reference) =>
        _byName.GetValueOrDefault((type, reference)) ?? _byName.GetValueOrDefault((type, StackFactsBuilder.Short(reference)));
}
