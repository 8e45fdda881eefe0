using System.Text.Encodings.Web;
using System.Text.Json;
using Bazaar.Accounts;
using Bazaar.Ordering;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Bazaar.Admin.Pages;

/// <summary>The back office's home: the day's and week's figures, what needs doing, and three charts.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class DashboardModel(ViewDashboard dashboard, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
    IStringLocalizer<BackOfficeText> t) : PageModel
{
    public DashboardView View { get; private set; } = null!;

    /// <summary>
    /// The view as the API serialises it (same options), for the charts' script. The default encoder
    /// escapes &lt; &gt; &amp; and quotes, so a product name cannot close the &lt;script&gt; block it sits in.
    /// </summary>
    public string Json { get; private set; } = "{}";

    /// <summary>What the charts write, in the page's language: the script itself holds no words.</summary>
    public string ChartTexts { get; private set; } = "{}";

    public async Task OnGetAsync(CancellationToken ct)
    {
        View = await dashboard.HandleAsync(ct);
        Json = JsonSerializer.Serialize(View, new JsonSerializerOptions(json.Value.SerializerOptions) { Encoder = JavaScriptEncoder.Default });
        ChartTexts = JsonSerializer.Serialize(new
        {
            revenueSeries = t["Revenue (CNY)"].Value,
            ordersSeries = t["Orders placed"].Value,
            revenue = t["Revenue {0}"].Value,
            orders = t["Orders {0}"].Value,
            unitsSold = t["Units sold"].Value,
            statuses = Enum.GetNames<OrderStatus>().ToDictionary(s => s, s => t.OrderStatus(s)),
        }, new JsonSerializerOptions { Encoder = JavaScriptEncoder.Default });
    }
}
