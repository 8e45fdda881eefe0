using System.Diagnostics;
using System.Text;
using Npgsql;

namespace Bazaar.Tests.Platform.Protection;

/// <summary>Everything someone who walked off with the database would have, as text to search.</summary>
public static class DatabaseDump
{
    public static async Task<string> OfAsync(ShopFactory shop) => shop switch
    {
        SqliteShop sqlite => SqliteFiles(sqlite.DataDirectory),
        PostgresShop postgres => await PgDumpAsync(postgres.ConnectionString),
        _ => throw new NotSupportedException(),
    };

    /// <summary>The raw bytes of the database file and its write-ahead log, free pages and all.</summary>
    private static string SqliteFiles(string dir)
    {
        var text = new StringBuilder();
        foreach (var file in Directory.GetFiles(dir, "bazaar.db*"))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            text.Append(Encoding.UTF8.GetString(memory.ToArray()));
        }
        return text.ToString();
    }

    /// <summary>pg_dump's plain SQL (uncompressed, so nothing hides in compression), from the test server.</summary>
    private static async Task<string> PgDumpAsync(string connectionString)
    {
        var cs = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(PgDump()) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "--format=plain", "--no-owner", "-h", cs.Host!, "-p", cs.Port.ToString(), "-U", cs.Username!, "-d", cs.Database! })
            start.ArgumentList.Add(arg);
        if (!string.IsNullOrEmpty(cs.Password))
            start.Environment["PGPASSWORD"] = cs.Password;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, "pg_dump failed: " + await errors);
        return await output;
    }

    private static string PgDump() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin", "pg_dump")).Where(File.Exists).Order().LastOrDefault() ?? "pg_dump"
            : "pg_dump";
}
