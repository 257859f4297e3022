using System.Globalization;
using Callmap.Deploy.Benchmarks;

// The Pulumi program under the mock engine at scale (DeployBenchmark says what and how):
//   [--sizes 200,2000] [--runs 3] [--edges-per-service 10] [--no-profile]   every size, preview and update, as Markdown
//   --case SERVICES preview|update [same options]                           one size and mode (what the above starts per case)
var sizes = new List<int> { 200, 2_000 };
var runs = 3;
var edgesPerService = 10;
var profile = true;
(int Services, string Mode)? single = null;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--sizes" when i + 1 < args.Length:
            sizes = args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Count).ToList();
            break;
        case "--runs" when i + 1 < args.Length:
            runs = Count(args[++i]);
            break;
        case "--edges-per-service" when i + 1 < args.Length:
            edgesPerService = Count(args[++i]);
            break;
        case "--no-profile":
            profile = false;
            break;
        case "--case" when i + 2 < args.Length:
            single = (Count(args[++i]), args[++i]);
            break;
        default:
            Console.Error.WriteLine($"unknown argument '{args[i]}'\nusage: {DeployBenchmark.Usage}");
            return 2;
    }
}

return single is { } one
    ? await DeployBenchmark.RunCaseAsync(one.Services, one.Mode, runs, edgesPerService, profile)
    : await DeployBenchmark.RunAsync(sizes, runs, edgesPerService, profile);

static int Count(string text) =>
    int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException($"'{text}' is not a positive whole number");
