using Callmap.Diagnostics;
using Callmap.Loading;
using Callmap.Reports;
using Callmap.Stacks;
using Callmap.Tests.Support;
using Callmap.Yaml;

namespace Callmap.Tests.Stacks;

/// <summary>What `pulumi preview` and `pulumi up` decide before registering anything (the program only relays it).</summary>
public sealed class StackGateTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("callmap-gate-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>The settings a stack's Pulumi.STACK.yaml gives, read as Pulumi reads them (config: key → value).</summary>
    private static StackSettings FromConfigFile(string root, string stack)
    {
        var path = Path.Combine(root, "stacks", $"Pulumi.{stack}.yaml");
        var config = (YMapping)((YMapping)YamlReader.Read(path, File.ReadAllText(path), YamlLimits.Default, new DiagnosticBag())!)
            .Entries.Single(e => e.Key.Value == "config").Value;
        string? Scalar(string key) => (config.Entries.FirstOrDefault(e => e.Key.Value == key)?.Value as YScalar)?.Value;
        var policies = config.Entries.FirstOrDefault(e => e.Key.Value == "callmap:policies")?.Value as YSequence;
        return new StackSettings(root, stack, Scalar("gcp:project"), Scalar("gcp:region"), Scalar("callmap:map"),
            policies?.Items.Cast<YScalar>().Select(s => s.Value).ToList() ?? [], Scalar("callmap:roles"));
    }

    private string Write(string relative, string text)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private StackSettings Stack(string map, string project = "acme-shop-test", string region = "europe-west1", params string[] policies)
    {
        Write("policies/baseline.yaml", File.ReadAllText(Path.Combine(RepoPaths.Root, "policies", "baseline.yaml")));
        Write("stacks/test.yaml", map);
        return new StackSettings(_root, "test", project, region, "stacks/test.yaml", policies);
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void Each_shipped_stack_passes_the_gate_with_the_settings_in_its_Pulumi_stack_file(string stack)
    {
        var gate = StackGate.Run(FromConfigFile(RepoPaths.Root, stack));

        Assert.True(gate.Passed, gate.Refusal);
        Assert.Equal(JsonPlan.Render(Maps.PlanFile(Path.Combine(RepoPaths.Stacks, $"{stack}.yaml"))), JsonPlan.Render(gate.Plan!));
        Assert.Equal($"stacks/{stack}.yaml", gate.Plan!.MapFile);
    }

    [Fact]
    public void An_invalid_map_stops_the_stack_with_the_same_report_as_callmap_plan_before_anything_is_planned()
    {
        var settings = Stack(Maps.Header + "services:\n  orders: { run: { image: gcr.io/x/orders } }\ncallers:\n  ordres: [orders]\n");

        var gate = StackGate.Run(settings);

        Assert.Null(gate.Plan);
        Assert.Equal(DiagnosticsReport.Render(AccessMapLoader.LoadFile(Path.Combine(_root, "stacks/test.yaml"), relativeTo: _root).Diagnostics), gate.Refusal);
        Snapshot.Match(gate.Refusal!, "Stacks/invalid-map");
    }

    [Fact]
    public async Task A_project_number_google_does_not_confirm_is_refused_at_the_maps_project_number_line()
    {
        var settings = Stack(Maps.Header + "services:\n  orders: { run: { image: gcr.io/x/orders } }\n");
        var asked = new List<string>();

        var gate = await StackGate.RunAsync(settings, project => { asked.Add(project); return Task.FromResult("210987654321"); });

        Assert.Null(gate.Plan);
        Assert.Equal(["acme-shop-test"], asked);
        Assert.StartsWith("stacks/test.yaml:2:16: error[stack-config] the map says project 'acme-shop-test' has number 123456789012, but Google says 210987654321", gate.Refusal);
    }

    [Fact]
    public async Task A_project_number_google_confirms_passes_with_the_same_plan()
    {
        var settings = Stack(Maps.Header + "services:\n  orders: { run: { image: gcr.io/x/orders } }\n");

        var gate = await StackGate.RunAsync(settings, _ => Task.FromResult("123456789012"));

        Assert.True(gate.Passed, gate.Refusal);
        Assert.Equal(JsonPlan.Render(StackGate.Run(settings).Plan!), JsonPlan.Render(gate.Plan!));
    }

    [Fact]
    public void A_map_for_another_project_or_region_is_refused_at_the_maps_own_lines()
    {
        var gate = StackGate.Run(Stack(Maps.Header + "services:\n  orders: { run: { image: gcr.io/x/orders } }\n", project: "acme-shop-prod", region: "us-central1"));

        Assert.Null(gate.Plan);
        Snapshot.Match(gate.Refusal!, "Stacks/project-and-region-mismatch");
    }

    [Fact]
    public void A_stack_without_a_map_setting_is_refused_at_the_config_section_of_its_Pulumi_file()
    {
        Write("stacks/Pulumi.test.yaml", "# settings\nconfig:\n  gcp:project: acme-shop-test\n  gcp:region: europe-west1\n");

        var gate = StackGate.Run(new StackSettings(_root, "test", "acme-shop-test", "europe-west1", null, []));

        Assert.StartsWith("stacks/Pulumi.test.yaml:3:3: error[stack-config] the stack 'test' names no access map", gate.Refusal);
        Assert.Contains("fix: add `callmap:map: stacks/test.yaml` under config: in stacks/Pulumi.test.yaml", gate.Refusal);
    }

    [Fact]
    public void A_stack_without_a_project_is_refused_before_the_map_is_read()
    {
        Write("stacks/Pulumi.test.yaml", "config:\n  gcp:region: europe-west1\n  callmap:map: stacks/missing.yaml\n");

        var gate = StackGate.Run(new StackSettings(_root, "test", null, "europe-west1", "stacks/missing.yaml", []));

        Assert.StartsWith("stacks/Pulumi.test.yaml:2:3: error[stack-config] the stack 'test' sets no gcp:project", gate.Refusal);
    }

    [Fact]
    public void A_mandatory_violation_stops_the_stack_with_the_check_report_and_names_the_line()
    {
        var map = Maps.Header + "services:\n  orders: { run: { image: gcr.io/x/orders } }\ncallers:\n  user:ana@acme.shop: [orders]\n";

        var gate = StackGate.Run(Stack(map));

        Assert.Null(gate.Plan);
        Assert.Contains("✗ people-invokers (mandatory)", gate.Refusal);
        Assert.Contains("    stacks/test.yaml:7:24: user:ana@acme.shop may invoke orders", gate.Refusal);
    }

    [Fact]
    public void Advisory_findings_pass_and_become_warnings_with_their_location()
    {
        var map = Maps.Header + "services:\n  orders: { run: { image: gcr.io/x/orders, deletionProtection: false } }\n";

        var gate = StackGate.Run(Stack(map));

        Assert.True(gate.Passed, gate.Refusal);
        var warning = Assert.Single(gate.Warnings);
        Assert.StartsWith("deletion-protection (advisory): stacks/test.yaml:5:", warning);
    }

    [Fact]
    public void Warnings_show_escape_sequences_of_the_map_as_text_not_as_terminal_commands()
    {
        var map = Maps.Header + "services:\n  orders: { run: { image: gcr.io/x/orders, deletionProtection: false } }\n"
            + "waivers:\n  - { rule: deletion-protection, subject: orders, reason: \"ok\\e[2J\", expires: " + DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + " }\n";

        var gate = StackGate.Run(Stack(map));

        Assert.True(gate.Passed, gate.Refusal);
        Assert.EndsWith(": ok\\u{001b}[2J", Assert.Single(gate.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void Policy_files_named_by_the_stack_replace_the_defaults_and_errors_in_them_are_located()
    {
        Write("policies/strict.yaml", "rules:\n  no-such-rule: mandatory\n");

        var gate = StackGate.Run(Stack(Maps.Header + "services:\n  orders: { run: { image: gcr.io/x/orders } }\n", policies: "policies/strict.yaml"));

        Assert.StartsWith("policies/strict.yaml:2:3: error[unknown-key] 'no-such-rule' is not a callmap rule", gate.Refusal);
    }

    [Fact]
    public void An_unreadable_roles_file_is_refused_at_its_name()
    {
        Write("roles.json", "not json");
        var settings = Stack(Maps.Header + "services:\n  orders: { run: { image: gcr.io/x/orders } }\n") with { RolesPath = "roles.json" };

        var gate = StackGate.Run(settings);

        Assert.StartsWith("roles.json:1:2: error[syntax] the roles file is not valid JSON:", gate.Refusal);
    }
}
