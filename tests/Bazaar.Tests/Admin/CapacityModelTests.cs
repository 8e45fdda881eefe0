using Bazaar.Admin.Capacity;

namespace Bazaar.Tests.Admin;

/// <summary>
/// The capacity model against results any queueing textbook gives, and the design document's
/// worked example recomputed: what an operator sizing the cluster relies on.
/// </summary>
public sealed class CapacityModelTests
{
    [Fact]
    public void One_server_half_busy_answers_in_twice_the_service_time_and_its_p99_is_ln100_over_mu_minus_lambda()
    {
        var queue = new QueueModel(ArrivalsPerSecond: 0.5, ServiceSeconds: 1, Servers: 1);

        Assert.Equal(0.5, queue.Utilisation, 12);
        Assert.Equal(0.5, queue.ProbabilityOfWaiting, 12); // M/M/1: P(wait) = ρ
        Assert.Equal(2.0, queue.MeanResponseSeconds, 9); // 1 / (μ − λ)
        Assert.Equal(Math.Log(100) / 0.5, queue.ResponsePercentileSeconds(0.99), 6); // response ~ Exp(μ − λ)
    }

    [Theory]
    [InlineData(2, 1.0, 0.3333333333)] // Erlang C tables
    [InlineData(3, 2.0, 0.4444444444)]
    [InlineData(10, 8.0, 0.4091801508)]
    public void The_chance_of_waiting_is_erlang_c(int servers, double erlangs, double expected)
    {
        var queue = new QueueModel(erlangs, 1, servers);
        Assert.Equal(expected, queue.ProbabilityOfWaiting, 9);
        Assert.Equal(expected / (servers - erlangs), queue.MeanWaitSeconds, 9);
    }

    [Fact]
    public void Hundreds_of_servers_do_not_overflow_and_more_servers_never_wait_longer()
    {
        var big = new QueueModel(280, 1, 300);
        Assert.InRange(big.ProbabilityOfWaiting, 0.01, 0.99);
        Assert.True(double.IsFinite(big.ResponsePercentileSeconds(0.99)));
        Assert.True(new QueueModel(280, 1, 320).ResponsePercentileSeconds(0.99) < big.ResponsePercentileSeconds(0.99));
    }

    [Fact]
    public void A_full_queue_is_overloaded_not_fast()
    {
        var full = new QueueModel(2, 1, 2);
        Assert.False(full.Stable);
        Assert.Equal(double.PositiveInfinity, full.ResponsePercentileSeconds(0.99));
    }

    [Fact]
    public void The_design_documents_worked_example_gives_a_load_of_12000()
    {
        var load = LoadModel.WorkedExample;
        Assert.Equal(12_000, load.Expected, 9);
        Assert.Equal((10_800, 13_200), (Math.Round(load.Band.Low), Math.Round(load.Band.High)));
        Assert.Equal(12_000 / 86_400.0, load.Utilisation(1, 86_400), 12);
    }

    [Fact]
    public void The_documents_logistic_failure_formula_gives_one_for_its_own_example_not_045()
    {
        var p = ReliabilityModel.LogisticFailure(0.01, 86_400);
        Assert.True(p > 0.999999, $"P(F) = {p}");
        Assert.Equal(0.5, ReliabilityModel.LogisticFailure(0.01, 0), 12);
        // 0.45 in the exponential model: t / MTBF = −ln 0.55.
        Assert.Equal(0.45, new ReliabilityModel(86_400 / ReliabilityModel.PeriodsForProbability(0.45), 0).ProbabilityOfFailureWithin(86_400), 9);
    }

    [Fact]
    public void Availability_of_redundant_instances_follows_the_binomial()
    {
        var one = new ReliabilityModel(MtbfSeconds: 99, MttrSeconds: 1);
        Assert.Equal(0.99, one.Availability, 12);
        Assert.Equal(1 - 0.01 * 0.01 * 0.01, one.AvailabilityOf(3, 1), 12);
        Assert.Equal(0.99 * 0.99 * 0.99, one.AvailabilityOf(3, 3), 12);
        Assert.Equal(0.99 * 0.99 * 0.99 + 3 * 0.99 * 0.99 * 0.01, one.AvailabilityOf(3, 2), 12);
        Assert.Equal(1 - Math.Exp(-1), one.ProbabilityOfFailureWithin(99), 12);
    }

    [Fact]
    public void The_plan_asks_for_enough_instances_and_the_database_is_its_own_limit()
    {
        var mix = new RequestMix([
            new RequestKind("product", 90, 0.001, 0.0001),
            new RequestKind("checkout", 10, 0.01, 0.002)]);
        Assert.Equal(0.0019, mix.MeanServiceSeconds, 12);

        var plan = new CapacityPlan(mix, RequestsPerSecond: 3_000, Percentile: 0.99, TargetSeconds: 0.1, CoresPerInstance: 2, DatabaseCores: 2);
        var needed = plan.InstancesNeeded();

        // 3,000/s × 1.9 ms is 5.7 cores of work: three 2-core instances are the least that can hold it.
        Assert.Equal(3, needed);
        Assert.False(plan.Predict(2).MeetsTarget);
        Assert.True(plan.Predict(3).MeetsTarget);
        Assert.True(plan.Predict(3).MaxRequestsPerSecond >= 3_000 && plan.Predict(3).MaxRequestsPerSecond < 3_158);
        Assert.Equal(3_000 * 0.00029 / 2, plan.DatabaseUtilisation!.Value, 9);
        Assert.Equal(2 / 0.00029, plan.DatabaseCeiling!.Value, 6);
    }

    [Fact]
    public void A_slow_kind_of_request_weighs_on_the_tail_more_than_its_share()
    {
        var even = new RequestMix([new RequestKind("page", 1, 0.0029)]);
        var mixed = new RequestMix([new RequestKind("page", 90, 0.001), new RequestKind("search", 10, 0.02)]);
        Assert.Equal(even.MeanServiceSeconds, mixed.MeanServiceSeconds, 12);

        double P99(RequestMix m) => new CapacityPlan(m, 100, 0.99, 1, 2).Predict(1).PercentileSeconds;
        Assert.True(P99(mixed) > 2 * P99(even), $"mixed {P99(mixed)} even {P99(even)}");
    }

    [Fact]
    public void A_benchmark_results_file_gives_cpu_time_per_request()
    {
        const string results = """
            | scenario | load before → after | shop RSS / peak | shop | PostgreSQL | Redis | nginx | wrk | everything else | machine | requests/s of every run |
            | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |
            | ceiling | 15.60 → 14.86 | 285 / 285 MB | 0.01 | 0.00 | 0.00 | 1.04 | 0.63 | 0.32 | 2.00 | 48,330 |
            | home | 14.07 → 11.72 | 296 / 362 MB | 1.32 | 0.01 | 0.00 | 0.00 | 0.32 | 0.33 | 1.98 | 18,138 |
            | checkout | 20.34 → 19.67 | 335 / 393 MB | 0.81 | 0.44 | 0.00 | 0.00 | 0.02 | 0.73 | 2.00 | 472, 610, 468 |

            """;
        var measured = BenchResults.Parse(results);

        Assert.Equal(["home", "checkout"], measured.Select(m => m.Name));
        Assert.Equal(1.32 / 18_138, measured[0].ShopSecondsPerRequest, 12);
        Assert.Equal(472, measured[1].RequestsPerSecond); // the median of the three runs
        Assert.Equal(0.44 / 472, measured[1].DatabaseSecondsPerRequest, 12);

        var mix = MixText.Parse("home=3,checkout=1,search=1:5", measured);
        Assert.Equal(0.005, mix.Kinds.Single(k => k.Name == "search").ServiceSeconds, 12);
        Assert.Equal(0.6, mix.Kinds.Single(k => k.Name == "home").Share, 12);
        var unknown = Assert.Throws<FormatException>(() => MixText.Parse("basket=1", measured));
        Assert.Contains("measured: home, checkout", unknown.Message);
        Assert.Throws<FormatException>(() => BenchResults.Parse("# not a results file"));
    }
}
