using Bazaar.Platform.Web;
using Bazaar.Accounts;
using Bazaar.Platform.Audit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Bazaar.Admin.Pages;

[Authorize(Roles = Roles.Admin)]
public sealed class AuditModel(FindAuditEntries find, IStringLocalizer<BackOfficeText> t) : PageModel
{
    public AuditFilter Filter { get; private set; } = new();
    public List<AuditEntry> Rows { get; private set; } = [];
    public int Total { get; private set; }

    public async Task OnGetAsync(string? action, string? actor, string? target, DateOnly? from, DateOnly? to,
        [FromQuery(Name = "page")] int? pageNumber, CancellationToken ct)
    {
        Filter = new AuditFilter(action, actor, target, from, to, Math.Max(1, pageNumber ?? 1), ChinaTime.Offset);
        (Rows, Total) = await find.HandleAsync(Filter, ct);
    }

    public string GroupName(string prefix) => prefix switch
    {
        "account." => t["Accounts"],
        "category." => t["Categories"],
        "order." => t["Orders"],
        "product." => t["Products"],
        "stock." => t["Stock"],
        _ => prefix,
    };
}
