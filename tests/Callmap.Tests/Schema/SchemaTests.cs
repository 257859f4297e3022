using Callmap.Tests.Support;
using NJsonSchema;

namespace Callmap.Tests.Schema;

public class SchemaTests
{
    private static readonly Lazy<JsonSchema> AccessMapSchema = new(() => JsonSchema.FromFileAsync(RepoPaths.Schema).GetAwaiter().GetResult());

    public static TheoryData<string> GoodMaps() => new(Maps.GoodMapFiles().Select(RepoPaths.Relative));

    public static TheoryData<string> BadMaps() => new(Maps.BadMapFiles().Select(RepoPaths.Relative));

    [Theory]
    [MemberData(nameof(GoodMaps))]
    public void Every_good_map_in_the_repository_validates_against_the_schema(string map)
    {
        var errors = Validate(map);

        Assert.NotNull(errors);
        Assert.Empty(errors);
    }

    [Theory]
    [MemberData(nameof(BadMaps))]
    public void A_structural_mistake_fails_the_schema_and_the_others_are_marked_as_needing_callmap(string map)
    {
        var expectation = File.ReadLines(Path.Combine(RepoPaths.Root, map)).Skip(2).First()["# schema: ".Length..];
        var errors = Validate(map);

        switch (expectation)
        {
            case "unreadable":
                Assert.Null(errors);
                break;
            case "rejects":
                Assert.NotNull(errors);
                Assert.NotEmpty(errors);
                break;
            default:
                // Cross-references and Google's rules (name lengths, cycles, collisions) are beyond the schema.
                Assert.NotNull(errors);
                Assert.Empty(errors);
                break;
        }
    }

    [Fact]
    public void Every_map_in_the_repository_starts_with_a_modeline_that_points_at_the_schema()
    {
        foreach (var file in Maps.GoodMapFiles().Concat(Maps.BadMapFiles()))
        {
            var first = File.ReadLines(file).First();
            Assert.StartsWith("# yaml-language-server: $schema=", first);
            var target = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, first["# yaml-language-server: $schema=".Length..]));
            Assert.Equal(RepoPaths.Schema, target);
        }
    }

    /// <summary>The schema's errors for a map, or null when the file is not readable YAML at all.</summary>
    private static ICollection<NJsonSchema.Validation.ValidationError>? Validate(string map)
    {
        var json = YamlToJson.Convert(map, File.ReadAllText(Path.Combine(RepoPaths.Root, map)));
        return json is null ? null : AccessMapSchema.Value.Validate(json.ToJsonString());
    }
}
