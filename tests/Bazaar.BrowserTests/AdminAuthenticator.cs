using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using OtpNet;

namespace Bazaar.BrowserTests;

/// <summary>
/// The seeded admin's authenticator app, one per shop process: enrolled through the API right after the
/// shop is ready (password token, the key, a first code), as an operator would from a terminal. The
/// browsers then sign in as operators do: password, then the app's code on the two-factor step.
/// </summary>
public static class AdminAuthenticator
{
    private static readonly ConcurrentDictionary<string, string> Keys = new();

    public static async Task EnrolAsync(Uri shop)
    {
        using var http = new HttpClient { BaseAddress = shop, Timeout = TimeSpan.FromSeconds(30) };
        var token = await http.PostAsJsonAsync("/api/v1/accounts/token", new { login = ShopProcess.AdminUserName, password = ShopProcess.AdminPassword });
        var body = await token.Content.ReadFromJsonAsync<JsonElement>();
        if (!token.IsSuccessStatusCode)
            throw new InvalidOperationException($"admin token: {(int)token.StatusCode} {body}");
        http.DefaultRequestHeaders.Authorization = new("Bearer", body.GetProperty("accessToken").GetString());
        var view = await http.GetFromJsonAsync<JsonElement>("/api/v1/accounts/me/two-factor");
        var key = view.GetProperty("sharedKey").GetString()!.Replace(" ", "").ToUpperInvariant();
        var confirmed = await http.PostAsJsonAsync("/api/v1/accounts/me/two-factor", new { code = Code(key) });
        if (!confirmed.IsSuccessStatusCode)
            throw new InvalidOperationException($"admin enrolment: {(int)confirmed.StatusCode} {await confirmed.Content.ReadAsStringAsync()}");
        Keys[shop.Authority] = key;
    }

    /// <summary>The code the admin's app shows now, for the shop the page is on.</summary>
    public static string CodeFor(string pageUrl) =>
        Keys.TryGetValue(new Uri(pageUrl).Authority, out var key) ? Code(key)
            : throw new InvalidOperationException($"No enrolled admin for {pageUrl}.");

    private static string Code(string key) => new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(DateTime.UtcNow);
}
