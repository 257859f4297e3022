using System.Text.Json;
using Callmap.Calling;
using Callmap.Diff;
using Callmap.Graph;
using Callmap.Loading;
using Callmap.Model;
using Callmap.Planning;
using Callmap.Policies;
using Callmap.Reports;
using Callmap.Roles;
using Callmap.Tokens;

namespace Callmap.Fuzz;

/// <summary>
/// What callmap does with each kind of input, as its commands do it: every path a user's input can take
/// (load, plan, every preview and report, check, diff, how-to-call, explain-token). Anything these let
/// through is a crash; the CLI would turn it into exit 70.
/// </summary>
public sealed class FuzzTargets
{
    /// <summary>The most error text any input may produce (50 errors of two 1,000-character lines, and the summary).</summary>
    public const int MaxErrorText = 110_000;

    private readonly AccessMap _dev;
    private readonly Plan _devPlan;
    private readonly PolicySet _policies;

    public FuzzTargets(FuzzCorpus corpus)
    {
        Corpus = corpus;
        _dev = AccessMapLoader.Load("stacks/dev.yaml", corpus.DevMap).Map ?? throw new InvalidOperationException("stacks/dev.yaml does not load");
        _devPlan = Planner.Create(_dev);
        _policies = PolicyLoader.Load(corpus.Policies.Take(1).Select(p => ("policies/baseline.yaml", p)).ToList()).Policies
            ?? throw new InvalidOperationException("the baseline policy does not load");
        Services = _devPlan.OfType<WorkloadItem>().Select(w => w.Workload).ToList();
    }

    public FuzzCorpus Corpus { get; }

    /// <summary>A fixed clock for tokens, so that a seed yields the same case on every run.</summary>
    public static DateTimeOffset Now { get; } = DateTimeOffset.FromUnixTimeSeconds(1_795_000_000);

    public IReadOnlyList<string> Services { get; }

    /// <summary>The input of case <paramref name="seed"/>: half maps, the rest policies, roles files and tokens.</summary>
    public FuzzCase Generate(int seed)
    {
        var mutator = new Mutator(new Random(seed));
        var input = mutator.Next(20) switch { < 10 => FuzzInput.Map, < 14 => FuzzInput.Policy, < 17 => FuzzInput.Roles, _ => FuzzInput.Token };
        switch (input)
        {
            case FuzzInput.Map:
                return new(seed, input, mutator.Mutate(mutator.Pick(Corpus.Maps), Corpus.Maps));
            case FuzzInput.Policy:
                return new(seed, input, mutator.Mutate(mutator.Next(3) == 0 ? GeneratedPolicy(mutator) : mutator.Pick(Corpus.Policies), Corpus.Policies));
            case FuzzInput.Roles:
                return new(seed, input, mutator.Mutate(Corpus.Roles, [Corpus.Roles]));
            default:
                var service = mutator.Pick(Services);
                var target = _devPlan.OfType<WorkloadItem>().Single(w => w.Workload == service);
                var email = mutator.Pick(_devPlan.OfType<ServiceAccountItem>().Select(a => a.Email).Append("someone@gmail.com").ToList());
                return new(seed, input, mutator.Token(target.Audience, email, Now), service);
        }
    }

    /// <summary>A policy file setting random rules to random levels and parameters, known or not.</summary>
    private static string GeneratedPolicy(Mutator m)
    {
        var rules = PolicyLoader.KnownRules;
        var lines = new List<string> { "rules:" };
        for (var i = 1 + m.Next(6); i > 0; i--)
        {
            var rule = m.Next(8) == 0 ? new PolicyRule("no-such-rule", "", "", new Dictionary<string, ParameterKind>(), (_, _) => []) : m.Pick(rules);
            var level = m.Pick(["mandatory", "advisory", "disabled", "strict", "", "null"]);
            var parameters = rule.Parameters.Select(p => $", {p.Key}: " + p.Value switch
            {
                ParameterKind.Bool => m.Pick(["true", "false", "yes", "1"]),
                ParameterKind.Text => m.Pick(["strongest", "deny(403)", "denyy", "90", "\"\"", m.HostileValue()]),
                _ => m.Pick(["[europe-west1]", "[]", "x", "[group:a@b.c, allUsers]", "[" + m.HostileValue() + "]"]),
            });
            lines.Add($"  {rule.Id}: {{ level: {level}{string.Concat(parameters)} }}");
        }
        return string.Join('\n', lines) + "\n";
    }

    /// <summary>Runs the case through everything callmap does with such an input; throws what callmap would let escape.</summary>
    public void Run(FuzzCase c)
    {
        switch (c.Input)
        {
            case FuzzInput.Map: Map(c.Text); break;
            case FuzzInput.Policy: Policy(c.Text); break;
            case FuzzInput.Roles: RolesFile(c.Text); break;
            default: Token(c.Text, c.Service!); break;
        }
    }

    private void Map(string text)
    {
        var loaded = AccessMapLoader.Load("fuzz.yaml", text);
        if (loaded.Map is not { } map)
        {
            ErrorsBounded(loaded.Diagnostics);
            return;
        }
        var plan = Planner.Create(map);
        _ = TextPreview.Render(plan);
        _ = MarkdownPreview.Render(plan);
        _ = JsonPlan.Render(plan);
        var graph = AccessGraph.From(plan);
        _ = MermaidGraph.Render(graph);
        _ = DotGraph.Render(graph);
        var result = PolicyEngine.Check(new PolicyContext(map, plan), _policies);
        _ = CheckReport.Text(result, map.File, _policies.Files);
        _ = CheckReport.Sarif(result);
        _ = CheckReport.Markdown(result, map.File, _policies.Files);
        _ = CheckReport.JUnit(result, map.File);
        var diff = AccessDiff.Between(_devPlan, plan);
        _ = DiffReport.Text(diff, "fuzz");
        _ = DiffReport.Markdown(diff, "fuzz");
        foreach (var caller in map.Callers.Take(3))
        foreach (var target in caller.Targets.Take(2))
        {
            var (instructions, refusal) = HowToCall.For(map, plan, caller.Key, target.Value);
            _ = instructions is not null ? HowToCallReport.Render(instructions) : HowToCallReport.Render(refusal!);
        }
    }

    private void Policy(string text)
    {
        var (policies, errors) = PolicyLoader.Load([("fuzz-policy.yaml", text)]);
        if (policies is null)
        {
            ErrorsBounded(errors);
            return;
        }
        var result = PolicyEngine.Check(new PolicyContext(_dev, _devPlan), policies);
        _ = CheckReport.Text(result, _dev.File, policies.Files);
        _ = CheckReport.Sarif(result);
    }

    private void RolesFile(string text)
    {
        RoleCatalog catalog;
        try
        {
            using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text));
            catalog = RoleCatalog.Parse(stream);
        }
        // What RoleCatalog.LoadFile turns into a located error; anything else escapes it.
        catch (Exception e) when (e is JsonException or InvalidDataException)
        {
            return;
        }
        var result = PolicyEngine.Check(new PolicyContext(_dev, _devPlan, catalog), _policies);
        _ = CheckReport.Text(result, _dev.File, _policies.Files);
    }

    private void Token(string token, string service)
    {
        if (TokenExplainer.Explain(token, _dev, _devPlan, service, Now) is { } explanation)
            _ = TokenReport.Render(explanation, _dev.File);
    }

    private static void ErrorsBounded(IReadOnlyList<Diagnostics.Diagnostic> errors)
    {
        if (errors.Count == 0) throw new InvalidOperationException("refused without an error");
        var text = DiagnosticsReport.Render(errors);
        if (text.Length > MaxErrorText) throw new InvalidOperationException($"{text.Length:N0} characters of errors");
        if (errors.Any(e => e.At.Line < 1 || e.At.Column < 1 || e.Fix.Length == 0)) throw new InvalidOperationException("an error without a location or a fix");
    }
}
