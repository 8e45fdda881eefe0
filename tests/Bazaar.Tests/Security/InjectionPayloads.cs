namespace Bazaar.Tests.Security;

/// <summary>What an attacker types first into every field, and the words a database's error would leak.</summary>
public static class InjectionPayloads
{
    public static readonly string[] All =
    [
        "' OR '1'='1",
        "' OR 1=1--",
        "\" OR \"\"=\"",
        "1; DROP TABLE \"Products\"--",
        "1'; DROP TABLE \"AspNetUsers\";--",
        "')) UNION SELECT \"Id\",\"UserName\",\"PasswordHash\",NULL FROM \"AspNetUsers\"--",
        "1 UNION ALL SELECT NULL,NULL,NULL,NULL--",
        "1' AND (SELECT pg_sleep(5)) IS NULL--",
        "1' AND randomblob(500000000)--",
        "ʼ OR ʼ1ʼ=ʼ1",              // modifier letter apostrophe
        "’ OR ’1’=’1",              // right single quotation mark
        "＇ OR ＇1＇＝＇1",          // fullwidth, which some normalisations fold to '
        "%27%20OR%201%3D1",
        "\\'; --",
        "%_%",                      // LIKE wildcards: must match literally, not everything
        "a\0b",
        "-1",
        "99999999999999999999999",
        "1e309",
        "NaN",
        "0x7fffffff",
        new string('\'', 4000),
        new string('A', 20000),
        "商品' OR '1'='1",
    ];

    /// <summary>Exception and driver words: none of them belongs in an answer to a client.</summary>
    public static readonly string[] DatabaseErrorWords =
    [
        "Npgsql", "PostgresException", "SqliteException", "SQLite Error", "SQLITE_", "syntax error", "unterminated",
        "DbUpdateException", "Microsoft.EntityFrameworkCore", "System.Data", "SQLSTATE", "42601:", "42P01:", "22021:",
        "   at ", "StackTrace",
    ];
}
