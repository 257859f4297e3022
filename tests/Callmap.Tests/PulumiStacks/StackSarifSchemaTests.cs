using Callmap.Tests.Support;
using NJsonSchema;

namespace Callmap.Tests.PulumiStacks;

/// <summary>The SARIF of a stack check, with its logical locations, is valid SARIF 2.1.0.</summary>
public class StackSarifSchemaTests
{
    private static string Fixture(string name) => Path.Combine(RepoPaths.Tests, "PulumiStacks", "Fixtures", name);

    [SarifSchemaFact]
    public async Task Stack_check_output_in_SARIF_validates_against_the_SARIF_2_1_0_schema()
    {
        var schema = await JsonSchema.FromFileAsync(SarifSchemaFactAttribute.SchemaPath!);
        var run = CallmapCli.Run("check", "--pulumi-preview", Fixture("iam-bindings.preview.json"), "--policy", Path.Combine(RepoPaths.Root, "policies", "baseline.yaml"), "--format", "sarif");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("\"logicalLocations\"", run.Out);
        Assert.Empty(schema.Validate(run.Out).Select(e => $"{e.Path}: {e.Kind}"));
    }
}
