using System.Text.RegularExpressions;
using Callmap.Planning;
using Callmap.Tests.Support;

namespace Callmap.Tests.Planning;

public class AccountIdsTests
{
    private static readonly Regex GoogleAccountId = new("^[a-z][-a-z0-9]{4,28}[a-z0-9]$");

    [Theory]
    [InlineData("run", "api", "run-api")]
    [InlineData("fn", "a", "fn-a-sa")]
    [InlineData("fn", "legacy_export", "fn-legacy-export")]
    [InlineData("job", "nightly-reconcile", "job-nightly-reconcile")]
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
}
