using System.Security.Claims;
using System.Security.Cryptography;

namespace Bazaar.Cart;

/// <summary>Whose cart a request means: the signed-in customer's, or the guest cookie's.</summary>
public readonly record struct CartOwner(Guid? CustomerId, string? GuestToken)
{
    public const string GuestCookie = "bazaar.cart";

    public bool IsKnown => CustomerId is not null || GuestToken is not null;

    /// <summary>
    /// Reads the owner from the request. With createGuest, a guest without a cookie gets one, so
    /// the first "add to cart" works without an account.
    /// </summary>
    public static CartOwner From(HttpContext http, bool createGuest)
    {
        if (http.User.Identity?.IsAuthenticated == true &&
            Guid.TryParse(http.User.FindFirstValue(ClaimTypes.NameIdentifier), out var customerId))
            return new CartOwner(customerId, null);
        var token = http.Request.Cookies[GuestCookie];
        if (token is { Length: 43 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            return new CartOwner(null, token);
        if (!createGuest)
            return default;
        token = Base64Url(RandomNumberGenerator.GetBytes(32));
        http.Response.Cookies.Append(GuestCookie, token, new CookieOptions
        {
            HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps, IsEssential = true,
            MaxAge = TimeSpan.FromDays(30),
        });
        return new CartOwner(null, token);
    }

    public static void ForgetGuest(HttpContext http) => http.Response.Cookies.Delete(GuestCookie);

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
