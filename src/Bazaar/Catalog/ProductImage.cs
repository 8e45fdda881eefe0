using System.Security;
using Bazaar.Accounts;
using Bazaar.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Bazaar.Catalog;

/// <summary>
/// A generated picture for products without an uploaded one: an SVG card in a colour taken from
/// the SKU, with the product's names. Versioned by UpdatedAt in its URL, so it caches for a year.
/// </summary>
public static class ProductImage
{
    private static readonly string[] Palette =
        ["#e4572e", "#17bebb", "#ffc914", "#2e282a", "#76b041", "#3f88c5", "#a23b72", "#f18f01", "#5c946e", "#6b4e71"];

    public static void MapProductImage(this IEndpointRouteBuilder app) =>
        app.MapGet("/products/{id:int}/image.svg", async (int id, ShopDb db, HttpContext http, CancellationToken ct) =>
        {
            // The picture carries the names and SKU, so a draft's must stay as hidden as its page.
            var operatorView = http.User.IsInRole(Roles.Admin);
            var p = await db.Set<Product>().AsNoTracking().Where(x => x.Id == id && (x.IsPublished || operatorView))
                .Select(x => new { x.Sku, x.NameZh, x.NameEn, x.IsPublished }).SingleOrDefaultAsync(ct);
            if (p is null)
                return Results.NotFound();
            http.Response.Headers.CacheControl = p.IsPublished ? "public, max-age=31536000, immutable" : "private, no-store";
            return Results.Text(Render(p.Sku, p.NameZh, p.NameEn), "image/svg+xml; charset=utf-8");
        }).AllowAnonymous().ExcludeFromDescription();

    public static string Render(string sku, string nameZh, string nameEn)
    {
        var colour = Palette[(int)((uint)StableHash(sku) % Palette.Length)];
        var initial = nameZh.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
        static string X(string s) => SecurityElement.Escape(s) ?? "";
        return $"""
            <svg xmlns="http://www.w3.org/2000/svg" width="480" height="480" viewBox="0 0 480 480">
              <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
                <stop offset="0" stop-color="{colour}"/><stop offset="1" stop-color="#ffffff" stop-opacity="0.35"/>
              </linearGradient></defs>
              <rect width="480" height="480" fill="{colour}"/>
              <rect width="480" height="480" fill="url(#g)"/>
              <circle cx="240" cy="190" r="110" fill="#ffffff" fill-opacity="0.25"/>
              <text x="240" y="215" font-family="sans-serif" font-size="64" font-weight="700" fill="#fff" text-anchor="middle">{X(initial)}</text>
              <text x="240" y="370" font-family="sans-serif" font-size="24" fill="#fff" text-anchor="middle">{X(Trim(nameZh, 16))}</text>
              <text x="240" y="408" font-family="sans-serif" font-size="18" fill="#fff" fill-opacity="0.85" text-anchor="middle">{X(Trim(nameEn, 34))}</text>
              <text x="240" y="450" font-family="monospace" font-size="14" fill="#fff" fill-opacity="0.7" text-anchor="middle">{X(sku)}</text>
            </svg>
            """;
    }

    private static string Trim(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";

    private static int StableHash(string s)
    {
        unchecked
        {
            var h = 23;
            foreach (var c in s) h = h * 31 + c;
            return h;
        }
    }
}
