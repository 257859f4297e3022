using Callmap.Fuzz;
using FsCheck;
using FsCheck.Fluent;

namespace Callmap.Tests.Properties;

/// <summary>
/// A bounded share of the fuzz run (`dotnet run -c Release --project tests/Callmap.Benchmarks -- fuzz 10000`):
/// mutations of the shipped maps, the bad-map corpus, the policy files, the role facts and typical tokens.
/// No input may throw, run past the deadline or allocate more than 300 MB. A failure names the seed;
/// `fuzz 1 SEED` replays it.
/// </summary>
public class FuzzProperties
{
    private static readonly FuzzTargets Targets = new(FuzzCorpus.FromRepository());
    private static readonly FuzzRun Fuzz = new(Targets);

    private static void NoFailure(FuzzOutcome outcome) =>
        Assert.False(outcome.Failed, $"{outcome.Failure}\n{outcome.Case}\nreplay: dotnet run -c Release --project tests/Callmap.Benchmarks -- fuzz 1 {outcome.Case.Seed}");

    [Fact]
    public void Mutated_maps_and_policy_files_never_crash_hang_or_pass_the_memory_bound() =>
        // New seeds on every run: maps and policies go wherever the generator takes them.
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(400), Prop.ForAll(
            Gen.Choose(1, int.MaxValue).Select(Targets.Generate).Where(c => c.Input is FuzzInput.Map or FuzzInput.Policy).ToArbitrary(),
            c => NoFailure(Fuzz.RunOne(c))));

    [Fact]
    public void Mutations_of_generated_maps_never_crash_hang_or_pass_the_memory_bound() =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), Prop.ForAll(
            (from map in MapGenerators.Maps()
             from seed in Gen.Choose(1, int.MaxValue)
             select new FuzzCase(seed, FuzzInput.Map, new Mutator(new Random(seed)).Mutate(map.ToYaml(), Targets.Corpus.Maps))).ToArbitrary(),
            c => NoFailure(Fuzz.RunOne(c))));

    [Fact]
    public void Mutated_roles_files_and_tokens_never_crash_on_new_seeds_nor_on_those_that_once_did()
    {
        // Seeds that once crashed: a roles file with "permissions": null (362), a token part that is not
        // base64url (1367), a token whose JSON is not UTF-8 (9376); then 300 new ones on every run.
        int[] once = [362, 3258, 6514, 8005, 1367, 9376];
        var outcomes = once.Concat(Enumerable.Range(0, 300).Select(_ => Random.Shared.Next(1, int.MaxValue))).Select(Targets.Generate)
            .Where(c => c.Input is FuzzInput.Roles or FuzzInput.Token).Select(Fuzz.RunOne).ToList();

        Assert.True(outcomes.Count > 50);
        Assert.All(outcomes, NoFailure);
    }

    [Fact]
    public void A_seed_always_yields_the_same_input_so_that_a_failure_can_be_replayed()
    {
        var kinds = Enumerable.Range(1, 200).Select(Targets.Generate).Select(c => c.Input).ToHashSet();

        Assert.Equal(Targets.Generate(1234), Targets.Generate(1234));
        Assert.NotEqual(Targets.Generate(1234).Text, Targets.Generate(1235).Text);
        Assert.Equal(Enum.GetValues<FuzzInput>().ToHashSet(), kinds);
    }
}
