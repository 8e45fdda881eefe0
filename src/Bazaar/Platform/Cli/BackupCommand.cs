using System.CommandLine;
using System.Diagnostics;
using Bazaar.Platform.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Bazaar.Platform.Cli;

/// <summary>
/// `bazaar backup FILE`: a consistent copy of the shop's database while the shop keeps serving.
/// The embedded SQLite file is copied with SQLite's online backup (pages copied under a read
/// transaction, so orders placed meanwhile are either wholly in the copy or not at all), then the
/// copy is checked (integrity_check) and its orders and products counted. On PostgreSQL it runs
/// pg_dump in custom format (restore with pg_restore; deploy/backup.sh adds base backups and WAL).
/// </summary>
internal static class BackupCommand
{
    public static Command Create(CommandShop shop)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "Where to write the backup; replaced if it exists." };
        var command = new Command("backup", "Back up the shop's database to a file while the shop runs.") { file };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (path.Directory is { Exists: false } dir)
            {
                await Console.Error.WriteLineAsync($"bazaar backup: the folder {dir.FullName} does not exist.");
                return ShopCommandLine.Usage;
            }
            var app = shop.App;
            var started = Stopwatch.StartNew();
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ShopDb>();
            var connectionString = db.Database.GetConnectionString()!;
            // Written beside the target and moved over it at the end: an interrupted backup never
            // leaves a file that looks like a backup.
            var partial = path.FullName + ".partial";
            try
            {
                var summary = scope.ServiceProvider.GetRequiredService<DatabaseOptions>().Provider == DatabaseProvider.Postgres
                    ? await DumpPostgresAsync(connectionString, partial, ct)
                    : CopySqlite(connectionString, partial);
                File.Move(partial, path.FullName, overwrite: true);
                Console.WriteLine($"Backed up {summary} to {path.FullName} ({new FileInfo(path.FullName).Length / 1024.0 / 1024.0:0.0} MB) in {started.Elapsed.TotalSeconds:0.0} s.");
                return 0;
            }
            catch
            {
                File.Delete(partial);
                throw;
            }
        });
        return command;
    }

    private static string CopySqlite(string connectionString, string target)
    {
        var sourceConnection = new SqliteConnectionStringBuilder(connectionString) { Mode = SqliteOpenMode.ReadOnly };
        if (!File.Exists(sourceConnection.DataSource))
            throw new InvalidOperationException($"There is no shop database at {sourceConnection.DataSource}.");
        using var source = new SqliteConnection(sourceConnection.ConnectionString);
        source.Open();
        var copyConnection = new SqliteConnectionStringBuilder { DataSource = target, Pooling = false }.ConnectionString;
        using (var copy = new SqliteConnection(copyConnection))
        {
            copy.Open();
            source.BackupDatabase(copy);
        }
        using var check = new SqliteConnection(copyConnection);
        check.Open();
        var integrity = Scalar(check, "PRAGMA integrity_check");
        if (integrity != "ok")
            throw new InvalidOperationException($"The copy failed SQLite's integrity check: {integrity}");
        return $"{Scalar(check, """SELECT COUNT(*) FROM "Orders" """)} orders and {Scalar(check, """SELECT COUNT(*) FROM "Products" """)} products";
    }

    private static string? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<string> DumpPostgresAsync(string connectionString, string target, CancellationToken ct)
    {
        var cs = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(PgDump())
        {
            RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var arg in new[] { "--format=custom", "--no-owner", "--file", target, "--host", cs.Host ?? "127.0.0.1",
                     "--port", cs.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--username", cs.Username ?? "postgres", cs.Database ?? "" })
            start.ArgumentList.Add(arg);
        // The password travels in the environment, never on the command line where `ps` shows it.
        if (!string.IsNullOrEmpty(cs.Password))
            start.Environment["PGPASSWORD"] = cs.Password;
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync(ct);
        try
        {
            await process.WaitForExitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"pg_dump failed (exit {process.ExitCode}): {(await errors).Trim()}");
        return $"PostgreSQL database {cs.Database} (pg_dump custom format)";
    }

    /// <summary>pg_dump from PATH, or the newest of Debian's versioned installs (which are not on PATH).</summary>
    private static string PgDump()
    {
        var debian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin", "pg_dump")).Where(File.Exists)
                .OrderByDescending(p => int.TryParse(Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(p))), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
        return debian ?? "pg_dump";
    }
}
