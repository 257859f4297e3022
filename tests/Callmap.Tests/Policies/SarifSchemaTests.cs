using Callmap.Tests.Support;
using NJsonSchema;

namespace Callmap.Tests.Policies;

/// <summary>The SARIF that code scanning ingests is valid SARIF 2.1.0, with findings and without.</summary>
public class SarifSchemaTests
{
    private static string Stack(string name) => Path.Combine(RepoPaths.Stacks, name);

    private static string Policy(string name) => Path.Combine(RepoPaths.Root, "policies", name);

    [SarifSchemaFact]
    public async Task Check_output_in_SARIF_validates_against_the_SARIF_2_1_0_schema_with_findings_and_when_clean()
    {
        var schema = await JsonSchema.FromFileAsync(SarifSchemaFactAttribute.SchemaPath!);
        var withFindings = CallmapCli.Run("check", Stack("dev.yaml"), "--policy", Policy("baseline.yaml"), "--policy", Policy("prod.yaml"), "--format", "sarif");
        var clean = CallmapCli.Run("check", Stack("prod.yaml"), "--format", "sarif");

        Assert.Equal(1, withFindings.ExitCode);
        Assert.Equal(0, clean.ExitCode);
        Assert.Empty(schema.Validate(withFindings.Out).Select(e => $"{e.Path}: {e.Kind}"));
        Assert.Empty(schema.Validate(clean.Out).Select(e => $"{e.Path}: {e.Kind}"));
        // The schema does judge: a result whose level SARIF does not define is refused.
        Assert.NotEmpty(schema.Validate(withFindings.Out.Replace("\"level\": \"error\"", "\"level\": \"fatal\"")));
    }
}
