using System.CommandLine;
using Bazaar.Platform.Audit;

namespace Bazaar.Platform.Cli;

/// <summary>`bazaar audit verify`: checks the audit log's chain; exit 0 intact, 1 broken (the first broken entry named).</summary>
internal static class AuditCommand
{
    public static Command Create(CommandShop shop)
    {
        var verify = new Command("verify", "Walk the audit log's chain of MACs and name the first entry that was changed, removed, inserted or moved.");
        verify.SetAction(async (_, ct) =>
        {
            await using var scope = shop.App.Services.CreateAsyncScope();
            var report = await scope.ServiceProvider.GetRequiredService<VerifyAuditChain>().HandleAsync(ct);
            var pending = report.Unsealed == 0 ? "" : $" {report.Unsealed} recent entr{(report.Unsealed == 1 ? "y is" : "ies are")} not sealed yet.";
            if (report.Break is { } broken)
            {
                Console.WriteLine($"The audit chain is broken at entry {broken.EntryId} (chain position {broken.ChainPosition}): {broken.Description}");
                Console.WriteLine($"{report.Sealed} entries before it verified." + pending);
                return ShopCommandLine.Failed;
            }
            Console.WriteLine(report.LastSealedId is { } last
                ? $"The audit chain is intact: {report.Sealed} entries verified, up to entry {last}." + pending
                : "The audit chain is empty: nothing sealed yet." + pending);
            return 0;
        });
        return new Command("audit", "Maintain the audit log.") { verify };
    }
}
