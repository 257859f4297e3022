using System.Text.Json;
using Callmap.Tests.Support;

namespace Callmap.Tests.PulumiStacks;

/// <summary>`callmap check --pulumi-preview` / `--pulumi-state` on stacks written from Pulumi's documented formats.</summary>
public class StackCheckCommandTests
{
    private static string Fixture(string name) => Path.Combine(RepoPaths.Tests, "PulumiStacks", "Fixtures", name);

    private static string Baseline => Path.Combine(RepoPaths.Root, "policies", "baseline.yaml");

    /// <summary>The CLI names files relative to the working directory; the snapshots name them from the repository root.</summary>
    private static string FromRoot(string output) =>
        RootRelative.Of(output.Replace(Path.GetRelativePath(Directory.GetCurrentDirectory(), Path.Combine(RepoPaths.Tests, "PulumiStacks")).Replace('\\', '/') + "/", "tests/Callmap.Tests/PulumiStacks/"));

    private static CliRun Preview(string name, params string[] more) => CallmapCli.Run(["check", "--pulumi-preview", Fixture(name), "--policy", Baseline, .. more]);

    private static CliRun State(string name, params string[] more) => CallmapCli.Run(["check", "--pulumi-state", Fixture(name), "--policy", Baseline, .. more]);

    [Fact]
    public void A_cloud_run_v1_state_with_allUsers_default_accounts_a_project_invoker_and_a_key_fails_at_each_resource()
    {
        var run = State("cloudrun-v1.state.json");

        Assert.Equal(1, run.ExitCode);
        // gcp-facts.md: allUsers is never how end users get in; the project-level invoker reaches every service;
        // a gen1 function without an account runs as App Engine's default one; a Key resource is a finding.
        Assert.Contains("allUsers holds roles/run.invoker on the Cloud Run service storefront (urn:pulumi:prod::legacy-shop::gcp:cloudrun/iamMember:IamMember::storefront-public)", run.Out);
        Assert.Contains("resize-images runs as legacy-shop-prod@appspot.gserviceaccount.com, which is a default account", run.Out);
        Assert.Contains("group:qa@legacy-shop.example holds roles/run.invoker on the whole project legacy-shop-prod", run.Out);
        Assert.Contains("creates a user-managed key for inventory@legacy-shop-prod.iam.gserviceaccount.com", run.Out);
        Snapshot.Match(FromRoot(run.Out), "PulumiStacks/cloudrun-v1-state.text");
    }

    [Fact]
    public void Authoritative_bindings_and_policies_are_findings_with_the_members_they_grant_judged_too()
    {
        var run = Preview("iam-bindings.preview.json");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("ServiceIamBinding::search-invokers is authoritative for roles/run.invoker on the Cloud Run service search", run.Out);
        Assert.Contains("IamPolicy::reports-policy replaces the whole IAM policy of the Cloud Run service reports", run.Out);
        Assert.Contains("allAuthenticatedUsers holds roles/run.invoker on the Cloud Run service search", run.Out);
        Assert.Contains("group:contractors@catalog.example gets the basic role roles/editor on the project catalog-staging", run.Out);
        Assert.Contains("search is behind the load balancer (backend search-backend) but its ingress is all", run.Out);
        Assert.Contains("backend search-backend: no Cloud Armor policy is attached", run.Out);
        Assert.Contains("the HTTPS proxy search-https allows TLS_1_0", run.Out);
        Assert.Contains("the HTTP listener search-http serves content instead of redirecting", run.Out);
        // The step deleting the old allUsers member leaves nothing behind to judge.
        Assert.DoesNotContain("old-public", run.Out);
        Snapshot.Match(FromRoot(run.Out), "PulumiStacks/iam-bindings-preview.text");
    }

    [Fact]
    public void Values_unknown_until_apply_are_findings_of_their_rule_never_a_pass()
    {
        var run = Preview("unknowns.preview.json");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("cannot judge until apply: the member of urn:pulumi:dev::orders::gcp:cloudrunv2/serviceIamMember:ServiceIamMember::partner-calls-checkout", run.Out);
        Assert.Contains("cannot judge until apply: the runtime account (template.serviceAccount) of urn:pulumi:dev::orders::gcp:cloudrunv2/service:Service::ledger", run.Out);
        Assert.Contains("cannot judge until apply: the role of urn:pulumi:dev::orders::gcp:projects/iAMMember:IAMMember::ops-role", run.Out);
        // Unknowns that Pulumi says come from an account of the same stack are that account, and judged.
        Assert.DoesNotContain("checkout-calls-ledger", run.Out);
        Assert.DoesNotContain("Service::checkout ", run.Out);
        Snapshot.Match(FromRoot(run.Out), "PulumiStacks/unknowns-preview.text");
    }

    [Fact]
    public void A_realistic_clean_first_preview_passes_every_rule_that_judges_resources_and_exits_0()
    {
        var run = Preview("clean.preview.json");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("0 mandatory violations, 0 advisory findings, 16 of 16 rules passed.", run.Out);
        Snapshot.Match(FromRoot(run.Out), "PulumiStacks/clean-preview.text");
    }

    [Fact]
    public void Sarif_puts_each_finding_at_the_resource_urn_in_the_file_and_names_the_urn_as_its_logical_location()
    {
        var run = Preview("iam-bindings.preview.json", "--format", "sarif");

        Assert.Equal(1, run.ExitCode);
        using var sarif = JsonDocument.Parse(run.Out);
        var results = sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(13, results.Count);   // 12 mandatory, and deletion-protection (advisory in the baseline)
        var lines = File.ReadAllLines(Fixture("iam-bindings.preview.json"));
        Assert.All(results, r =>
        {
            var location = r.GetProperty("locations")[0];
            var urn = location.GetProperty("logicalLocations")[0].GetProperty("fullyQualifiedName").GetString()!;
            var region = location.GetProperty("physicalLocation").GetProperty("region");
            Assert.EndsWith("iam-bindings.preview.json", location.GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString());
            var line = lines[region.GetProperty("startLine").GetInt32() - 1];
            Assert.Equal($"\"{urn}\"", line[(region.GetProperty("startColumn").GetInt32() - 1)..].TrimEnd(','));
        });
        Snapshot.Match(FromRoot(run.Out), "PulumiStacks/iam-bindings-preview.sarif", "json");
    }

    [Fact]
    public void Junit_and_markdown_report_the_same_rules_as_text()
    {
        var junit = Preview("iam-bindings.preview.json", "--format", "junit");
        var markdown = Preview("iam-bindings.preview.json", "--format", "markdown");

        Assert.Equal(1, junit.ExitCode);
        Assert.Equal(1, markdown.ExitCode);
        Assert.Contains("tests=\"16\" failures=\"7\"", junit.Out);
        Assert.Contains("| [`authoritative-iam`](policies/README.md#authoritative-iam) | mandatory | ✗ 3 findings |", markdown.Out);
        Snapshot.Match(FromRoot(junit.Out), "PulumiStacks/iam-bindings-preview.junit", "xml");
        Snapshot.Match(FromRoot(markdown.Out), "PulumiStacks/iam-bindings-preview.markdown", "md");
    }

    [Fact]
    public void A_rule_the_policy_makes_advisory_reports_a_warning_and_exits_0()
    {
        var policy = Path.Combine(Path.GetTempPath(), $"callmap-stack-policy-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(policy, "rules:\n  no-public-members: advisory\n  own-service-account: advisory\n  no-basic-roles: advisory\n  project-level-invoker: disabled\n");
        var run = Preview("unknowns.preview.json", "--policy", policy);
        File.Delete(policy);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("0 mandatory violations, 3 advisory findings, 12 of 15 rules passed.", run.Out);
    }

    [Fact]
    public void A_stack_policy_configures_the_rules_as_for_a_map_people_principals_regions_and_deletion_protection()
    {
        var prod = Path.Combine(RepoPaths.Root, "policies", "prod.yaml");
        var legacy = State("cloudrun-v1.state.json", "--policy", prod);
        var clean = Preview("clean.preview.json", "--policy", prod);
        var bindings = Preview("iam-bindings.preview.json", "--policy", prod);

        // policies/prod.yaml: no people as invokers, principals from acme.shop and acme-ci only, deletion protection required.
        Assert.Contains("group:qa@legacy-shop.example may invoke every service and function of the project legacy-shop-prod (urn:", legacy.Out);
        Assert.Contains("group:qa@legacy-shop.example may invoke every service and function of the project legacy-shop-prod, but legacy-shop.example is not an allowed domain", legacy.Out);
        Assert.Contains("serviceAccount:smoke-tests@bookings-ci.iam.gserviceaccount.com may invoke the Cloud Run service availability, but bookings-ci is not an allowed project", clean.Out);
        Assert.DoesNotContain("web-runtime@", clean.Out);   // the stack's own accounts are not outsiders
        Assert.Contains("search has deletion protection off (urn:pulumi:staging::catalog::gcp:cloudrunv2/service:Service::search)", bindings.Out);
        Assert.Equal(1, clean.ExitCode);
    }

    [Fact]
    public void A_state_export_given_as_a_preview_is_refused_with_the_flag_to_use_and_exit_2()
    {
        var run = CallmapCli.Run("check", "--pulumi-preview", Fixture("cloudrun-v1.state.json"), "--policy", Baseline);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("cloudrun-v1.state.json:1:1: error[missing-key] this is not the output of `pulumi preview --json`: it has no \"steps\" list", run.Error);
        Assert.Contains("--pulumi-state", run.Error);
        Assert.Empty(run.Out);
    }

    [Fact]
    public void Broken_json_is_refused_at_its_line_and_column_without_a_stack_trace()
    {
        var file = Path.Combine(Path.GetTempPath(), $"callmap-preview-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, "{\n  \"steps\": [\n    { \"op\": \"create\", }\n  ]\n}\n");
        var run = CallmapCli.Run("check", "--pulumi-preview", file, "--policy", Baseline);
        File.Delete(file);

        Assert.Equal(2, run.ExitCode);
        Assert.Matches(@":3:\d+: error\[syntax\] not valid JSON", run.Error);
        Assert.DoesNotContain("   at ", run.Error);
    }

    [Fact]
    public void A_map_and_a_stack_together_or_nothing_at_all_is_bad_input()
    {
        Assert.Equal(2, CallmapCli.Run("check", Path.Combine(RepoPaths.Stacks, "dev.yaml"), "--pulumi-preview", Fixture("clean.preview.json")).ExitCode);
        Assert.Equal(2, CallmapCli.Run("check").ExitCode);
    }

    [Fact]
    public void A_missing_file_is_bad_input_with_how_to_write_it()
    {
        var run = CallmapCli.Run("check", "--pulumi-state", Fixture("no-such.json"), "--policy", Baseline);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("error[io] cannot read the file", run.Error);
        Assert.Contains("pulumi stack export --file state.json", run.Error);
    }

    [Fact]
    public void Resources_as_the_crossguard_pack_hands_them_over_are_judged_like_a_preview()
    {
        var file = Path.Combine(Path.GetTempPath(), $"callmap-resources-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, """
            { "resources": [
              { "urn": "urn:pulumi:dev::p::gcp:cloudrunv2/serviceIamMember:ServiceIamMember::open", "type": "gcp:cloudrunv2/serviceIamMember:ServiceIamMember",
                "props": { "name": "api", "role": "roles/run.servicesInvoker", "member": "allUsers" }, "propertyDependencies": {} },
              { "urn": "urn:pulumi:dev::p::gcp:cloudrunv2/serviceIamMember:ServiceIamMember::later", "type": "gcp:cloudrunv2/serviceIamMember:ServiceIamMember",
                "props": { "name": "api", "role": "roles/run.servicesInvoker", "member": "04da6b54-80e4-46f7-96ec-b56ff0331ba9" }, "propertyDependencies": { "member": [] } }
            ] }
            """);
        var run = CallmapCli.Run("check", "--pulumi-resources", file, "--policy", Baseline, "--format", "sarif");
        File.Delete(file);

        Assert.Equal(1, run.ExitCode);
        using var sarif = JsonDocument.Parse(run.Out);
        var messages = sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Select(r => r.GetProperty("message").GetProperty("text").GetString()!).ToList();
        Assert.Contains(messages, m => m.StartsWith("allUsers holds roles/run.servicesInvoker on the Cloud Run service api", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("cannot judge until apply: the member of urn:pulumi:dev::p::gcp:cloudrunv2/serviceIamMember:ServiceIamMember::later", StringComparison.Ordinal));
    }

    [Fact]
    public void Identity_platform_mfa_and_domains_are_judged_by_the_stack_policy()
    {
        var file = Path.Combine(Path.GetTempPath(), $"callmap-idp-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, """
            { "version": 3, "deployment": { "resources": [
              { "urn": "urn:pulumi:prod::p::gcp:identityplatform/config:Config::auth", "type": "gcp:identityplatform/config:Config",
                "outputs": { "project": "acme-shop-prod", "authorizedDomains": ["acme.shop", "login.acme.shop", "evil.example"], "mfa": { "state": "DISABLED" } } }
            ] } }
            """);
        var run = CallmapCli.Run("check", "--pulumi-state", file, "--policy", Baseline, "--policy", Path.Combine(RepoPaths.Root, "policies", "prod.yaml"));
        File.Delete(file);

        // policies/prod.yaml: mfa enabled, domains acme.shop (and its subdomains) and acme-shop-prod.firebaseapp.com.
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Identity Platform MFA is DISABLED, the policy demands ENABLED", run.Out);
        Assert.Contains("Identity Platform accepts sign-ins from evil.example, which the policy does not allow", run.Out);
        Assert.DoesNotContain("login.acme.shop, which", run.Out);
    }

    [Fact]
    public void Everyone_admitted_through_IAP_is_a_public_member_finding()
    {
        // gcp-facts.md: allAuthenticatedUsers is any Google account anywhere; IAP users get roles/iap.httpsResourceAccessor.
        var file = Path.Combine(Path.GetTempPath(), $"callmap-iap-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, """
            { "version": 3, "deployment": { "resources": [
              { "urn": "urn:pulumi:prod::p::gcp:iap/webBackendServiceIamMember:WebBackendServiceIamMember::admin-users", "type": "gcp:iap/webBackendServiceIamMember:WebBackendServiceIamMember",
                "outputs": { "project": "acme", "webBackendService": "admin-backend", "role": "roles/iap.httpsResourceAccessor", "member": "allAuthenticatedUsers" } }
            ] } }
            """);
        var run = CallmapCli.Run("check", "--pulumi-state", file, "--policy", Baseline);
        File.Delete(file);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("allAuthenticatedUsers holds roles/iap.httpsResourceAccessor on the IAP-protected backend admin-backend (urn:pulumi:prod::p::gcp:iap/webBackendServiceIamMember:WebBackendServiceIamMember::admin-users)", run.Out);
    }

    [Fact]
    public void Checking_a_map_evaluates_none_of_the_rules_only_resources_need()
    {
        var run = CallmapCli.Run("check", Path.Combine(RepoPaths.Stacks, "prod.yaml"));

        Assert.DoesNotContain("authoritative-iam", run.Out);
        Assert.Contains($"{MapRules.Count} of {MapRules.Count} rules passed", run.Out);
    }
}
