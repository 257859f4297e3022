namespace Callmap.Yaml;

/// <summary>
/// Takes the entries of some top-level sections while the document is still being read, so that each
/// entry's subtree is garbage as soon as it is bound: a 20,000-service map is never held as a tree of
/// millions of nodes next to the model made from it.
/// </summary>
public interface IYamlEntrySink
{
    /// <summary>Whether the entries of the mapping under this top-level key go to <see cref="Take"/>.</summary>
    bool Streams(string section);

    /// <summary>One entry of a streamed section, after the reader's own checks (a duplicate key never arrives).</summary>
    void Take(string section, YScalar key, YNode value);
}
