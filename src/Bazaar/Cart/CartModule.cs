using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Bazaar.Cart;

public static class CartModule
{
    public static WebApplicationBuilder AddCart(this WebApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddScoped<ViewCart>();
        s.AddScoped<AddToCart>();
        s.AddScoped<SetCartQuantity>();
        s.AddScoped<RemoveFromCart>();
        s.AddScoped<MergeGuestCart>();
        s.AddScoped<ICart, CustomerCarts>();
        s.AddSingleton<PurgeAbandonedGuestCarts>();
        s.AddHostedService(sp => sp.GetRequiredService<PurgeAbandonedGuestCarts>());
        // Accounts knows nothing of carts: the Cart module listens for the sign-in cookie being issued.
        s.AddSingleton<IPostConfigureOptions<CookieAuthenticationOptions>, MergeCartOnSignIn>();
        return builder;
    }

    public static WebApplication MapCart(this WebApplication app)
    {
        app.MapCartEndpoints();
        return app;
    }

    private sealed class MergeCartOnSignIn : IPostConfigureOptions<CookieAuthenticationOptions>
    {
        public void PostConfigure(string? name, CookieAuthenticationOptions options)
        {
            if (name != IdentityConstants.ApplicationScheme)
                return;
            var previous = options.Events.OnSignedIn;
            options.Events.OnSignedIn = async ctx =>
            {
                await previous(ctx);
                var guest = ctx.Request.Cookies[CartOwner.GuestCookie];
                var id = ctx.Principal?.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;
                if (guest is null || !Guid.TryParse(id, out var customerId))
                    return;
                await ctx.HttpContext.RequestServices.GetRequiredService<MergeGuestCart>()
                    .HandleAsync(guest, customerId, ctx.HttpContext.RequestAborted);
                CartOwner.ForgetGuest(ctx.HttpContext);
            };
        }
    }
}
