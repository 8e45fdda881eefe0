using Bazaar.Ordering;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bazaar.Catalog;

/// <summary>
/// At start, loads what the first shoppers will ask for into the cache: the category tree and the
/// products that sold most over the last week (<c>Caching:WarmUpProducts</c>, 200 by default).
/// Until it is done /readyz says "warming up" (503), so a load balancer sends traffic to a fresh
/// instance only once it answers from memory. A failure leaves a cold cache, not a dead instance.
/// </summary>
public sealed class WarmCatalogCache(IServiceScopeFactory scopes, CategoryTree categories, ProductCache products,
    IConfiguration config, TimeProvider clock, ILogger<WarmCatalogCache> log) : BackgroundService, IHealthCheck
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Done => _done.Task;

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        var count = config.GetValue("Caching:WarmUpProducts", 200);
        var started = clock.GetTimestamp();
        try
        {
            await categories.RootsAsync(ct);
            await using var scope = scopes.CreateAsyncScope();
            var figures = scope.ServiceProvider.GetRequiredService<IOrderFigures>();
            var top = count > 0
                ? await figures.TopProductsAsync(clock.GetUtcNow().UtcDateTime.AddDays(-7), count, ct)
                : [];
            foreach (var sold in top)
                await products.GetAsync(sold.ProductId, ct);
            log.LogInformation("Cache warmed: category tree and {Count} best-selling products in {Ms:0} ms",
                top.Count, clock.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning(e, "Warming the cache failed; the shop serves from the database until the cache fills");
        }
        finally
        {
            _done.TrySetResult();
        }
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
        Task.FromResult(_done.Task.IsCompleted
            ? HealthCheckResult.Healthy("warm")
            : new HealthCheckResult(context.Registration.FailureStatus, "warming up the cache"));
}
