namespace Callmap.Diagnostics;

/// <summary>A place in a map file. Line and column are 1-based, as editors and SARIF count them.</summary>
public readonly record struct SourceLocation(string File, int Line, int Column) : IComparable<SourceLocation>
{
    public int CompareTo(SourceLocation other)
    {
        var byFile = string.CompareOrdinal(File, other.File);
        if (byFile != 0) return byFile;
        var byLine = Line.CompareTo(other.Line);
        return byLine != 0 ? byLine : Column.CompareTo(other.Column);
    }

    public override string ToString() => $"{File}:{Line}:{Column}";
}
