using Bazaar.Accounts;
using Bazaar.Cart;
using Bazaar.Catalog;
using Bazaar.Inventory;
using Bazaar.Ordering;
using Bazaar.Platform.Caching;
using Bazaar.Platform.Cli;
using Bazaar.Platform.Data;
using Bazaar.Platform.Health;
using Bazaar.Platform.Web;

var isCommand = ShopCommandLine.IsCommand(args);
// A command's own arguments are not configuration; the web shop's (--urls, --Database:Provider) are.
var builder = WebApplication.CreateBuilder(isCommand ? [] : args);

builder.AddWeb()
    .AddData()
    .AddCaching()
    .AddHealth()
    .AddAccounts()
    .AddInventory()
    .AddCatalog()
    .AddCart()
    .AddOrdering();

var app = builder.Build();
if (isCommand)
    return await ShopCommandLine.RunAsync(app, args);

app.UseWeb();
app.MapHealth();
app.MapAccounts();
app.MapCatalog();
app.MapCart();
app.MapOrdering();
app.MapWeb();
await app.RunAsync();
return 0;

public partial class Program;
