using System.Diagnostics;
using Callmap.Loading;
using Callmap.Tests.Support;

namespace Callmap.Tests.Inputs;

/// <summary>
/// Every file a user names is read no further than its documented limit, counted in bytes actually read:
/// endless devices and pipes stop there, a FIFO without a writer ends at a deadline, a directory says so.
/// </summary>
public class BoundedReadTests
{
    private static readonly string Dev = Path.Combine(RepoPaths.Stacks, "dev.yaml");

    private static bool OnUnix => !OperatingSystem.IsWindows();

    [Fact]
    public void A_map_read_from_dev_zero_stops_at_16_MiB_with_a_located_limit_error()
    {
        if (!OnUnix) return;
        var run = CallmapCli.Run("plan", "/dev/zero");

        Assert.Equal(2, run.ExitCode);
        Snapshot.Match(run.Error, "Inputs/map-from-dev-zero");
    }

    [Fact]
    public async Task A_policy_fed_endlessly_through_a_pipe_stops_at_1_MiB()
    {
        if (!OnUnix) return;
        var fifo = Fifo();
        // What `yes > FIFO` does: write until the reader goes away.
        var writer = Task.Run(() =>
        {
            try
            {
                using var stream = new FileStream(fifo, FileMode.Open, FileAccess.Write);
                var line = "y\n"u8.ToArray();
                while (true) stream.Write(line);
            }
            catch (IOException) { /* the reader stopped reading: what callmap must do */ }
        });

        var run = CallmapCli.Run("check", Dev, "--policy", fifo);

        await writer.WaitAsync(TimeSpan.FromSeconds(30)); // throws TimeoutException if callmap kept reading
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(":1:1: error[limit] the policy is larger than 1,048,576 bytes, the most callmap reads; reading stopped there", run.Error);
        File.Delete(fifo);
    }

    [Fact]
    public void A_fifo_that_nobody_writes_to_is_an_error_at_the_deadline_not_a_hang()
    {
        if (!OnUnix) return;
        var fifo = Fifo();
        var deadline = BoundedFile.Deadline;
        BoundedFile.Deadline = TimeSpan.FromSeconds(1);
        try
        {
            var run = CallmapCli.Run("plan", fifo);

            Assert.Equal(2, run.ExitCode);
            Assert.Contains("error[io] nothing could be read from", run.Error);
            Assert.Contains("within 1 seconds (a pipe or FIFO that nobody writes to?)", run.Error);
        }
        finally
        {
            BoundedFile.Deadline = deadline;
            // Release the abandoned reader: a writer that opens and closes gives it end of file.
            new FileStream(fifo, FileMode.Open, FileAccess.Write).Dispose();
            File.Delete(fifo);
        }
    }

    [Fact]
    public void A_directory_given_as_the_map_or_as_a_policy_is_called_a_directory()
    {
        var folder = Directory.CreateTempSubdirectory("callmap-dir-").FullName;
        var asMap = CallmapCli.Run("plan", folder);
        var asPolicy = CallmapCli.Run("check", Dev, "--policy", folder);
        Directory.Delete(folder);

        Assert.Equal(2, asMap.ExitCode);
        Assert.Equal(2, asPolicy.ExitCode);
        Snapshot.Match(asMap.Error.Replace(folder.Replace('\\', '/'), "FOLDER") + asPolicy.Error.Replace(folder.Replace('\\', '/'), "FOLDER"),
            "Inputs/directory-as-map-and-policy");
    }

    [Fact]
    public void A_missing_map_is_named_with_where_maps_live()
    {
        var run = CallmapCli.Run("plan", "/nonexistent/dev.yaml");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("/nonexistent/dev.yaml:1:1: error[io] there is no map at /nonexistent/dev.yaml", run.Error.Replace('\\', '/').Replace("C:", ""));
    }

    [Fact]
    public void A_token_file_over_64_KiB_and_a_roles_file_from_an_endless_device_stop_at_their_limits()
    {
        var token = Path.GetTempFileName();
        File.WriteAllText(token, "ya29." + new string('a', 64 * 1024));
        var tokenRun = CallmapCli.Run("explain-token", token, "--service", "orders", "--map", Dev);
        var literalRun = CallmapCli.Run("explain-token", "ya29." + new string('a', 64 * 1024), "--service", "orders", "--map", Dev);
        File.Delete(token);

        Assert.Equal(2, tokenRun.ExitCode);
        Assert.Contains("error[limit] the token file is larger than 65,536 bytes, the most callmap reads; reading stopped there", tokenRun.Error);
        Assert.Equal(2, literalRun.ExitCode);
        Assert.Contains("error[limit] the token is 65,541 characters long; tokens may be at most 65,536", literalRun.Error);
        if (!OnUnix) return;
        var rolesRun = CallmapCli.Run("check", Dev, "--roles", "/dev/zero");
        Assert.Equal(2, rolesRun.ExitCode);
        Assert.Contains("/dev/zero:1:1: error[limit] the roles file is larger than 67,108,864 bytes", rolesRun.Error);
    }

    [Fact]
    public void The_map_at_a_git_ref_is_read_no_further_than_the_map_limit()
    {
        var repo = Directory.CreateTempSubdirectory("callmap-bigref-").FullName;
        var map = Path.Combine(repo, "dev.yaml");
        File.WriteAllText(map, "# " + new string('x', (int)InputKind.Map.MaxBytes) + "\n");
        Git(repo, "init", "-q");
        Git(repo, "add", "dev.yaml");
        Git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "huge");
        File.Copy(Dev, map, overwrite: true);

        var run = CallmapCli.Run("diff", "--base", "HEAD", map);
        Directory.Delete(repo, recursive: true);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("""
            dev.yaml@HEAD:1:1: error[limit] the map at HEAD is larger than 16,777,216 bytes, the most callmap reads; reading stopped there
                fix: split the environment into several stacks, or remove generated content from the map
            1 error in dev.yaml@HEAD; nothing was planned.

            """.ReplaceLineEndings("\n"), run.Error);
    }

    [Fact]
    public void Reading_up_to_a_limit_counts_the_bytes_read_and_says_whether_more_followed()
    {
        Assert.Equal((5, false), Shape(BoundedFile.ReadUpTo(new MemoryStream(new byte[5]), 5)));
        Assert.Equal((5, true), Shape(BoundedFile.ReadUpTo(new MemoryStream(new byte[6]), 5)));
        Assert.Equal((0, false), Shape(BoundedFile.ReadUpTo(new MemoryStream(), 5)));
        static (int, bool) Shape((byte[] Bytes, bool More) r) => (r.Bytes.Length, r.More);
    }

    private static string Fifo()
    {
        var path = Path.Combine(Path.GetTempPath(), $"callmap-fifo-{Guid.NewGuid():N}");
        using var mkfifo = Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
        return path;
    }

    private static void Git(string dir, params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = dir, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var git = Process.Start(start)!;
        git.WaitForExit();
        Assert.True(git.ExitCode == 0, git.StandardError.ReadToEnd());
    }
}
