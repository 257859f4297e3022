namespace Callmap.Diagnostics;

/// <summary>Collects every problem so that the user sees all of them at once, sorted by location.</summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];

    public bool HasErrors => _items.Count > 0;

    public void Add(string code, SourceLocation at, string message, string fix) =>
        _items.Add(new Diagnostic(code, at, message, fix));

    public void AddRange(IEnumerable<Diagnostic> diagnostics) => _items.AddRange(diagnostics);

    /// <summary>Sorted by file, line, column; ties keep the order they were found in.</summary>
    public IReadOnlyList<Diagnostic> Sorted() =>
        _items.Select((d, i) => (d, i)).OrderBy(p => p.d.At).ThenBy(p => p.i).Select(p => p.d).ToList();
}
