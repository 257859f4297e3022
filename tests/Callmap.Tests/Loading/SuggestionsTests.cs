using Callmap.Loading;
using FsCheck;
using FsCheck.Fluent;

namespace Callmap.Tests.Loading;

/// <summary>"Did you mean" stays cheap whatever is written: no distance matrix, no comparison of hopeless candidates.</summary>
public class SuggestionsTests
{
    [Fact]
    public void Forty_thousand_character_names_are_compared_in_a_few_kilobytes_not_gigabytes()
    {
        var written = new string('a', 40_000);
        var candidates = new[] { new string('a', 39_999) + "b", new string('b', 40_000), "api" };

        var before = GC.GetAllocatedBytesForCurrentThread();
        var match = Suggestions.Closest(written, candidates);
        var shortWritten = Suggestions.Closest("apj", candidates);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Null(match);
        Assert.Equal("api", shortWritten);
        Assert.True(allocated < 1_000_000, $"allocated {allocated:N0} bytes");
    }

    [Fact]
    public void The_distance_of_two_long_names_takes_three_rows_of_memory()
    {
        var (a, b) = (new string('x', 20_000) + "ab", new string('x', 20_000) + "ba");

        var before = GC.GetAllocatedBytesForCurrentThread();
        var distance = Suggestions.Distance(a, b);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(1, distance);
        Assert.True(allocated < 1_000_000, $"allocated {allocated:N0} bytes");
    }

    [Theory]
    [InlineData("imgae", "image", 1)]
    [InlineData("ordrs", "orders", 1)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("", "abc", 3)]
    [InlineData("ca", "abc", 3)]
    public void The_distance_counts_insertions_deletions_substitutions_and_swaps(string a, string b, int expected) =>
        Assert.Equal(expected, Suggestions.Distance(a, b));

    [Fact]
    public void With_a_limit_the_distance_is_exact_up_to_the_limit_and_above_it_beyond()
    {
        var words = Gen.Elements('a', 'b', 'c').ArrayOf().Select(c => new string(c));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), Prop.ForAll(
            (from a in words from b in words from limit in Gen.Choose(0, 6) select (a, b, limit)).ToArbitrary(),
            t =>
            {
                var exact = Suggestions.Distance(t.a, t.b);
                var bounded = Suggestions.Distance(t.a, t.b, t.limit);
                if (exact <= t.limit) Assert.Equal(exact, bounded);
                else Assert.True(bounded > t.limit);
            }));
    }

    [Fact]
    public void A_list_of_names_stops_at_twenty_and_says_how_many_more()
    {
        Assert.Equal("a, b", Suggestions.List(["a", "b"]));
        var list = Suggestions.List(Enumerable.Range(0, 5_000).Select(i => $"s{i}"));
        Assert.EndsWith("s18, s19 and 4,980 more", list);
        Assert.StartsWith("s0, s1, ", list);
    }
}
