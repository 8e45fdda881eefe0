using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Bazaar.Tests.Platform;

/// <summary>
/// The operator's command line as an operator meets it: the built bazaar.dll run as a process
/// (`dotnet bazaar.dll ...`, copied next to this assembly by the project reference) against a
/// database of its own, checked afterwards with SQL.
/// </summary>
public abstract class CommandLineTests(CliDatabase db)
{
    [Fact]
    public async Task Migrate_exits_0_and_creates_the_schema()
    {
        var run = db.Migrated;
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("up to date", run.Out);
        Assert.True(await db.CountAsync("""SELECT COUNT(*) FROM "__EFMigrationsHistory" """) > 0);
        // Each table answers a query (a missing one throws).
        foreach (var table in new[] { "Products", "Categories", "StockLevels", "AspNetUsers", "AspNetUserRoles" })
            Assert.True(await db.CountAsync($"""SELECT COUNT(*) FROM "{table}" """) >= 0);
    }

    [Fact]
    public async Task Seed_adds_the_products_asked_for_each_with_a_stock_row()
    {
        const string seeded = """SELECT COUNT(*) FROM "Products" WHERE "Sku" LIKE 'S%'""";
        const string seededStock = """SELECT COUNT(*) FROM "StockLevels" WHERE "Sku" LIKE 'S%'""";
        var (products, stock) = (await db.CountAsync(seeded), await db.CountAsync(seededStock));

        var run = await db.RunAsync("seed", "--products", "500");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Added 500 products", run.Out);
        Assert.Contains("500 of 500 (100%)", run.Out); // plain progress lines: stdout is not a terminal
        Assert.Equal(products + 500, await db.CountAsync(seeded));
        Assert.Equal(stock + 500, await db.CountAsync(seededStock));
        Assert.Equal(0, await db.CountAsync("""
            SELECT COUNT(*) FROM "Products" p LEFT JOIN "StockLevels" s ON s."ProductId" = p."Id"
            WHERE s."ProductId" IS NULL OR s."Sku" <> p."Sku" OR s."Reserved" <> 0
            """));
        Assert.True(await db.CountAsync("""SELECT COUNT(*) FROM "AspNetUsers" WHERE "UserName" = 'admin'""") == 1,
            "seed also creates the admin account when it is missing");
    }

    [Fact]
    public async Task Backup_writes_a_copy_that_holds_the_shops_products()
    {
        Assert.True((await db.RunAsync("seed", "--products", "50")).ExitCode == 0);
        var products = await db.CountAsync("""SELECT COUNT(*) FROM "Products" """);
        var file = Path.Combine(Path.GetTempPath(), "bazaar-tests", $"backup-{Guid.NewGuid():N}.bak");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        try
        {
            var run = await db.RunAsync("backup", file);

            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Contains($"to {file}", run.Out);
            Assert.False(File.Exists(file + ".partial"));
            var head = new byte[5];
            await using (var stream = File.OpenRead(file))
                await stream.ReadExactlyAsync(head);
            if (db is SqliteCliDatabase)
            {
                Assert.Contains($"{products} products", run.Out);
                await using var copy = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
                await copy.OpenAsync();
                await using var count = copy.CreateCommand();
                count.CommandText = """SELECT COUNT(*) FROM "Products" """;
                Assert.Equal(products, Convert.ToInt64(await count.ExecuteScalarAsync()));
            }
            else
            {
                Assert.Equal("PGDMP"u8.ToArray(), head); // pg_dump's custom format, for pg_restore
            }
        }
        finally
        {
            File.Delete(file);
        }

        var nowhere = await db.RunAsync("backup", "/no/such/folder/shop.bak");
        Assert.Equal(2, nowhere.ExitCode);
        Assert.Contains("does not exist", nowhere.Err);
    }

    [Fact]
    public async Task Create_admin_creates_an_account_in_the_admin_role()
    {
        var name = "ops" + Guid.NewGuid().ToString("N")[..8];

        var run = await db.RunAsync("create-admin", "--user-name", name, "--password", "Ops-Pass-2026");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"Created {name}", run.Out);
        Assert.Equal(1, await AdminsNamedAsync(name));
        // Making an operator is a security event: the audit log names the account.
        Assert.Equal(1, await db.CountAsync($"""SELECT COUNT(*) FROM "AuditEntries" WHERE "Action" = 'account.role-granted' AND "Target" = 'account {name}'"""));

        var again = await db.RunAsync("create-admin", "--user-name", name, "--password", "Another-Pass-2026");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("already exists", again.Out);
        Assert.Equal(1, await AdminsNamedAsync(name));
    }

    [Fact]
    public async Task Create_admin_with_a_short_password_says_why_and_exits_non_zero()
    {
        var name = "ops" + Guid.NewGuid().ToString("N")[..8];

        var run = await db.RunAsync("create-admin", "--user-name", name, "--password", "short");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("at least 8 characters", run.Err);
        Assert.DoesNotContain("   at ", run.Err);
        Assert.Equal(0, await db.CountAsync($"""SELECT COUNT(*) FROM "AspNetUsers" WHERE "UserName" = '{name}'"""));
    }

    private Task<long> AdminsNamedAsync(string name) => db.CountAsync($"""
        SELECT COUNT(*) FROM "AspNetUsers" u
        JOIN "AspNetUserRoles" ur ON ur."UserId" = u."Id" JOIN "AspNetRoles" r ON r."Id" = ur."RoleId"
        WHERE u."UserName" = '{name}' AND r."Name" = 'Admin'
        """);
}

public sealed class CommandLineTests_Sqlite(SqliteCliDatabase db) : CommandLineTests(db), IClassFixture<SqliteCliDatabase>;
public sealed class CommandLineTests_Postgres(PostgresCliDatabase db) : CommandLineTests(db), IClassFixture<PostgresCliDatabase>;

/// <summary>What needs no database: help, and arguments refused before anything is opened.</summary>
public sealed class CommandLineArgumentTests
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "bazaar-tests", "cli-args-" + Guid.NewGuid().ToString("N"));

    private Task<BazaarRun> RunAsync(params string[] args) => BazaarRun.StartAsync(new Dictionary<string, string?>
    {
        ["Database__Provider"] = "Sqlite", ["ConnectionStrings__Shop"] = "", ["Storage__DataDirectory"] = _dataDirectory,
    }, args);

    [Theory]
    [InlineData("", "migrate")]
    [InlineData("migrate", "Apply pending database migrations")]
    [InlineData("seed", "--products <N>")]
    [InlineData("create-admin", "--user-name <name>")]
    [InlineData("import", "products <FILE>")]
    [InlineData("export", "products <FILE>")]
    public async Task Help_is_shown_for_the_root_and_each_command(string command, string expected)
    {
        var run = await RunAsync(command.Length == 0 ? ["--help"] : [command, "--help"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Usage:", run.Out);
        Assert.Contains(expected, run.Out);
        Assert.False(Directory.Exists(_dataDirectory), "help must not open the database");
    }

    [Theory]
    [InlineData("seed --products 0", "--products must be a whole number from 1 to 10,000,000, not '0'.")]
    [InlineData("seed --products abc", "--products must be a whole number from 1 to 10,000,000, not 'abc'.")]
    [InlineData("seed --products 10000001", "--products must be a whole number from 1 to 10,000,000")]
    [InlineData("seed --products", "Required argument missing for option: '--products'")]
    [InlineData("seed --bogus", "Unrecognized command or argument '--bogus'")]
    [InlineData("create-admin --password", "Required argument missing for option: '--password'")]
    [InlineData("migrat", "'migrat' is not a command. Did you mean 'migrate'?")]
    [InlineData("import", "bazaar import: Required command was not provided.")]
    [InlineData("import products /no/such/products.csv", "bazaar import products: File does not exist: '/no/such/products.csv'.")]
    [InlineData("export products", "bazaar export products: Required argument missing")]
    public async Task Bad_arguments_exit_2_with_a_message_before_touching_the_database(string args, string expected)
    {
        var run = await RunAsync(args.Split(' '));

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(expected, run.Err);
        Assert.Contains("--help' for usage", run.Err);
        Assert.DoesNotContain("   at ", run.Err);
        Assert.False(Directory.Exists(_dataDirectory), "bad arguments must not open the database");
    }

    [Fact]
    public async Task An_unreachable_database_is_a_one_line_error_and_exit_1()
    {
        var run = await BazaarRun.StartAsync(new Dictionary<string, string?>
        {
            ["Database__Provider"] = "Postgres",
            ["ConnectionStrings__Shop"] = "Host=127.0.0.1;Port=1;Username=nobody;Database=nothing;Timeout=5",
        }, ["migrate"]);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("bazaar migrate: Failed to connect to 127.0.0.1:1", run.Err);
        Assert.DoesNotContain("   at ", run.Err);
    }
}

/// <summary>One finished `dotnet bazaar.dll ...`.</summary>
public sealed record BazaarRun(int ExitCode, string Out, string Err)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Err}";

    public static async Task<BazaarRun> StartAsync(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "bazaar.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing: the test project references src/Bazaar, whose output is copied here.");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true,
            UseShellExecute = false, WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        foreach (var (key, value) in environment)
            start.Environment[key] = value;
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bazaar {string.Join(' ', args)} did not finish in 120 s.");
        }
        return new BazaarRun(process.ExitCode, await stdout, await stderr);
    }
}

/// <summary>A database of the test's own, migrated once by `bazaar migrate` (the first test checks that run).</summary>
public abstract class CliDatabase : IAsyncLifetime
{
    public BazaarRun Migrated { get; private set; } = null!;

    protected abstract IReadOnlyDictionary<string, string?> Environment { get; }
    protected abstract DbConnection Connect();
    protected virtual Task CreateAsync() => Task.CompletedTask;
    protected abstract Task DropAsync();

    public Task<BazaarRun> RunAsync(params string[] args) => BazaarRun.StartAsync(Environment, args);

    public async Task<long> CountAsync(string sql)
    {
        await using var connection = Connect();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    public async Task InitializeAsync()
    {
        await CreateAsync();
        Migrated = await RunAsync("migrate");
    }

    public Task DisposeAsync() => DropAsync();
}

public sealed class SqliteCliDatabase : CliDatabase
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "bazaar-tests", "cli-" + Guid.NewGuid().ToString("N"));

    protected override IReadOnlyDictionary<string, string?> Environment => new Dictionary<string, string?>
    {
        ["Database__Provider"] = "Sqlite", ["ConnectionStrings__Shop"] = "", ["Storage__DataDirectory"] = _dir,
    };

    protected override DbConnection Connect() =>
        new SqliteConnection($"Data Source={Path.Combine(_dir, "bazaar.db")};Mode=ReadOnly;Pooling=False");

    protected override Task DropAsync()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }
}

public sealed class PostgresCliDatabase : CliDatabase
{
    private readonly string _database = "bazaar_cli_" + Guid.NewGuid().ToString("N")[..16];
    private string ConnectionString => new NpgsqlConnectionStringBuilder(PostgresShop.ServerConnectionString) { Database = _database }.ConnectionString;

    protected override IReadOnlyDictionary<string, string?> Environment => new Dictionary<string, string?>
    {
        ["Database__Provider"] = "Postgres", ["ConnectionStrings__Shop"] = ConnectionString,
    };

    protected override DbConnection Connect() => new NpgsqlConnection(ConnectionString);

    protected override Task CreateAsync() => OnServerAsync($"CREATE DATABASE \"{_database}\"");

    protected override async Task DropAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await OnServerAsync($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)");
    }

    private static async Task OnServerAsync(string sql)
    {
        await using var server = new NpgsqlConnection(PostgresShop.ServerConnectionString);
        await server.OpenAsync();
        await using var command = new NpgsqlCommand(sql, server);
        await command.ExecuteNonQueryAsync();
    }
}
