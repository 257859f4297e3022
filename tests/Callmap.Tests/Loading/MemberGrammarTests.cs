using Callmap.Diagnostics;
using Callmap.Loading;
using FsCheck;
using FsCheck.Fluent;

namespace Callmap.Tests.Loading;

/// <summary>The member grammar over generated strings built from the pieces attackers use.</summary>
public class MemberGrammarTests
{
    private static readonly SourceLocation At = new("test.yaml", 3, 5);

    [Fact]
    public void A_member_is_either_refused_at_its_place_or_free_of_spaces_control_characters_traversal_and_public_forms() =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(2000), Prop.ForAll(
            Gen.Elements("user:", "group:", "serviceAccount:", "principal://", "principalSet://", "domain:", "allUsers", "iam.googleapis.com/",
                    "projects/555555555555/", "locations/global/", "workloadIdentityPools/github/", "workforcePools/staff/", "subject/", "group/",
                    "attribute.repository/", "*", "..", " ", "\n", "\u001b[2J", "a@acme.shop", "x", "goog/public:all", "gmail.com", ".iam.gserviceaccount.com", "@")
                .ListOf().Select(parts => string.Concat(parts)).ToArbitrary(),
            written =>
            {
                var d = new DiagnosticBag();
                var parsed = Members.Parse(written, At, Members.Caller, d);
                if (parsed is null)
                {
                    var error = Assert.Single(d.Sorted());
                    Assert.Equal(At, error.At);
                    Assert.False(string.IsNullOrWhiteSpace(error.Fix));
                    return;
                }
                Assert.Empty(d.Sorted());
                var member = parsed.Value.Member;
                Assert.DoesNotContain(member, c => char.IsWhiteSpace(c) || char.IsControl(c));
                Assert.DoesNotContain("..", member);
                Assert.DoesNotContain("goog/public", member);
                Assert.False(member.StartsWith("allUsers", StringComparison.OrdinalIgnoreCase));
                Assert.False(member.StartsWith("domain:", StringComparison.Ordinal));
                if (!member.StartsWith("principalSet://", StringComparison.Ordinal)) Assert.DoesNotContain("*", member);
            }));

    [Theory]
    [InlineData("principal://iam.googleapis.com/projects/555555555555/locations/global/workloadIdentityPools/github/subject/repo:acme/shop:ref:refs/heads/main")]
    [InlineData("principalSet://iam.googleapis.com/projects/555555555555/locations/global/workloadIdentityPools/github/group/deployers")]
    [InlineData("principalSet://iam.googleapis.com/projects/555555555555/locations/global/workloadIdentityPools/github/attribute.repository/acme/shop")]
    [InlineData("principalSet://iam.googleapis.com/projects/555555555555/locations/global/workloadIdentityPools/github/*")]
    [InlineData("principal://iam.googleapis.com/locations/global/workforcePools/staff/subject/alex@acme.shop")]
    [InlineData("principalSet://iam.googleapis.com/locations/global/workforcePools/staff/group/ops")]
    [InlineData("principalSet://iam.googleapis.com/locations/global/workforcePools/staff/attribute.department/ops")]
    [InlineData("principalSet://iam.googleapis.com/locations/global/workforcePools/staff/*")]
    [InlineData("serviceAccount:deploy@acme-ci.iam.gserviceaccount.com")]
    public void Googles_documented_identifier_shapes_are_accepted_as_written(string member)
    {
        var d = new DiagnosticBag();
        Assert.Equal(member, Members.Parse(member, At, Members.IapMember, d)?.Member);
        Assert.Empty(d.Sorted());
    }
}
