using System.Diagnostics;
using System.Globalization;

namespace Callmap.Benchmarks;

/// <summary>Wall time and peak resident memory of one whole process, or why it was stopped.</summary>
/// <param name="CpuSeconds">User and system time of the process: steadier than wall time on a machine others share.</param>
public sealed record ProcessFigures(double Seconds, double CpuSeconds, double PeakMegabytes, int ExitCode, string? Stopped);

/// <summary>
/// Runs one command as its own process, its output read and thrown away as a pipe reader would, under
/// GNU time for the peak resident set (Linux's own count of the process's high-water mark). A run that
/// exceeds the time or memory cap is killed, so a quadratic case cannot take the shared machine down.
/// </summary>
public static class MeasuredProcess
{
    public const string GnuTime = "/usr/bin/time";

    public static bool PeakMemoryAvailable => File.Exists(GnuTime);

    public static ProcessFigures Run(IReadOnlyList<string> command, TimeSpan timeout, double memoryCapMegabytes)
    {
        var figuresFile = Path.GetTempFileName();
        try
        {
            var start = new ProcessStartInfo(PeakMemoryAvailable ? GnuTime : command[0])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            if (PeakMemoryAvailable)
            {
                foreach (var arg in new[] { "-f", "%M %U %S", "-o", figuresFile }) start.ArgumentList.Add(arg);
                foreach (var arg in command) start.ArgumentList.Add(arg);
            }
            else
            {
                foreach (var arg in command.Skip(1)) start.ArgumentList.Add(arg);
            }

            var stopwatch = Stopwatch.StartNew();
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {command[0]}");
            var drainOut = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
            var stderr = process.StandardError.ReadToEndAsync();
            string? stopped = null;
            var polledPeak = 0.0;
            while (!process.WaitForExit(50))
            {
                var rss = ResidentMegabytes(process.Id);
                polledPeak = Math.Max(polledPeak, rss);
                if (stopwatch.Elapsed > timeout) stopped = $"stopped after {timeout.TotalSeconds:F0} s";
                else if (rss > memoryCapMegabytes) stopped = $"stopped at {memoryCapMegabytes:F0} MB";
                if (stopped is null) continue;
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                break;
            }
            process.WaitForExit();
            drainOut.Wait();
            var seconds = stopwatch.Elapsed.TotalSeconds;
            if (stopped is null && process.ExitCode is not (0 or 1))
                throw new InvalidOperationException($"`{string.Join(' ', command)}` exited {process.ExitCode}: {stderr.Result}");

            var (peak, cpu) = (polledPeak, double.NaN);
            if (stopped is null && PeakMemoryAvailable)
            {
                // GNU time writes "Command exited with non-zero status 1" first when the command exits 1.
                var figures = File.ReadAllLines(figuresFile).Last(l => l.Length > 0).Split(' ');
                peak = double.Parse(figures[0], CultureInfo.InvariantCulture) / 1024;
                cpu = double.Parse(figures[1], CultureInfo.InvariantCulture) + double.Parse(figures[2], CultureInfo.InvariantCulture);
            }
            return new ProcessFigures(seconds, cpu, peak, stopped is null ? process.ExitCode : -1, stopped);
        }
        finally
        {
            File.Delete(figuresFile);
        }
    }

    /// <summary>Resident memory of a process and its children (GNU time's child is the measured process).</summary>
    private static double ResidentMegabytes(int pid)
    {
        var total = 0.0;
        foreach (var id in WithDescendants(pid))
        {
            try
            {
                var line = File.ReadLines($"/proc/{id}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
                if (line is not null) total += double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
            }
            catch (IOException) { } // the process ended between the listing and the read
        }
        return total;
    }

    private static IEnumerable<int> WithDescendants(int pid)
    {
        yield return pid;
        string children;
        try { children = File.ReadAllText($"/proc/{pid}/task/{pid}/children"); }
        catch (IOException) { yield break; }
        catch (UnauthorizedAccessException) { yield break; }
        foreach (var child in children.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            foreach (var id in WithDescendants(int.Parse(child, CultureInfo.InvariantCulture)))
                yield return id;
    }
}
