using System.CommandLine;
using System.Globalization;
using Bazaar.Admin.Capacity;

namespace Bazaar.Platform.Cli;

/// <summary>
/// `bazaar capacity`: how many shop instances a request mix needs at a target rate and p99, from the
/// service times a benchmark measured, and how available they are together. Pure arithmetic: it
/// needs no database, so it runs anywhere the results file is.
/// </summary>
internal static class CapacityCommand
{
    public static Command Create()
    {
        var bench = new Option<FileInfo?>("--bench") { Description = "A bench/run.sh results file (bench/results/*.md): service times per scenario from its CPU table." };
        var mix = new Option<string?>("--mix") { Description = $"Kinds of requests and their shares, name=share[:ms],… (default with --bench: {MixText.StorefrontFunnel})." };
        var rate = new Option<double>("--rate") { Description = "Target requests per second.", DefaultValueFactory = _ => 1000 };
        var p99 = new Option<double>("--p99") { Description = "Target 99th-percentile response time, milliseconds.", DefaultValueFactory = _ => 500 };
        var cores = new Option<int>("--cores-per-instance") { Description = "CPU cores each instance has.", DefaultValueFactory = _ => 2 };
        var dbCores = new Option<int>("--database-cores") { Description = "CPU cores of the PostgreSQL primary.", DefaultValueFactory = _ => 2 };
        var mtbf = new Option<double>("--mtbf-days") { Description = "Mean time between failures of one instance, days.", DefaultValueFactory = _ => 30 };
        var mttr = new Option<double>("--mttr-seconds") { Description = "Mean time to recover one instance, seconds (chaos runs: nginx stops sending to a dead instance within its 10 s fail_timeout).", DefaultValueFactory = _ => 10 };
        var command = new Command("capacity", "Instances needed for a request mix at a target rate and p99 (M/M/c), their availability, and the design document's worked example.")
        {
            bench, mix, rate, p99, cores, dbCores, mtbf, mttr,
        };
        command.SetAction(async (parse, ct) =>
        {
            var measured = new List<MeasuredScenario>();
            if (parse.GetValue(bench) is { } file)
            {
                if (!file.Exists)
                {
                    await Console.Error.WriteLineAsync($"bazaar capacity: {file.FullName} does not exist.");
                    return ShopCommandLine.Usage;
                }
                measured.AddRange(BenchResults.Parse(await File.ReadAllTextAsync(file.FullName, ct)));
            }
            var mixText = parse.GetValue(mix) ?? (measured.Count > 0 ? MixText.DefaultFor(measured) : null);
            if (mixText is null)
            {
                await Console.Error.WriteLineAsync("bazaar capacity: give --bench FILE (measured service times) or --mix name=share:ms,… (your own).");
                return ShopCommandLine.Usage;
            }
            if (parse.GetValue(rate) <= 0 || parse.GetValue(p99) <= 0 || parse.GetValue(cores) < 1 || parse.GetValue(dbCores) < 0
                || parse.GetValue(mtbf) <= 0 || parse.GetValue(mttr) < 0)
            {
                await Console.Error.WriteLineAsync("bazaar capacity: --rate, --p99, --cores-per-instance and --mtbf-days must be above 0; --mttr-seconds and --database-cores 0 or more.");
                return ShopCommandLine.Usage;
            }
            RequestMix requests;
            try { requests = MixText.Parse(mixText, measured); }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                await Console.Error.WriteLineAsync($"bazaar capacity: {e.Message}");
                return ShopCommandLine.Usage;
            }
            var plan = new CapacityPlan(requests, parse.GetValue(rate), 0.99, parse.GetValue(p99) / 1000, parse.GetValue(cores), parse.GetValue(dbCores));
            var reliability = new ReliabilityModel(parse.GetValue(mtbf) * 86_400, parse.GetValue(mttr));
            Console.Write(CapacityReport.Text(plan, reliability, parse.GetValue(bench)?.Name));
            return 0;
        });
        return command;
    }
}
