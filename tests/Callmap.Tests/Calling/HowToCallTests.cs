using Callmap.Calling;
using Callmap.Loading;
using Callmap.Planning;
using Callmap.Tests.Support;

namespace Callmap.Tests.Calling;

public class HowToCallTests
{
    private static (CallInstructions?, CallRefusal?) Ask(string map, string caller, string service)
    {
        var path = Path.Combine(RepoPaths.Root, map);
        var loaded = AccessMapLoader.Load(RepoPaths.Relative(path), File.ReadAllText(path));
        return HowToCall.For(loaded.Map!, Planner.Create(loaded.Map!), caller, service);
    }

    [Theory]
    [InlineData("stacks/dev.yaml", "api", "orders", "workload")]
    [InlineData("stacks/dev.yaml", "schedule/nightly-reconcile", "orders", "scheduler")]
    [InlineData("stacks/dev.yaml", "push/order-placed", "receipts", "push")]
    [InlineData("stacks/dev.yaml", "group:Backend-Devs@acme.shop", "payments", "group")]
    [InlineData("stacks/dev.yaml", "serviceAccount:smoke-tests@acme-ci.iam.gserviceaccount.com", "orders", "external-account")]
    [InlineData("tests/Callmap.Tests/Maps/every-caller-kind.yaml", "principalSet://iam.googleapis.com/projects/555555555555/locations/global/workloadIdentityPools/github/attribute.repository/acme/shop", "pricing", "federated")]
    [InlineData("tests/Callmap.Tests/Maps/every-caller-kind.yaml", "tasks/outbound-mail", "mailer", "tasks")]
    public void An_edge_of_the_map_gets_its_url_audience_grant_and_token_recipe(string map, string caller, string service, string name)
    {
        var (call, refusal) = Ask(map, caller, service);

        Assert.Null(refusal);
        Assert.Equal(service, call!.Grant.Target);
        Assert.Contains(call.Grant.Role, new[] { "roles/run.servicesInvoker", "roles/cloudfunctions.invoker" });
        Snapshot.Match(HowToCallReport.Render(call), $"HowToCall/{name}");
    }

    [Fact]
    public void A_custom_audience_is_the_one_to_request()
    {
        var (call, _) = Ask("tests/Callmap.Tests/Maps/every-caller-kind.yaml", "cart", "pricing");

        Assert.Equal("https://pricing.internal.acme.shop", call!.Audience);
        Assert.Equal("https://pricing-987654321098.europe-west4.run.app", call.Url);
    }

    [Theory]
    [InlineData("payments", "orders", "the map does not let 'payments' call 'orders'", "add under callers: payments: [orders]")]
    [InlineData("orders", "receipts", "the map does not let 'orders' call 'receipts'", "orders: [payments, receipts]")]
    [InlineData("orders", "api", "no IAM invoker check (auth in-app)", "https://api.dev.acme.shop/")]
    [InlineData("orders", "admin", "behind IAP", "https://admin.dev.acme.shop/")]
    [InlineData("api", "ordrs", "'ordrs' is not a service", "did you mean 'orders'?")]
    public void An_edge_the_map_does_not_have_is_refused_with_the_line_to_write(string caller, string service, string message, string fix)
    {
        var (call, refusal) = Ask("stacks/dev.yaml", caller, service);

        Assert.Null(call);
        Assert.Contains(message, refusal!.Message);
        Assert.Contains(fix, refusal.Fix);
    }

    [Fact]
    public void A_federated_identifier_keeps_its_case_while_e_mail_members_are_matched_without_it()
    {
        const string principal = "principal://iam.googleapis.com/projects/555555555555/locations/global/workloadIdentityPools/github/subject/repo:acme/shop:ref:refs/heads/main";
        var (call, _) = Ask("tests/Callmap.Tests/Maps/every-caller-kind.yaml", principal, "cart");
        Assert.Equal(principal, call!.Caller);

        var (upper, _) = Ask("tests/Callmap.Tests/Maps/every-caller-kind.yaml", principal.Replace("Pools/github", "Pools/GitHub"), "cart");
        Assert.Null(upper);
    }

    /// <summary>The suggested line, applied to the map (replacing the caller's line, or appended to callers:,
    /// the map's last section), must load and give exactly the edge that was asked for.</summary>
    [Theory]
    [InlineData("payments", "orders")]
    [InlineData("orders", "receipts")]
    [InlineData("schedule/nightly-reconcile", "payments")]
    [InlineData("push/order-placed", "orders")]
    [InlineData("push/stock-low", "orders")]
    [InlineData("schedule/hourly", "payments")]
    [InlineData("tasks/outbound-mail", "orders")]
    [InlineData("eventarc/uploads", "orders")]
    [InlineData("user:Dev@Acme.Shop", "orders")]
    [InlineData("principal://iam.googleapis.com/projects/555555555555/locations/global/workloadIdentityPools/github/subject/repo:acme/shop:ref:refs/heads/main", "orders")]
    [InlineData("principalSet://iam.googleapis.com/locations/global/workforcePools/staff/*", "payments")]
    public void The_line_suggested_for_a_missing_edge_is_one_the_loader_accepts(string caller, string service)
    {
        var (call, refusal) = Ask("stacks/dev.yaml", caller, service);
        Assert.Null(call);
        Assert.NotNull(refusal!.Line);
        Assert.Contains(refusal.Line, refusal.Fix);

        var path = Path.Combine(RepoPaths.Root, "stacks/dev.yaml");
        var lines = File.ReadAllLines(path).ToList();
        if (refusal.At is { } at) lines[at.Line - 1] = "  " + refusal.Line;
        else lines.Add("  " + refusal.Line);
        var loaded = AccessMapLoader.Load("stacks/dev.yaml", string.Join("\n", lines));

        Assert.True(loaded.Succeeded, refusal.Line + "\n" + string.Join("\n", loaded.Diagnostics));
        var edgeCaller = loaded.Map!.Callers.Single(c => c.At.Line == (refusal.At?.Line ?? lines.Count)).Key;
        var (now, stillRefused) = HowToCall.For(loaded.Map!, Planner.Create(loaded.Map!), edgeCaller, service);
        Assert.Null(stillRefused);
        Assert.Equal(service, now!.Grant.Target);
    }

    [Theory]
    [InlineData("allUsers", "cannot be a caller")]
    [InlineData("domain:acme.shop", "whole domain")]
    [InlineData("paymnts", "did you mean 'payments'?")]
    [InlineData("principal://iam.googleapis.com/projects/1/subject/x", "not a workload or workforce identity federation principal")]
    public void A_caller_the_loader_would_refuse_gets_the_reason_and_no_line(string caller, string expected)
    {
        var (call, refusal) = Ask("stacks/dev.yaml", caller, "orders");

        Assert.Null(call);
        Assert.Null(refusal!.Line);
        Assert.Contains(expected, refusal.Message + " " + refusal.Fix);
    }
}
