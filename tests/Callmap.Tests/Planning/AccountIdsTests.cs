using System.Text.RegularExpressions;
using Callmap.Planning;
using Callmap.Tests.Support;
using FsCheck;
using FsCheck.Fluent;

namespace Callmap.Tests.Planning;

public class AccountIdsTests
{
    private static readonly Regex GoogleAccountId = new("^[a-z][-a-z0-9]{4,28}[a-z0-9]$");

    [Theory]
    [InlineData("run", "api", "run-api")]
    [InlineData("fn", "a", "fn-a-sa")]
    [InlineData("fn", "legacy_export", "fn-legacy-export")]
    [InlineData("job", "nightly-reconcile", "job-nightly-reconcile")]
    [InlineData("fn", "abcd_", "fn-abcd")]
    [InlineData("fn", "a_", "fn-a-sa")]
    public void Ids_are_the_kind_and_the_name_padded_to_googles_minimum(string prefix, string name, string expected)
    {
        Assert.Equal(expected, AccountIds.Derive(prefix, name));
        Assert.Matches(GoogleAccountId, expected);
    }

    [Fact]
    public void Long_names_are_cut_to_30_characters_with_a_stable_hash_that_tells_similar_names_apart()
    {
        var first = AccountIds.Derive("run", "order-fulfilment-notification-eu");
        var second = AccountIds.Derive("run", "order-fulfilment-notification-us");

        Assert.Equal(30, first.Length);
        Assert.Matches(GoogleAccountId, first);
        Assert.Matches(GoogleAccountId, second);
        Assert.NotEqual(first, second);
        Assert.StartsWith("run-order-fulfilment-no", first);
        Assert.Equal(first, AccountIds.Derive("run", "order-fulfilment-notification-eu"));
    }

    [Fact]
    public void Two_workloads_that_would_share_an_account_are_an_error_naming_both()
    {
        var errors = Maps.Errors(Maps.Header + """
            services:
              my_fn: { function: { generation: 1, runtime: nodejs22, entryPoint: a, source: gs://src/a.zip } }
              my-fn: { function: { runtime: nodejs22, entryPoint: b, source: gs://src/b.zip } }
            """);

        var error = Assert.Single(errors);
        Assert.Equal("account-id-collision", error.Code);
        Assert.Equal(6, error.At.Line);
        Assert.Contains("'my_fn'", error.Message);
        Assert.Contains("fn-my-fn", error.Message);
    }

    /// <summary>Gen1 function names may hold '_' and end with it; names of created callers and services are
    /// validated elsewhere, but the id rule must hold whatever reaches it.</summary>
    [Fact]
    public void Every_derived_id_matches_googles_account_id_rule_whatever_the_name() =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(1000), Prop.ForAll(
            (from prefix in Gen.Elements("run", "fn", "job", "push", "trigger", "tasks")
             from name in Gen.Elements('a', 'z', 'A', '0', '9', '-', '_', '.', 'é').ListOf().Select(cs => string.Concat(cs))
             select (prefix, name)).ToArbitrary(),
            pair => Assert.Matches(GoogleAccountId, AccountIds.Derive(pair.prefix, pair.name))));
}
