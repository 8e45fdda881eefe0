using Bazaar.Accounts;
using Bazaar.Admin;
using Bazaar.Cart;
using Bazaar.Catalog;
using Bazaar.FlashSales;
using Bazaar.Inventory;
using Bazaar.Notifications;
using Bazaar.Ordering;
using Bazaar.Payments;
using Bazaar.Platform.Audit;
using Bazaar.Platform.Caching;
using Bazaar.Platform.Cli;
using Bazaar.Platform.Cluster;
using Bazaar.Platform.Data;
using Bazaar.Platform.Health;
using Bazaar.Platform.Outbox;
using Bazaar.Platform.Partners;
using Bazaar.Platform.Telemetry;
using Bazaar.Platform.Protection;
using Bazaar.Platform.Web;
using Bazaar.Shipping;

// A command's own arguments are not configuration; the web shop's (--urls, --Database:Provider) are.
if (ShopCommandLine.IsCommand(args))
    return await ShopCommandLine.RunAsync(args, () => ComposeShop([]));

var app = ComposeShop(args).Build();
app.UseWeb();
app.MapHealth();
app.MapTelemetry();
app.MapAccounts();
app.MapCatalog();
app.MapInventory();
app.MapCart();
app.MapOrdering();
app.MapFlashSales();
app.MapPayments();
app.MapShipping();
app.MapNotifications();
app.MapPartners();
app.MapAdmin();
app.MapWeb();
await app.RunAsync();
return 0;

static WebApplicationBuilder ComposeShop(string[] args)
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddWeb()
        .AddTelemetry()
        .AddProtection()
        .AddData()
        .AddCluster()
        .AddCaching()
        .AddHealth()
        .AddOutbox()
        .AddAudit()
        .AddPartners()
        .AddAccounts()
        .AddInventory()
        .AddCatalog()
        .AddCart()
        .AddOrdering()
        .AddFlashSales()
        .AddPayments()
        .AddShipping()
        .AddNotifications()
        .AddAdmin();
    return builder;
}

public partial class Program;
