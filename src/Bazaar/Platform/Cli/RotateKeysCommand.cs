using System.CommandLine;
using Bazaar.Platform.Protection;

namespace Bazaar.Platform.Cli;

/// <summary>
/// `bazaar rotate-keys`: re-encrypts every personal-data value under the current key (and encrypts
/// any still in clear, and recomputes every blind index), in batches, each row only if unchanged
/// since it was read. Safe to run again, or while the shop serves; the counts say what it did.
/// </summary>
internal static class RotateKeysCommand
{
    public static Command Create(CommandShop shop)
    {
        var command = new Command("rotate-keys",
            "Re-encrypt phone numbers and addresses under Protection:CurrentKey; afterwards older keys can be removed from the ring.");
        command.SetAction(async (_, ct) =>
        {
            await using var scope = shop.App.Services.CreateAsyncScope();
            var ring = scope.ServiceProvider.GetRequiredService<KeyRing>();
            Console.WriteLine($"Current key: {ring.CurrentId} (from {ring.Source}); {ring.Keys.Count} key(s) in the ring.");
            var tables = await scope.ServiceProvider.GetRequiredService<ProtectStoredData>().RunAsync(rotate: true, ct, table =>
                Console.WriteLine($"{table.Table}: {table.Rows} row(s) read, {table.Reencrypted} value(s) re-encrypted, " +
                                  $"{table.Encrypted} encrypted from clear text, {table.Indexed} index value(s) updated."));
            var changed = tables.Sum(t => t.Reencrypted + t.Encrypted + t.Indexed);
            Console.WriteLine(changed == 0
                ? $"Nothing to do: every value is under key {ring.CurrentId}."
                : $"Done: every value is under key {ring.CurrentId}.");
            return 0;
        });
        return command;
    }
}
