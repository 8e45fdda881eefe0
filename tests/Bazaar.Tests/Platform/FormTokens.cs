using System.Net.Http.Json;
using Bazaar.Platform.Web;

namespace Bazaar.Tests.Platform;

/// <summary>
/// What a page's script does before it calls the API with the shopper's cookie: fetch the shopper's
/// own anti-forgery token and send it in the header. Call it after signing in (the token names the user).
/// </summary>
public static class FormTokens
{
    public static async Task<HttpClient> SendingFormTokenAsync(this HttpClient browser)
    {
        var answer = await browser.GetFromJsonAsync<FormTokenAnswer>(FormToken.Path);
        browser.DefaultRequestHeaders.Remove(ApiForgery.Header);
        browser.DefaultRequestHeaders.Add(ApiForgery.Header, answer!.Token);
        return browser;
    }
}
