using System.Data.Common;
using Bazaar.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Bazaar.Platform.Protection;

/// <summary>What one pass did to one table.</summary>
public sealed record ProtectedTable(string Table, int Rows, int Encrypted, int Reencrypted, int Indexed)
{
    public bool Changed => Encrypted + Reencrypted + Indexed > 0;
}

/// <summary>
/// Brings every column marked personal data up to date, in batches, with plain SQL (the entities'
/// converters would refuse clear text): after an upgrade, values still in clear are encrypted and
/// their blind index filled; in a rotation, also every value under an older key is re-encrypted
/// under the current one and every index recomputed. Each row is updated only if it still holds
/// what was read, so a row the shop changed meanwhile (already under the current key) is left alone;
/// running it again finds nothing to do.
/// </summary>
public sealed class ProtectStoredData(ShopDb db, FieldCipher cipher, BlindIndex index)
{
    public const int BatchSize = 500;

    public async Task<List<ProtectedTable>> RunAsync(bool rotate, CancellationToken ct, Action<ProtectedTable>? done = null)
    {
        var tables = new List<ProtectedTable>();
        foreach (var type in db.Model.GetEntityTypes().Where(t => t.GetTableName() is not null))
        {
            var encrypted = type.GetProperties().Where(p => p.IsEncrypted()).ToList();
            var indexes = type.GetProperties().Where(p => p.BlindIndexSource() is not null).ToList();
            if (encrypted.Count == 0 && indexes.Count == 0)
                continue;
            var table = await TableAsync(type, encrypted, indexes, rotate, ct);
            done?.Invoke(table);
            tables.Add(table);
        }
        return tables;
    }

    private async Task<ProtectedTable> TableAsync(IEntityType type, List<IProperty> encrypted, List<IProperty> indexes, bool rotate,
        CancellationToken ct)
    {
        var store = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        string Column(IProperty p) => p.GetColumnName(store)!;
        var key = Column(type.FindPrimaryKey()!.Properties.Single());
        var columns = encrypted.Concat(indexes).Select(Column).ToList();
        var sources = indexes.ToDictionary(Column, p => Column(type.FindProperty(p.BlindIndexSource()!)!));
        foreach (var source in sources.Values.Where(s => !columns.Contains(s)))
            columns.Add(source);
        var isEncrypted = encrypted.Select(Column).ToHashSet();

        // An upgrade looks only at rows with something in clear or unindexed; a rotation at every row.
        var pending = encrypted.Select(p => $"(\"{Column(p)}\" IS NOT NULL AND \"{Column(p)}\" NOT LIKE '{FieldCipher.Prefix}%')")
            .Concat(sources.Select(s => $"(\"{s.Value}\" IS NOT NULL AND \"{s.Key}\" IS NULL)"));
        var filter = rotate ? "1 = 1" : string.Join(" OR ", pending);
        var tableName = (type.GetSchema() is { } schema ? $"\"{schema}\"." : "") + $"\"{store.Name}\"";
        var select = $"SELECT \"{key}\", {string.Join(", ", columns.Select(c => $"\"{c}\""))} FROM {tableName} " +
                     $"WHERE ({filter}) AND {{0}} ORDER BY \"{key}\" LIMIT {BatchSize}";

        int rows = 0, fresh = 0, again = 0, indexed = 0;
        object? after = null;
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            while (true)
            {
                var batch = new List<(object Key, Dictionary<string, string?> Values)>();
                await using (var read = connection.CreateCommand())
                {
                    read.CommandText = string.Format(select, after is null ? "1 = 1" : $"\"{key}\" > @after");
                    if (after is not null)
                        Add(read, "@after", after);
                    await using var reader = await read.ExecuteReaderAsync(ct);
                    while (await reader.ReadAsync(ct))
                        batch.Add((reader.GetValue(0),
                            columns.Select((c, i) => (c, v: reader.IsDBNull(i + 1) ? null : reader.GetString(i + 1))).ToDictionary(x => x.c, x => x.v)));
                }
                if (batch.Count == 0)
                    break;
                await using var tx = await connection.BeginTransactionAsync(ct);
                foreach (var (rowKey, values) in batch)
                {
                    rows++;
                    var changes = new Dictionary<string, string?>();
                    foreach (var column in isEncrypted)
                    {
                        if (values[column] is not { } stored)
                            continue;
                        var keyId = FieldCipher.KeyIdOf(stored);
                        if (keyId is null)
                        {
                            changes[column] = cipher.Protect(stored);
                            fresh++;
                        }
                        else if (rotate && keyId != cipher.Ring.CurrentId)
                        {
                            changes[column] = cipher.Protect(cipher.Unprotect(stored));
                            again++;
                        }
                    }
                    foreach (var (indexColumn, source) in sources)
                    {
                        var plain = values[source] is { } s ? (FieldCipher.KeyIdOf(s) is null ? s : cipher.Unprotect(s)) : null;
                        var wanted = string.IsNullOrEmpty(plain) ? null : index.Of(plain);
                        if (values[indexColumn] != wanted)
                        {
                            changes[indexColumn] = wanted;
                            indexed++;
                        }
                    }
                    if (changes.Count > 0)
                        await UpdateAsync(connection, tx, tableName, key, rowKey, changes, values, ct);
                }
                await tx.CommitAsync(ct);
                after = batch[^1].Key;
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        return new ProtectedTable(store.Name, rows, fresh, again, indexed);
    }

    private static async Task UpdateAsync(DbConnection connection, DbTransaction tx, string table, string key, object rowKey,
        Dictionary<string, string?> changes, Dictionary<string, string?> read, CancellationToken ct)
    {
        await using var update = connection.CreateCommand();
        update.Transaction = tx;
        var sets = new List<string>();
        var guards = new List<string> { $"\"{key}\" = @key" };
        var n = 0;
        foreach (var (column, value) in changes)
        {
            sets.Add($"\"{column}\" = @v{n}");
            Add(update, $"@v{n}", value);
            // Only if the row still holds what was read: the shop may have saved it since, under the current key.
            guards.Add(read[column] is null ? $"\"{column}\" IS NULL" : $"\"{column}\" = @o{n}");
            if (read[column] is not null)
                Add(update, $"@o{n}", read[column]);
            n++;
        }
        Add(update, "@key", rowKey);
        update.CommandText = $"UPDATE {table} SET {string.Join(", ", sets)} WHERE {string.Join(" AND ", guards)}";
        await update.ExecuteNonQueryAsync(ct);
    }

    private static void Add(DbCommand command, string name, object? value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value ?? DBNull.Value;
        command.Parameters.Add(p);
    }
}
