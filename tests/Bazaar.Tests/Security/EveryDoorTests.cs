using System.Net;
using System.Text;
using Bazaar.Tests.Platform;

namespace Bazaar.Tests.Security;

/// <summary>
/// Deny by default, door by door: every endpoint the app maps has a decision in <see cref="DoorTable"/>, and
/// the shop keeps it: strangers are asked to sign in, customers are kept out of the back office, and whoever
/// the table lets in is not turned away. Authorization does not depend on the database, so SQLite alone.
/// </summary>
public sealed class EveryDoorTests(SqliteShop shop) : IClassFixture<SqliteShop>
{
    private List<Door> DoorsFor(params Caller[] callers) =>
        Doors.All(shop.Services).Where(d => DoorTable.Rows.TryGetValue(d.Key, out var who) && callers.Contains(who)).ToList();

    private static HttpRequestMessage Knock(Door door) => new(new HttpMethod(door.Method), door.SamplePath)
    {
        Content = door.Method is "GET" or "HEAD" or "DELETE" ? null
            : door.IsPage ? new FormUrlEncodedContent([])
            : new StringContent("{}", Encoding.UTF8, "application/json"),
    };

    private static bool SentTo(HttpResponseMessage response, string page) =>
        response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found
        && response.Headers.Location?.ToString().Contains(page, StringComparison.OrdinalIgnoreCase) == true;

    // A page's form post meets the anti-forgery check before anything else; without a token it goes no further.
    private static bool StoppedByAntiforgery(Door door, HttpResponseMessage response) =>
        door.IsPage && door.Method == "POST" && response.StatusCode == HttpStatusCode.BadRequest;

    private static bool Refused(Door door, HttpResponseMessage response) =>
        SentTo(response, "/account/login") || SentTo(response, "/account/denied")
        // A partner is not a user: a signature it failed to show is its own 401, never a sign-in challenge.
        || door.Route != NotAllowedPage && DoorTable.Rows[door.Key] != Caller.Partner
            && response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
        || response.Headers.WwwAuthenticate.Count > 0;

    // These pages say "not allowed" and "something went wrong" with the status to match, to whoever asks.
    private const string NotAllowedPage = "/account/denied";
    private const string ErrorPage = "/error";

    [Fact]
    public void Every_door_has_a_decision_and_every_decision_a_door()
    {
        var doors = Doors.All(shop.Services);
        var undecided = doors.Where(d => !DoorTable.Rows.ContainsKey(d.Key)).Select(d => $"{d.Method,-6} {d.Route}   ({d.Source})").ToList();
        var gone = DoorTable.Rows.Keys.Except(doors.Select(d => d.Key)).ToList();

        Assert.True(undecided.Count == 0,
            "These endpoints lack a decision (add a row to Security/DoorTable.cs: anonymous, customer, admin or partner):\n  "
            + string.Join("\n  ", undecided));
        Assert.True(gone.Count == 0, "These rows of Security/DoorTable.cs name no endpoint any more:\n  " + string.Join("\n  ", gone));
        Assert.Contains(doors, d => d.Key == "GET /admin/audit");
        Assert.Contains(doors, d => d.Key == "POST /api/v1/orders/{id:guid}/cancel");
    }

    [Fact]
    public async Task Strangers_are_asked_to_sign_in_at_every_customer_and_admin_door()
    {
        var client = shop.Anonymous();
        var open = new List<string>();
        foreach (var door in DoorsFor(Caller.Customer, Caller.Admin))
        {
            var response = await client.SendAsync(Knock(door));
            var askedToSignIn = door.IsApi ? response.StatusCode == HttpStatusCode.Unauthorized
                : SentTo(response, "/account/login") || StoppedByAntiforgery(door, response);
            if (!askedToSignIn)
                open.Add($"{door} → {(int)response.StatusCode} {response.Headers.Location}");
        }
        Assert.True(open.Count == 0, "Open to strangers:\n  " + string.Join("\n  ", open));
    }

    [Fact]
    public async Task Customers_are_turned_away_from_every_back_office_door()
    {
        var (customer, _, _) = await shop.NewCustomerAsync();
        var open = new List<string>();
        foreach (var door in DoorsFor(Caller.Admin))
        {
            var response = await customer.SendAsync(Knock(door));
            var turnedAway = door.IsApi ? response.StatusCode == HttpStatusCode.Forbidden
                : SentTo(response, "/account/denied") || response.StatusCode == HttpStatusCode.Forbidden || StoppedByAntiforgery(door, response);
            if (!turnedAway)
                open.Add($"{door} → {(int)response.StatusCode} {response.Headers.Location}");
        }
        Assert.True(open.Count == 0, "Open to customers:\n  " + string.Join("\n  ", open));
    }

    [Fact]
    public async Task Whoever_the_table_lets_in_is_not_turned_away()
    {
        var (customer, _, _) = await shop.NewCustomerAsync();
        var admin = await shop.AdminAsync();
        var stranger = shop.Anonymous();
        var refused = new List<string>();
        foreach (var door in Doors.All(shop.Services).Where(d => DoorTable.Rows.ContainsKey(d.Key)))
        {
            var caller = DoorTable.Rows[door.Key] switch
            {
                Caller.Admin => admin,
                Caller.Customer => customer,
                _ => stranger,
            };
            var response = await caller.SendAsync(Knock(door));
            if (Refused(door, response) || (int)response.StatusCode >= 500 && door.Route != ErrorPage)
                refused.Add($"{DoorTable.Rows[door.Key]}: {door} → {(int)response.StatusCode} {response.Headers.Location}");
        }
        Assert.True(refused.Count == 0, "Turned away (or failed) though the table lets them in:\n  " + string.Join("\n  ", refused));
    }

    [Fact]
    public void The_table_keeps_the_back_office_for_admins()
    {
        var notAdmin = Doors.All(shop.Services)
            .Where(d => d.Route.StartsWith("/admin", StringComparison.Ordinal) || d.Route.StartsWith("/api/v1/admin", StringComparison.Ordinal))
            .Where(d => DoorTable.Rows.GetValueOrDefault(d.Key) != Caller.Admin)
            .Select(d => d.Key).ToList();
        Assert.True(notAdmin.Count == 0, "Back-office doors not kept for admins:\n  " + string.Join("\n  ", notAdmin));
    }
}
