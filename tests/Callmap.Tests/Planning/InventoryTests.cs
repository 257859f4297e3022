using Callmap.Reports;
using Callmap.Tests.Support;

namespace Callmap.Tests.Planning;

/// <summary>
/// Fabric-style inventories: for every map the repository ships, the complete plan (every item with
/// every value) is compared with a committed expectation, so any change to what `pulumi up` would
/// declare shows up in review as a diff of Inventories/*.json.
/// </summary>
public class InventoryTests
{
    public static TheoryData<string> GoodMaps() => new(Maps.GoodMapFiles().Select(RepoPaths.Relative));

    [Theory]
    [MemberData(nameof(GoodMaps))]
    public void The_whole_plan_of_a_shipped_map_matches_its_committed_inventory(string map)
    {
        var plan = Maps.PlanFile(Path.Combine(RepoPaths.Root, map));

        var name = $"{Path.GetFileName(Path.GetDirectoryName(map))!.ToLowerInvariant()}-{Path.GetFileNameWithoutExtension(map)}";
        Snapshot.Match(JsonPlan.Render(plan), $"Inventories/{name}", "json");
    }
}
