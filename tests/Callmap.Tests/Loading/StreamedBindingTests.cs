using Callmap.Diagnostics;
using Callmap.Loading;
using Callmap.Model;
using Callmap.Planning;
using Callmap.Reports;
using Callmap.Validation;
using Callmap.Tests.Support;
using Callmap.Yaml;

namespace Callmap.Tests.Loading;

/// <summary>
/// The loader binds services and callers while the reader reads them, so a large map is never a whole tree.
/// That must change nothing a user sees: for every map in the repository, good or bad, the errors and the
/// plan are those of binding the whole tree after reading it.
/// </summary>
public class StreamedBindingTests
{
    public static TheoryData<string> AllMaps() =>
        new(Maps.GoodMapFiles().Concat(Maps.BadMapFiles()).Select(f => Path.GetRelativePath(RepoPaths.Root, f)));

    [Theory]
    [MemberData(nameof(AllMaps))]
    public void Binding_while_reading_gives_the_errors_and_plan_of_binding_the_whole_tree(string file)
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, file));

        var streamed = AccessMapLoader.Load(file, text);
        var whole = LoadFromWholeTree(file, text);

        Assert.Equal(Describe(whole.Diagnostics), Describe(streamed.Diagnostics));
        Assert.Equal(whole.Map is null, streamed.Map is null);
        if (streamed.Map is not null)
            Assert.Equal(JsonPlan.Render(Planner.Create(whole.Map!)), JsonPlan.Render(Planner.Create(streamed.Map)));
    }

    /// <summary>Sections with anchors that other keys alias (found by an attack on streamed binding: aliases read placeholders).</summary>
    public static TheoryData<string, string> AliasedSections() => new()
    {
        { "callers-alias-services", Maps.Header + """
            services: &s
              api: { run: { image: europe-west1-docker.pkg.dev/p/apps/api:1 } }
              orders: { run: { image: europe-west1-docker.pkg.dev/p/apps/orders:1 } }
            callers: *s
            """ },
        { "services-alias-callers", Maps.Header + """
            callers: &c
              api: [orders]
            services: *c
            """ },
        { "env-alias-callers", Maps.Header + """
            callers: &c
              api: [orders]
            services:
              api: { run: { image: europe-west1-docker.pkg.dev/p/apps/api:1, env: *c } }
              orders: { run: { image: europe-west1-docker.pkg.dev/p/apps/orders:1 } }
            """ },
    };

    [Theory]
    [MemberData(nameof(AliasedSections))]
    public void An_aliased_section_is_bound_as_written_not_as_the_entries_already_taken(string name, string text)
    {
        var streamed = AccessMapLoader.Load($"{name}.yaml", text);
        var whole = LoadFromWholeTree($"{name}.yaml", text);

        Assert.NotEmpty(whole.Diagnostics);
        Assert.Equal(Describe(whole.Diagnostics), Describe(streamed.Diagnostics));
        Assert.Null(streamed.Map);
    }

    [Fact]
    public void A_services_section_written_twice_is_reported_and_its_second_copy_binds_nothing()
    {
        var text = Maps.Header + """
            services:
              api: { run: { image: europe-west1-docker.pkg.dev/p/apps/api:1 } }
            services:
              api: { run: { image: not-an-image } }
              extra: { run: { image: europe-west1-docker.pkg.dev/p/apps/extra:1 } }
            """;

        var loaded = AccessMapLoader.Load("twice.yaml", text);

        var error = Assert.Single(loaded.Diagnostics);
        Assert.Equal(DiagnosticCodes.DuplicateKey, error.Code);
        Assert.Contains("'services' appears twice", error.Message);
    }

    /// <summary>The reader without a sink, then the binder over the whole tree: how maps were loaded before streaming.</summary>
    private static LoadResult LoadFromWholeTree(string file, string text)
    {
        var diagnostics = new DiagnosticBag();
        var root = YamlReader.Read(file, text, YamlLimits.Default, diagnostics);
        var binder = new AccessMapBinder(file, diagnostics);
        var map = root is null ? null : binder.Bind(root);
        if (map is not null) AccessMapValidator.Validate(map, new DeclaredNames(binder.DeclaredServices, binder.DeclaredArmorPolicies), diagnostics);
        return diagnostics.HasErrors ? new LoadResult(null, diagnostics.Sorted()) : new LoadResult(map, []);
    }

    private static string Describe(IReadOnlyList<Diagnostic> diagnostics) =>
        string.Join("\n", diagnostics.Select(d => $"{d.At} {d.Code} {d.Message} | {d.Fix}"));
}
