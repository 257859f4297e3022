namespace Callmap.Tests.Support;

/// <summary>
/// A fact that needs OASIS's SARIF 2.1.0 JSON Schema: at CALLMAP_SARIF_SCHEMA, or at
/// ../shared/sarif/sarif-schema-2.1.0.json. The schema is not shipped here (its source may not be
/// copied into this repository), so the fact is skipped, saying why, where neither is present.
/// </summary>
public sealed class SarifSchemaFactAttribute : FactAttribute
{
    public static string? SchemaPath =>
        new[] { Environment.GetEnvironmentVariable("CALLMAP_SARIF_SCHEMA"), Path.GetFullPath(Path.Combine(RepoPaths.Root, "..", "shared", "sarif", "sarif-schema-2.1.0.json")) }
            .FirstOrDefault(p => !string.IsNullOrEmpty(p) && File.Exists(p));

    public SarifSchemaFactAttribute()
    {
        if (SchemaPath is null)
            Skip = "the SARIF 2.1.0 schema is absent: set CALLMAP_SARIF_SCHEMA to sarif-schema-2.1.0.json (docs.oasis-open.org) or place it in ../shared/sarif/";
    }
}
