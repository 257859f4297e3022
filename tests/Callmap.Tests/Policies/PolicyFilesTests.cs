using Callmap.Policies;
using Callmap.Reports;
using Callmap.Tests.Support;

namespace Callmap.Tests.Policies;

/// <summary>check MAP finds the project's policies from the folder holding Pulumi.yaml, wherever the map is.</summary>
public sealed class PolicyFilesTests : IDisposable
{
    private readonly string _outside = Directory.CreateTempSubdirectory("callmap-outside-").FullName;
    private readonly string _elsewhere = Directory.CreateTempSubdirectory("callmap-elsewhere-").FullName;

    public void Dispose()
    {
        Directory.Delete(_outside, recursive: true);
        Directory.Delete(_elsewhere, recursive: true);
    }

    private string Shown(string text) =>
        text.Replace("../" + Path.GetFileName(_outside), "OUTSIDE").Replace(_outside.Replace('\\', '/'), "OUTSIDE").Replace(_elsewhere.Replace('\\', '/'), "ELSEWHERE");

    [Fact]
    public void A_map_outside_stacks_is_checked_by_the_policies_of_the_project_around_the_working_directory()
    {
        var copy = Path.Combine(_outside, "dev.yaml");
        File.Copy(Path.Combine(RepoPaths.Stacks, "dev.yaml"), copy);

        // The tests run below the repository root, which holds Pulumi.yaml.
        var search = PolicyFiles.Find(copy);

        Assert.Null(search.Error);
        Assert.Equal([Path.Combine(RepoPaths.Root, "policies", "baseline.yaml"), Path.Combine(RepoPaths.Root, "policies", "dev.yaml")], search.Paths);
        var run = CallmapCli.Run("check", copy);
        var inPlace = CallmapCli.Run("check", Path.Combine(RepoPaths.Stacks, "dev.yaml"));
        Assert.Equal(inPlace.ExitCode, run.ExitCode);
        Assert.Equal("", run.Error);
        Assert.EndsWith(inPlace.Out.Split('\n')[^2], run.Out.TrimEnd('\n'));
    }

    [Fact]
    public void The_project_root_above_the_map_comes_before_the_working_directory()
    {
        Directory.CreateDirectory(Path.Combine(_outside, "policies"));
        Directory.CreateDirectory(Path.Combine(_outside, "stacks"));
        File.WriteAllText(Path.Combine(_outside, "Pulumi.yaml"), "name: other\nruntime: dotnet\n");
        File.WriteAllText(Path.Combine(_outside, "policies", "baseline.yaml"), "rules: {}\n");
        File.WriteAllText(Path.Combine(_outside, "policies", "qa.yaml"), "rules: {}\n");
        var map = Path.Combine(_outside, "stacks", "qa.yaml");

        var search = PolicyFiles.Find(map, workingDirectory: RepoPaths.Root);

        Assert.Null(search.Error);
        Assert.Equal([Path.Combine(_outside, "policies", "baseline.yaml"), Path.Combine(_outside, "policies", "qa.yaml")], search.Paths);
    }

    [Fact]
    public void Without_a_project_the_error_says_every_place_it_looked()
    {
        var noProject = PolicyFiles.Find(Path.Combine(_outside, "x.yaml"), workingDirectory: _elsewhere);
        File.WriteAllText(Path.Combine(_outside, "Pulumi.yaml"), "name: other\n");
        var noBaseline = PolicyFiles.Find(Path.Combine(_outside, "x.yaml"), workingDirectory: _elsewhere);

        Assert.Empty(noProject.Paths);
        Assert.Empty(noBaseline.Paths);
        Snapshot.Match(Shown(DiagnosticsReport.Render([noProject.Error!]) + DiagnosticsReport.Render([noBaseline.Error!])), "Check/no-policies-found");
    }
}
