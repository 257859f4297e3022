using Callmap.Loading;
using Callmap.Tests.Support;
using Callmap.Yaml;

namespace Callmap.Tests.Loading;

public class LoaderTests
{
    [Fact]
    public void All_problems_are_reported_at_once_sorted_by_line_and_column()
    {
        var errors = Maps.Errors("""
            project: acme-shop-test
            projectNumber: "123456789012"
            region: europe-west1
            services:
              api: { run: { image: europe-west1-docker.pkg.dev/p/apps/api:1, minInstances: many } }
              orders: { run: { imgae: x } }
            callers:
              api: [payments]
              allUsers: [api]
            """);

        // The missing image is reported at its mapping's opening brace, left of the misspelt key.
        Assert.Equal(["wrong-type", "missing-key", "unknown-key", "unknown-service", "public-member"], errors.Select(e => e.Code));
        Assert.Equal(errors.OrderBy(e => e.At).ToList(), errors);
        Assert.All(errors, e => Assert.Equal("test.yaml", e.At.File));
        Assert.All(errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Fix)));
    }

    [Fact]
    public void A_misspelt_key_suggests_the_key_that_was_meant()
    {
        var error = Assert.Single(Maps.Errors(Maps.Header + "services:\n  api: { run: { image: europe-west1-docker.pkg.dev/p/a:1, maxInstance: 3 } }\n"),
            e => e.Code == "unknown-key");

        Assert.Contains("'maxInstance'", error.Message);
        Assert.StartsWith("did you mean 'maxInstances'?", error.Fix);
        Assert.Equal((5, 59), (error.At.Line, error.At.Column));
    }

    [Fact]
    public void Every_duplicate_key_is_reported_with_the_line_of_the_first()
    {
        var errors = Maps.Errors(Maps.Header + """
            services:
              api: { run: { image: europe-west1-docker.pkg.dev/p/a:1 } }
              api: { run: { image: europe-west1-docker.pkg.dev/p/a:2 } }
            callers:
              api: [api]
              api: [api]
            """);

        var duplicates = errors.Where(e => e.Code == "duplicate-key").ToList();
        Assert.Equal(2, duplicates.Count);
        Assert.Contains("first at line 5", duplicates[0].Message);
        Assert.Contains("first at line 8", duplicates[1].Message);
    }

    [Fact]
    public void All_users_and_all_authenticated_users_are_refused_with_the_reason_and_the_public_form_to_use()
    {
        foreach (var member in new[] { "allUsers", "allAuthenticatedUsers" })
        {
            var error = Assert.Single(Maps.Errors(Maps.Header + $"services:\n  api: {{ run: {{ image: europe-west1-docker.pkg.dev/p/a:1 }} }}\ncallers:\n  {member}: [api]\n"));
            Assert.Equal("public-member", error.Code);
            Assert.Contains("not IAM principals", error.Message);
            Assert.Contains("public:", error.Fix);
        }
    }

    [Fact]
    public void An_alias_bomb_stops_at_the_node_limit_instead_of_expanding()
    {
        var bomb = Maps.Header + "a: &a [x, x, x, x, x, x, x, x, x, x]\n" +
            string.Concat(Enumerable.Range(0, 8).Select(i => $"{(char)('b' + i)}: &{(char)('b' + i)} [{string.Join(", ", Enumerable.Repeat($"*{(char)('a' + i)}", 10))}]\n"));

        var error = Assert.Single(AccessMapLoader.Load("bomb.yaml", bomb, new YamlLimits(1 << 20, 10_000, 32)).Diagnostics);

        Assert.Equal("limit", error.Code);
        Assert.Contains("10,000 YAML nodes", error.Message);
    }

    [Fact]
    public void Deep_nesting_and_oversized_files_are_refused_with_the_limit_named()
    {
        var deep = Maps.Header + "services: " + new string('[', 40) + new string(']', 40) + "\n";
        Assert.Contains("deeper than 32 levels", Assert.Single(Maps.Errors(deep)).Message);

        var big = AccessMapLoader.Load("big.yaml", Maps.Header + new string('#', 2000), new YamlLimits(1000, 100, 32));
        Assert.Contains("at most 1,000", Assert.Single(big.Diagnostics).Message);
    }

    [Fact]
    public void Aliases_within_the_limits_are_read_as_their_anchors()
    {
        var map = Maps.Valid(Maps.Header + """
            services:
              api: { run: { image: europe-west1-docker.pkg.dev/p/a:1, env: &common { LOG_LEVEL: info } } }
              orders: { run: { image: europe-west1-docker.pkg.dev/p/o:1, env: *common } }
            """);

        Assert.Equal("info", map.Services.Single(s => s.Name == "orders").Env.Single().Value);
    }

    [Fact]
    public void A_missing_file_is_a_located_error_not_an_exception()
    {
        var result = AccessMapLoader.LoadFile(Path.Combine(RepoPaths.Stacks, "no-such-stack.yaml"));

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("io", error.Code);
        Assert.Contains("stacks/dev.yaml", error.Fix);
    }

    [Fact]
    public void Caller_emails_are_compared_without_case()
    {
        var map = Maps.Valid(Maps.Header + "services:\n  api: { run: { image: europe-west1-docker.pkg.dev/p/a:1 } }\ncallers:\n  group:Backend-Devs@Acme.Shop: [api]\n");

        Assert.Equal("group:backend-devs@acme.shop", map.Callers.Single().Key);
    }

    [Fact]
    public void Input_that_crashes_the_yaml_parser_is_a_located_syntax_error()
    {
        // Found by the garbage property: YamlDotNet throws InvalidOperationException on this flow mapping.
        var error = Assert.Single(Maps.Errors(Maps.Header + "services:\n  s0: { run: { \n: europe-west1-docker.pkg.dev/acme/apps/s0:1 } }\n"));

        Assert.Equal("syntax", error.Code);
        Assert.Equal(6, error.At.Line); // the line that starts with ':'
    }

    /// <summary>IAM compares e-mail members without case (as for caller keys); federated identifiers keep theirs.</summary>
    [Fact]
    public void Iap_members_are_stored_as_iam_compares_them_like_caller_keys()
    {
        var map = Maps.Valid(Maps.Header + """
            edge:
              armor:
                default: { defaultAction: allow }
            services:
              admin:
                run: { image: europe-west1-docker.pkg.dev/p/apps/admin:1 }
                public:
                  hosts: [admin.acme.shop]
                  auth: iap
                  iap: { members: [group:Support@Acme.Shop, "principal://iam.googleapis.com/locations/global/workforcePools/staff/subject/Alex"] }
            """);

        var members = map.Services.Single().Public!.Iap!.Members.Select(m => m.Value);
        Assert.Equal(["group:support@acme.shop", "principal://iam.googleapis.com/locations/global/workforcePools/staff/subject/Alex"], members);
    }
}
