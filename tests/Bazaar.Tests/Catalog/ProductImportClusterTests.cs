using System.Net;
using System.Net.Http.Json;
using Bazaar.Catalog;
using Bazaar.Tests.Ordering;
using Bazaar.Tests.Platform;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Bazaar.Tests.Catalog.CatalogApi;
using static Bazaar.Tests.Catalog.ProductFiles;

namespace Bazaar.Tests.Catalog;

/// <summary>
/// Back-office imports on several instances of the shop over one PostgreSQL database, as in the
/// cluster: any instance takes the upload and any reports on it; one import runs at a time; an
/// import whose instance died or stopped is finished by another; one that keeps failing is given up.
/// </summary>
public sealed class ProductImportClusterTests(PostgresShop shop) : IClassFixture<PostgresShop>
{
    private const string Uploads = "/api/v1/admin/products/imports";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    private WebApplicationFactory<Program> Instance(Stocking? stocking = null) =>
        shop.WithWebHostBuilder(b => b.ConfigureTestServices(s => stocking?.Install(s)));

    /// <summary>An admin's API client on that instance: bearer tokens hold on every instance (shared keys).</summary>
    private async Task<HttpClient> AdminOn(WebApplicationFactory<Program> instance)
    {
        var client = instance.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = (await shop.AdminAsync()).DefaultRequestHeaders.Authorization;
        return client;
    }

    private static byte[] File(string prefix, int rows) =>
        Utf8(Csv([Header, .. Enumerable.Range(1, rows).Select(i => Row($"{prefix}-{i:D5}"))]));

    private static async Task<Guid> UploadAsync(HttpClient admin, byte[] file)
    {
        var response = await admin.PostAsync(Uploads, Upload(file));
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await Describe(response));
        return (await response.Content.ReadFromJsonAsync<Started>())!.Id;
    }

    private static async Task<ImportView> ViewAsync(HttpClient admin, Guid id)
    {
        var response = await admin.GetAsync($"{Uploads}/{id}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await Describe(response));
        return (await response.Content.ReadFromJsonAsync<ImportView>())!;
    }

    private Task<int> CountAsync(string prefix) =>
        shop.WithDbAsync(db => db.Set<Product>().CountAsync(p => p.Sku.StartsWith(prefix + "-")));

    private Task<int> StockRowsAsync(string prefix) =>
        shop.WithDbAsync(db => db.Database.SqlQuery<int>($"""
            SELECT count(*)::int AS "Value" FROM "StockLevels" s JOIN "Products" p ON p."Id" = s."ProductId"
            WHERE p."Sku" LIKE {prefix + "-%"}
            """).SingleAsync());

    private static RunProductImports Worker(WebApplicationFactory<Program> instance) => instance.Services.GetRequiredService<RunProductImports>();

    [Fact]
    public async Task An_import_uploaded_through_one_instance_shows_its_progress_then_its_report_on_another()
    {
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var taker = Instance(new Stocking(async (call, _, ct) =>
        {
            if (call == 1)
                shop.Clock.Advance(TimeSpan.FromSeconds(2)); // the first batch takes a while: its progress is written
            if (call == 2)
            {
                held.TrySetResult();
                await gate.Task.WaitAsync(ct);
            }
        }));
        var other = Instance();
        var prefix = NewSku("MOVE");

        var id = await UploadAsync(await AdminOn(taker), File(prefix, 2_500));
        await held.Task.WaitAsync(Wait);
        var asked = await AdminOn(other);
        var running = await ViewAsync(asked, id);
        gate.TrySetResult();
        await shop.ImportFinishedAsync(id);
        var done = await ViewAsync(asked, id);

        Assert.Equal(("running", 1_000, 1_000, "products.csv"), (running.State, running.Rows, running.Created, running.FileName));
        Assert.InRange(running.Percent, 1, 99);
        Assert.Null(running.RejectedRows);
        Assert.Equal(("done", 100, 2_500, 2_500, 0), (done.State, done.Percent, done.Rows, done.Created, done.Rejected));
        Assert.Empty(done.RejectedRows!);
        Assert.Equal(2_500, await CountAsync(prefix));
        Assert.False(await shop.ImportFileKeptAsync(id));
    }

    [Fact]
    public async Task An_import_whose_instance_died_is_finished_by_another_once_the_lease_ran_out_and_every_product_is_there_once()
    {
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var dying = Instance(new Stocking(async (call, _, ct) =>
        {
            if (call != 2)
                return;
            held.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct); // hangs in its second batch until its lease is gone
        }));
        var survivor = Instance();
        var prefix = NewSku("DIED");

        var id = await UploadAsync(await AdminOn(dying), File(prefix, 2_500));
        await held.Task.WaitAsync(Wait);
        Assert.False(await Worker(survivor).RunOnceAsync(default)); // the lease is alive: nothing to take
        shop.Clock.Advance(Worker(survivor).Lease + TimeSpan.FromSeconds(1));
        Assert.True(await Worker(survivor).RunOnceAsync(default));

        var job = await shop.ImportFinishedAsync(id);
        Assert.Equal((ProductImportStatus.Done, 2), (job.State, job.Attempts));
        // The first batch was committed by the instance that died; the file was read again from the top.
        var view = await ViewAsync(await AdminOn(survivor), id);
        Assert.Equal((2_500, 1_500, 0, 1_000, 0), (view.Rows, view.Created, view.Updated, view.Unchanged, view.Rejected));
        Assert.Equal(2_500, await CountAsync(prefix));
        Assert.Equal(2_500, await StockRowsAsync(prefix));
        Assert.False(await shop.ImportFileKeptAsync(id));
    }

    [Fact]
    public async Task One_import_runs_at_a_time_across_instances_and_the_waiting_ones_follow_in_arrival_order()
    {
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stocking = new Stocking(async (call, _, ct) =>
        {
            if (call != 1)
                return;
            held.TrySetResult();
            await gate.Task.WaitAsync(ct);
        });
        var first = Instance(stocking);
        var second = Instance(stocking);
        var prefixes = Enumerable.Range(0, 1 + ProductImportQueue.MaxWaiting).Select(_ => NewSku("TURN")).ToList();

        var running = await UploadAsync(await AdminOn(first), File(prefixes[0], 3));
        await held.Task.WaitAsync(Wait);
        var onSecond = await AdminOn(second);
        var waiting = new List<Guid>();
        foreach (var prefix in prefixes.Skip(1))
        {
            shop.Clock.Advance(TimeSpan.FromSeconds(1)); // arrival order is the order of their times
            waiting.Add(await UploadAsync(onSecond, File(prefix, 3)));
        }
        var refused = await onSecond.PostAsync(Uploads, Upload(File(NewSku("TURN"), 3)));

        Assert.False(await Worker(second).RunOnceAsync(default));
        Assert.False(await Worker(first).RunOnceAsync(default));
        foreach (var id in waiting)
        {
            var view = await ViewAsync(onSecond, id);
            Assert.Equal(("queued", 0, 0), (view.State, view.Percent, view.Rows));
        }
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);

        gate.TrySetResult();
        foreach (var id in waiting.Prepend(running))
            Assert.Equal(ProductImportStatus.Done, (await shop.ImportFinishedAsync(id)).State);
        // Both instances had every import's stocking pass through them: one batch each, never two imports interleaved.
        Assert.Equal(prefixes.Select(p => $"{p}-00001"), stocking.Batches);
    }

    [Fact]
    public async Task An_import_that_fails_three_times_ends_failed_with_the_reason_and_its_file_is_gone()
    {
        var stocking = new Stocking((_, _, _) => throw new InvalidOperationException("The stock service is down."));
        var failing = Instance(stocking);
        var prefix = NewSku("FAIL");

        var id = await UploadAsync(await AdminOn(failing), File(prefix, 3));
        var job = await shop.ImportFinishedAsync(id);
        var view = await ViewAsync(await AdminOn(Instance()), id);

        Assert.Equal((ProductImportStatus.Failed, RunProductImports.MaxAttempts), (job.State, job.Attempts));
        Assert.Equal("failed", view.State);
        Assert.StartsWith("The import failed: The stock service is down.", view.Error);
        Assert.False(await shop.ImportFileKeptAsync(id));
        Assert.Equal(0, await CountAsync(prefix));
    }

    [Fact]
    public async Task An_import_whose_instances_died_three_times_is_given_up_rather_than_tried_for_ever()
    {
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var dying = Instance(new Stocking(async (_, _, ct) =>
        {
            held.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);
        }));
        var survivor = Instance();

        var id = await UploadAsync(await AdminOn(dying), File(NewSku("GONE"), 3));
        await held.Task.WaitAsync(Wait);
        // Two earlier instances died running it before this one.
        await shop.WithDbAsync(db => db.Set<ProductImport>().Where(j => j.Id == id).ExecuteUpdateAsync(u => u.SetProperty(j => j.Attempts, 3)));
        shop.Clock.Advance(Worker(survivor).Lease + TimeSpan.FromSeconds(1));
        Assert.True(await Worker(survivor).RunOnceAsync(default));

        var job = await shop.ImportFinishedAsync(id);
        Assert.Equal(ProductImportStatus.Failed, job.State);
        Assert.StartsWith("The import was interrupted 3 times", job.Error);
        Assert.False(await shop.ImportFileKeptAsync(id));
    }

    [Fact]
    public async Task An_instance_that_stops_mid_import_hands_it_back_at_once_and_another_finishes_it()
    {
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stopping = Instance(new Stocking(async (call, _, ct) =>
        {
            if (call != 2)
                return;
            held.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);
        }));
        var other = Instance();
        var prefix = NewSku("STOP");

        var id = await UploadAsync(await AdminOn(stopping), File(prefix, 1_500));
        await held.Task.WaitAsync(Wait);
        await stopping.DisposeAsync();
        var handedBack = await shop.ImportWhenAsync(id, j => j.LockedUntil == null);

        Assert.Equal((ProductImportStatus.Queued, 0), (handedBack.State, handedBack.Attempts));
        Assert.True(await Worker(other).RunOnceAsync(default)); // without waiting for any lease
        var job = await shop.ImportFinishedAsync(id);
        Assert.Equal((ProductImportStatus.Done, 1, 1_500), (job.State, job.Attempts, job.Rows));
        Assert.Equal(1_500, await CountAsync(prefix));
    }
}
