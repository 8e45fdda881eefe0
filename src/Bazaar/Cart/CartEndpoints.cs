using Bazaar.Platform.Web;

namespace Bazaar.Cart;

public static class CartEndpoints
{
    /// <summary>
    /// The cart API serves guests too (a cookie names their cart), so it is open to anonymous
    /// callers; a signed-in caller always gets their own cart.
    /// </summary>
    public static void MapCartEndpoints(this IEndpointRouteBuilder app)
    {
        var cart = app.MapGroup("/api/v1/cart").WithTags("Cart").AllowAnonymous();

        cart.MapGet("/", async (HttpContext http, ViewCart view, CancellationToken ct) =>
            Results.Ok(await view.HandleAsync(CartOwner.From(http, createGuest: false), ShopCulture.IsChinese, ct)))
            .WithSummary("The cart, priced from the catalog now").Produces<CartView>();

        cart.MapPost("/items", async (AddToCartRequest r, HttpContext http, AddToCart add, ViewCart view, CancellationToken ct) =>
        {
            var owner = CartOwner.From(http, createGuest: true);
            return await add.HandleAsync(owner, r, ct) is { } problem
                ? problem.ToHttpResult()
                : Results.Ok(await view.HandleAsync(owner, ShopCulture.IsChinese, ct));
        }).WithSummary("Add units of a product").Produces<CartView>().ProducesValidationProblem();

        cart.MapPut("/items/{productId:int}", async (int productId, SetCartQuantityRequest r, HttpContext http,
            SetCartQuantity set, ViewCart view, CancellationToken ct) =>
        {
            var owner = CartOwner.From(http, createGuest: false);
            return await set.HandleAsync(owner, productId, r, ct) is { } problem
                ? problem.ToHttpResult()
                : Results.Ok(await view.HandleAsync(owner, ShopCulture.IsChinese, ct));
        }).WithSummary("Change a line's quantity").Produces<CartView>().ProducesValidationProblem().ProducesProblem(404);

        cart.MapDelete("/items/{productId:int}", async (int productId, HttpContext http, RemoveFromCart remove,
            ViewCart view, CancellationToken ct) =>
        {
            var owner = CartOwner.From(http, createGuest: false);
            return await remove.HandleAsync(owner, productId, ct) is { } problem
                ? problem.ToHttpResult()
                : Results.Ok(await view.HandleAsync(owner, ShopCulture.IsChinese, ct));
        }).WithSummary("Remove a line").Produces<CartView>().ProducesProblem(404);
    }
}
