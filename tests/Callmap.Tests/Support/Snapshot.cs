namespace Callmap.Tests.Support;

/// <summary>
/// Snapshot assertions in Verify's file convention (NAME.verified.EXT beside the tests, NAME.received.EXT
/// written on a mismatch). Verify itself cannot be restored on the development machines (its core
/// package is missing from the NuGet copy), so this keeps the workflow: review the received file, and
/// accept it by running the tests with CALLMAP_ACCEPT_SNAPSHOTS=1.
/// </summary>
public static class Snapshot
{
    public static void Match(string actual, string name, string extension = "txt")
    {
        var folder = Path.Combine(RepoPaths.Tests, "Snapshots");
        var verified = Path.Combine(folder, $"{name}.verified.{extension}");
        var received = Path.Combine(folder, $"{name}.received.{extension}");
        actual = actual.ReplaceLineEndings("\n");
        Directory.CreateDirectory(Path.GetDirectoryName(verified)!);

        if (Environment.GetEnvironmentVariable("CALLMAP_ACCEPT_SNAPSHOTS") == "1")
        {
            File.WriteAllText(verified, actual);
            File.Delete(received);
            return;
        }
        var expected = File.Exists(verified) ? File.ReadAllText(verified).ReplaceLineEndings("\n") : null;
        if (expected == actual)
        {
            File.Delete(received);
            return;
        }
        File.WriteAllText(received, actual);
        Assert.Fail(expected is null
            ? $"No snapshot {RepoPaths.Relative(verified)} yet. Review {RepoPaths.Relative(received)} and accept it with CALLMAP_ACCEPT_SNAPSHOTS=1."
            : $"Output differs from {RepoPaths.Relative(verified)} at line {FirstDifferentLine(expected, actual)}. "
              + $"Compare with {RepoPaths.Relative(received)}; accept with CALLMAP_ACCEPT_SNAPSHOTS=1 if the change is intended.\n"
              + $"expected: {Line(expected, FirstDifferentLine(expected, actual))}\nactual:   {Line(actual, FirstDifferentLine(expected, actual))}");
    }

    private static int FirstDifferentLine(string a, string b)
    {
        var (la, lb) = (a.Split('\n'), b.Split('\n'));
        for (var i = 0; i < Math.Min(la.Length, lb.Length); i++)
            if (la[i] != lb[i]) return i + 1;
        return Math.Min(la.Length, lb.Length) + 1;
    }

    private static string Line(string text, int line) => text.Split('\n').ElementAtOrDefault(line - 1) ?? "<end of text>";
}
