using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Bazaar.Tests.Platform;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Bazaar.Tests.Admin;

/// <summary>
/// Every back-office page and admin API, read from the app's own endpoint list (so a new route
/// cannot be forgotten): strangers are sent to sign in, customers are turned away, admins get in.
/// </summary>
public sealed class BackOfficeAccessTests(SqliteShop shop) : IClassFixture<SqliteShop>
{
    private sealed record Door(string Method, string Path, bool IsPage);

    private List<Door> BackOfficeDoors()
    {
        var doors = new List<Door>();
        foreach (var endpoint in shop.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            if (!pattern.StartsWith("/admin", StringComparison.Ordinal) && !pattern.StartsWith("/api/v1/admin", StringComparison.Ordinal))
                continue;
            var path = Regex.Replace(pattern, @"\{(\w+)(:[^}]*)?\??\}", m => m.Groups[2].Value switch
            {
                ":guid" => Guid.NewGuid().ToString(),
                ":int" or ":int?" => "1",
                _ => m.Value.EndsWith("?}", StringComparison.Ordinal) ? "" : "x",
            }).TrimEnd('/');
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            var isPage = !pattern.StartsWith("/api", StringComparison.Ordinal);
            foreach (var method in isPage ? ["GET", "POST"] : methods)
                doors.Add(new Door(method, path.Length == 0 ? "/" : path, isPage));
        }
        return doors.Distinct().ToList();
    }

    private static HttpRequestMessage Knock(Door door) => new(new HttpMethod(door.Method), door.Path)
    {
        Content = door.Method is "GET" or "HEAD" ? null : new StringContent("{}", Encoding.UTF8, "application/json"),
    };

    [Fact]
    public void The_list_covers_the_back_office()
    {
        var paths = BackOfficeDoors().Select(d => d.Path).ToList();

        Assert.True(paths.Count >= 30, $"only {paths.Count} back-office doors found");
        Assert.Contains("/admin/orders", paths);
        Assert.Contains("/admin/audit", paths);
        Assert.Contains(paths, p => p.StartsWith("/api/v1/admin/orders/", StringComparison.Ordinal) && p.EndsWith("/refunds", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Strangers_are_asked_to_sign_in_everywhere()
    {
        var client = shop.Anonymous();
        var let = new List<string>();
        foreach (var door in BackOfficeDoors())
        {
            var response = await client.SendAsync(Knock(door));
            var signIn = door.IsPage
                ? response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("/account/login")
                  || response.StatusCode == HttpStatusCode.BadRequest && door.Method == "POST" // the anti-forgery check comes first
                : response.StatusCode == HttpStatusCode.Unauthorized;
            if (!signIn)
                let.Add($"{door.Method} {door.Path} → {(int)response.StatusCode}");
        }
        Assert.True(let.Count == 0, "Open to strangers:\n  " + string.Join("\n  ", let));
    }

    [Fact]
    public async Task Customers_are_turned_away_everywhere()
    {
        var (customer, _, _) = await shop.NewCustomerAsync();
        var let = new List<string>();
        foreach (var door in BackOfficeDoors())
        {
            var response = await customer.SendAsync(Knock(door));
            var turnedAway = response.StatusCode == HttpStatusCode.Forbidden
                || door.IsPage && response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("/account/denied")
                || door.IsPage && door.Method == "POST" && response.StatusCode == HttpStatusCode.BadRequest;
            if (!turnedAway)
                let.Add($"{door.Method} {door.Path} → {(int)response.StatusCode}");
        }
        Assert.True(let.Count == 0, "Open to customers:\n  " + string.Join("\n  ", let));
    }

    [Fact]
    public async Task Admins_get_in_everywhere()
    {
        var admin = await shop.AdminAsync();
        var refused = new List<string>();
        foreach (var door in BackOfficeDoors().Where(d => d.Method == "GET"))
        {
            var response = await admin.SendAsync(Knock(door));
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                || response.Headers.Location?.ToString().Contains("/account/") == true)
                refused.Add($"{door.Method} {door.Path} → {(int)response.StatusCode}");
        }
        Assert.True(refused.Count == 0, "Closed to admins:\n  " + string.Join("\n  ", refused));
    }
}
