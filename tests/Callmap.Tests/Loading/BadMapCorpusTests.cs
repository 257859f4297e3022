using Callmap.Loading;
using Callmap.Reports;
using Callmap.Tests.Support;

namespace Callmap.Tests.Loading;

/// <summary>One file per mistake under BadMaps/; the whole error text a user reads is a snapshot.</summary>
public class BadMapCorpusTests
{
    public static TheoryData<string> BadMaps() => new(Maps.BadMapFiles().Select(Path.GetFileNameWithoutExtension)!);

    [Theory]
    [MemberData(nameof(BadMaps))]
    public void A_bad_map_is_refused_with_located_errors_that_say_what_to_write(string name)
    {
        var path = Path.Combine(RepoPaths.Tests, "BadMaps", name + ".yaml");
        var result = AccessMapLoader.Load(RepoPaths.Relative(path), File.ReadAllBytes(path).AsSpan());

        Assert.False(result.Succeeded);
        Assert.NotEmpty(result.Diagnostics);
        Assert.All(result.Diagnostics, d => Assert.True(d.At.Line >= 1 && d.At.Column >= 1));
        Snapshot.Match(DiagnosticsReport.Render(result.Diagnostics), $"BadMaps/{name}");
    }

    [Fact]
    public void Every_bad_map_says_which_mistake_it_shows_and_whether_the_schema_catches_it()
    {
        Assert.True(Maps.BadMapFiles().Count() >= 25);
        foreach (var file in Maps.BadMapFiles())
        {
            var lines = File.ReadLines(file).Take(3).ToList();
            Assert.StartsWith("# yaml-language-server: $schema=", lines[0]);
            Assert.StartsWith("# mistake: ", lines[1]);
            Assert.Matches("^# schema: (rejects|accepts|unreadable)$", lines[2]);
        }
    }
}
