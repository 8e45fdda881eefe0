namespace Bazaar.Tests.Platform;

/// <summary>Two shop instances on one PostgreSQL database, as in a cluster.</summary>
public sealed class TwoPostgresInstances : IAsyncLifetime
{
    public PostgresShop First { get; } = new();
    public PostgresShop Second { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await First.InitializeAsync();
        Second = new PostgresShop(First.DatabaseName);
        await Second.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)Second).DisposeAsync();
        await ((IAsyncLifetime)First).DisposeAsync();
    }
}
