using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Bazaar.Tests.Notifications;
using Bazaar.Tests.Platform;

namespace Bazaar.Tests.Accounts;

/// <summary>Asking for a sign-in code and reading it from the sandbox's SMS inbox, as the customer reads their phone.</summary>
internal static class SignInCodes
{
    public static Task<HttpResponseMessage> AskForCodeAsync(this HttpClient client, string? phoneNumber) =>
        client.PostAsJsonAsync("/api/v1/auth/code", new { phoneNumber });

    public static Task<HttpResponseMessage> CodeTokenAsync(this HttpClient client, string? phoneNumber, string? code) =>
        client.PostAsJsonAsync("/api/v1/auth/code/token", new { phoneNumber, code });

    /// <summary>The code in the newest text to the number (a mainland mobile without +86).</summary>
    public static string LatestCode(this ShopFactory shop, string mobile)
    {
        var texts = shop.TextsTo("+86" + mobile);
        Assert.NotEmpty(texts);
        var match = Regex.Match(texts[0].Text, @"\b(\d{6})\b");
        Assert.True(match.Success, $"no code in: {texts[0].Text}");
        return match.Groups[1].Value;
    }

    /// <summary>Another six digits than the right ones.</summary>
    public static string Wrong(string code) => ((int.Parse(code) + 1) % 1_000_000).ToString("D6");
}
