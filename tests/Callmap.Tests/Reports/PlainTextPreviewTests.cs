using System.Text;
using Callmap.Benchmarks;
using Callmap.Loading;
using Callmap.Planning;
using Callmap.Reports;
using Callmap.Reports.TextLayout;
using Callmap.Tests.Support;
using Spectre.Console;

namespace Callmap.Tests.Reports;

/// <summary>
/// Files, pipes and CI logs get the text preview from the plain layout, a terminal gets it from Spectre.Console:
/// a reviewer must read the same characters either way. Each case renders a plan both ways at one width,
/// Spectre without colour as it draws on a terminal that wide, and compares every character.
/// </summary>
public class PlainTextPreviewTests
{
    public static TheoryData<string, int> ShippedMapsAtTwoWidths()
    {
        var data = new TheoryData<string, int>();
        foreach (var file in Maps.GoodMapFiles())
            foreach (var width in new[] { 120, 60 })
                data.Add(RepoPaths.Relative(file), width);
        return data;
    }

    [Theory]
    [MemberData(nameof(ShippedMapsAtTwoWidths))]
    public void The_plain_preview_of_a_shipped_map_is_what_Spectre_draws_at_the_same_width(string map, int width)
    {
        var plan = Maps.PlanFile(Path.Combine(RepoPaths.Root, map));

        AssertSame(DrawnBySpectre(plan, width), TextPreview.Render(plan, width));
    }

    private static readonly Lazy<Plan> Plan200 = new(() =>
        Planner.Create(AccessMapLoader.Load("synthetic-200.yaml", SyntheticMap.Generate(200, 2_000)).Map!));

    [Theory]
    [InlineData(120)]
    [InlineData(60)]
    public void The_plain_preview_of_a_200_service_map_is_what_Spectre_draws_at_the_same_width(int width) =>
        AssertSame(DrawnBySpectre(Plan200.Value, width), TextPreview.Render(Plan200.Value, width));

    /// <summary>
    /// Values a map may hold that wrap unlike plain words: East Asian characters two columns wide, combining
    /// marks of none, tabs, no-break spaces, a word longer than the line, and trailing spaces that exactly
    /// overflow a line (where Spectre runs two lines together).
    /// </summary>
    private static readonly Lazy<Plan> AwkwardValues = new(() => Maps.Plan(Maps.Header + """
        services:
          orders:
            run:
              image: europe-west1-docker.pkg.dev/acme-shop-test/apps/orders:1.0.0
              env:
                WIDE: "日本語のテキストはとても長いです日本語のテキストはとても長いです日本語のテキストはとても長いです日本語のテキストはとても長いです"
                COMBINING: "e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301"
                TABS: "a\tb\tc a\tb\tc a\tb\tc a\tb\tc a\tb\tc a\tb\tc a\tb\tc a\tb\tc a\tb\tc a\tb\tc a\tb\tc a\tb\tc a\tb\tc a\tb\tc"
                NO_BREAK: "nbsp\u00a0nbsp\u00a0nbsp\u00a0nbsp\u00a0nbsp\u00a0nbsp\u00a0nbsp\u00a0nbsp\u00a0nbsp\u00a0nbsp\u00a0nbsp\u00a0nbsp\u00a0nbsp\u00a0nbsp\u00a0nbsp\u00a0nbsp\u00a0nbsp\u00a0\u00a0"
                LONG_WORD: "LLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLL"
                TRAILING: "word word word word word word word word word word word word word word word word word word word word   "
                EXACT: "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz "
          api:
            run: { image: europe-west1-docker.pkg.dev/acme-shop-test/apps/api:1.0.0 }
        callers:
          api: [orders]
          user:bob@acme.shop: [orders]
        """));

    [Theory]
    [InlineData(120)]
    [InlineData(116)]
    [InlineData(110)]
    [InlineData(60)]
    [InlineData(40)]
    [InlineData(25)]
    public void Values_with_wide_characters_tabs_and_trailing_spaces_wrap_as_Spectre_wraps_them(int width) =>
        AssertSame(DrawnBySpectre(AwkwardValues.Value, width), TextPreview.Render(AwkwardValues.Value, width));

    [Fact]
    public void Written_where_the_encoding_is_not_Unicode_the_plain_preview_is_still_what_Spectre_draws()
    {
        // Spectre draws some borders in ASCII for such a writer; the plain layout asks it which.
        var plan = Maps.PlanFile(Path.Combine(RepoPaths.Stacks, "prod.yaml"));
        var plain = new AsciiWriter();

        TextPreview.Write(plan, plain);

        AssertSame(DrawnBySpectre(plan, 120, new AsciiWriter()), plain.ToString());
    }

    [Fact]
    public void Every_character_takes_the_columns_Spectre_gives_it()
    {
        for (var c = '\0'; c < char.MaxValue; c++)
            if (CellWidth.Of(c) != new string(c, 1).GetCellWidth()) Assert.Fail($"U+{(int)c:X4} is {CellWidth.Of(c)} columns wide here, {new string(c, 1).GetCellWidth()} in Spectre");
        var printable = new string(Enumerable.Range(' ', '~' - ' ' + 1).Select(i => (char)i).ToArray());
        Assert.Equal(printable.GetCellWidth(), CellWidth.Of(printable));
    }

    /// <summary>What Spectre writes on a console of that width without colour, trailing spaces trimmed as in a file.</summary>
    private static string DrawnBySpectre(Plan plan, int width, StringWriter? output = null)
    {
        output ??= new StringWriter();
        using (var lines = new TrimmingLineWriter(output))
            TextPreview.Write(plan, SpectreLayout.PlainConsole(lines, width));
        return output.ToString();
    }

    private static void AssertSame(string spectre, string plain)
    {
        if (spectre == plain) return;
        var (a, b) = (spectre.Split('\n'), plain.Split('\n'));
        var line = 0;
        while (line < Math.Min(a.Length, b.Length) && a[line] == b[line]) line++;
        Assert.Fail($"the plain preview differs from Spectre's at line {line + 1}:\nSpectre: {a.ElementAtOrDefault(line) ?? "<end>"}\nplain:   {b.ElementAtOrDefault(line) ?? "<end>"}");
    }

    private sealed class AsciiWriter : StringWriter
    {
        public override Encoding Encoding => Encoding.ASCII;
    }
}
