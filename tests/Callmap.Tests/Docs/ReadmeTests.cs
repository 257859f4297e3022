using System.Text.RegularExpressions;
using Callmap.Tests.Support;

namespace Callmap.Tests.Docs;

/// <summary>What the README promises a reader about the shipped stacks, held to the plan.</summary>
public partial class ReadmeTests
{
    [Fact]
    public void The_readme_states_the_number_of_resources_the_dev_stack_creates()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));

        var stated = DevStackCount().Match(readme);

        Assert.True(stated.Success, "README no longer states how many resources the dev stack creates");
        Assert.Equal(Maps.PlanFile(Path.Combine(RepoPaths.Stacks, "dev.yaml")).Items.Count, int.Parse(stated.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"For the example dev stack, `pulumi preview` shows (\d+) resources")]
    private static partial Regex DevStackCount();
}
