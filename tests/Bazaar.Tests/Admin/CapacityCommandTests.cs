using Bazaar.Tests.Platform;

namespace Bazaar.Tests.Admin;

/// <summary>`bazaar capacity` as an operator runs it: on the committed benchmark results, with no database.</summary>
public sealed class CapacityCommandTests
{
    private static readonly Dictionary<string, string?> NoShop = new() { ["ConnectionStrings__Shop"] = "Host=127.0.0.1;Port=1" };

    private static string BenchFile()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !Directory.Exists(Path.Combine(dir.FullName, "bench", "results")))
            dir = dir.Parent;
        Assert.NotNull(dir);
        return Path.Combine(dir!.FullName, "bench", "results", "2026-11-26-4.md");
    }

    [Fact]
    public async Task Prints_how_many_instances_the_measured_mix_needs_and_corrects_the_documents_example()
    {
        var run = await BazaarRun.StartAsync(NoShop, "capacity", "--bench", BenchFile(), "--rate", "5000", "--p99", "500");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("product_html", run.Out);
        Assert.Matches(@"Needed: \d+ instances? for 5,000 requests/s", run.Out);
        Assert.Contains("= 12,000", run.Out);
        Assert.Contains("not the document's 0.45", run.Out);
    }

    [Fact]
    public async Task A_kind_nobody_measured_is_a_usage_error_naming_what_was()
    {
        var run = await BazaarRun.StartAsync(NoShop, "capacity", "--bench", BenchFile(), "--mix", "basket=10");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("'basket' was not measured", run.Err);
        Assert.Contains("checkout", run.Err);
    }
}
