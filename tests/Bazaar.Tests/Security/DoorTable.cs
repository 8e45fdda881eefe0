namespace Bazaar.Tests.Security;

/// <summary>
/// Who may call each door of the shop. A new endpoint fails <see cref="EveryDoorTests"/> until it gets a row
/// here; a row whose endpoint is gone fails it too. Partner doors are open to the world at the sign-in level
/// and prove the caller by signature (gateway, carrier callbacks) or are the in-process sandbox itself.
/// /metrics is admin here: a test request has no client address, so it is outside the operations network
/// that may also read it without signing in (Telemetry:MetricsAllowedFrom, checked by MetricsEndpointTests).
/// </summary>
public static class DoorTable
{
    public static readonly IReadOnlyDictionary<string, Caller> Rows = Parse("""
        GET    /                                                          anonymous
        POST   /                                                          anonymous
        GET    /account                                                   customer
        POST   /account                                                   customer
        GET    /account/addresses/edit/{id:guid?}                         customer
        POST   /account/addresses/edit/{id:guid?}                         customer
        GET    /account/denied                                            anonymous
        POST   /account/denied                                            anonymous
        GET    /account/login                                             anonymous
        POST   /account/login                                             anonymous
        GET    /account/logout                                            anonymous
        POST   /account/logout                                            anonymous
        GET    /account/register                                          anonymous
        POST   /account/register                                          anonymous
        GET    /admin                                                     admin
        POST   /admin                                                     admin
        GET    /admin/audit                                               admin
        POST   /admin/audit                                               admin
        GET    /admin/capacity                                            admin
        GET    /admin/operations                                          admin
        POST   /admin/operations                                          admin
        POST   /admin/capacity                                            admin
        GET    /admin/categories                                          admin
        POST   /admin/categories                                          admin
        GET    /admin/categories/edit/{id:int?}                           admin
        POST   /admin/categories/edit/{id:int?}                           admin
        GET    /admin/customers                                           admin
        POST   /admin/customers                                           admin
        GET    /admin/customers/{id:guid}                                 admin
        POST   /admin/customers/{id:guid}                                 admin
        GET    /admin/flash-sales                                         admin
        POST   /admin/flash-sales                                         admin
        GET    /admin/notifications                                       admin
        POST   /admin/notifications                                       admin
        GET    /admin/orders                                              admin
        POST   /admin/orders                                              admin
        GET    /admin/orders/{id:guid}                                    admin
        POST   /admin/orders/{id:guid}                                    admin
        GET    /admin/orders/{id:guid}/packing-slip                       admin
        POST   /admin/orders/{id:guid}/packing-slip                       admin
        GET    /admin/products                                            admin
        POST   /admin/products                                            admin
        GET    /admin/products/edit/{id:int?}                             admin
        POST   /admin/products/edit/{id:int?}                             admin
        GET    /admin/products/import                                     admin
        POST   /admin/products/import                                     admin
        GET    /admin/products/import/{id:guid}                           admin
        POST   /admin/products/import/{id:guid}                           admin
        GET    /admin/products/{id:int}/photos                            admin
        POST   /admin/products/{id:int}/photos                            admin
        GET    /admin/products/{id:int}/stock                             admin
        POST   /admin/products/{id:int}/stock                             admin
        GET    /api/v1/accounts/me/                                       customer
        GET    /api/v1/accounts/me/addresses/                             customer
        POST   /api/v1/accounts/me/addresses/                             customer
        DELETE /api/v1/accounts/me/addresses/{id:guid}                    customer
        GET    /api/v1/accounts/me/addresses/{id:guid}                    customer
        PUT    /api/v1/accounts/me/addresses/{id:guid}                    customer
        POST   /api/v1/accounts/me/addresses/{id:guid}/default            customer
        POST   /api/v1/accounts/register                                  anonymous
        POST   /api/v1/accounts/token                                     anonymous
        GET    /api/v1/admin/audit                                        admin
        POST   /api/v1/admin/categories                                   admin
        PUT    /api/v1/admin/categories/{id:int}                          admin
        POST   /api/v1/admin/categories/{id:int}/move                     admin
        GET    /api/v1/admin/customers/                                   admin
        GET    /api/v1/admin/customers/{id:guid}                          admin
        POST   /api/v1/admin/customers/{id:guid}/lock                     admin
        POST   /api/v1/admin/customers/{id:guid}/unlock                   admin
        GET    /api/v1/admin/dashboard                                    admin
        GET    /api/v1/admin/operations                                   admin
        GET    /api/v1/admin/flash-sales/                                 admin
        POST   /api/v1/admin/flash-sales/                                 admin
        GET    /api/v1/admin/flash-sales/{id:guid}                        admin
        POST   /api/v1/admin/flash-sales/{id:guid}/end                    admin
        GET    /api/v1/admin/notifications                                admin
        GET    /api/v1/admin/orders/                                      admin
        GET    /api/v1/admin/orders/{id:guid}                             admin
        POST   /api/v1/admin/orders/{id:guid}/cancel                      admin
        POST   /api/v1/admin/orders/{id:guid}/refunds                     admin
        POST   /api/v1/admin/orders/{id:guid}/ship                        admin
        POST   /api/v1/admin/products                                     admin
        GET    /api/v1/admin/products/export                              admin
        POST   /api/v1/admin/products/imports                             admin
        GET    /api/v1/admin/products/imports/{id:guid}                   admin
        POST   /api/v1/admin/products/publication                         admin
        PUT    /api/v1/admin/products/{id:int}                            admin
        GET    /api/v1/admin/products/{id:int}/photos/                    admin
        POST   /api/v1/admin/products/{id:int}/photos/                    admin
        DELETE /api/v1/admin/products/{id:int}/photos/{photoId:guid}      admin
        POST   /api/v1/admin/products/{id:int}/photos/{photoId:guid}/main admin
        POST   /api/v1/admin/products/{id:int}/publish                    admin
        GET    /api/v1/admin/products/{id:int}/stock/                     admin
        POST   /api/v1/admin/products/{id:int}/stock/adjustments          admin
        PUT    /api/v1/admin/products/{id:int}/stock/threshold            admin
        POST   /api/v1/admin/products/{id:int}/unpublish                  admin
        GET    /api/v1/cart/                                              anonymous
        POST   /api/v1/cart/items                                         anonymous
        DELETE /api/v1/cart/items/{productId:int}                         anonymous
        PUT    /api/v1/cart/items/{productId:int}                         anonymous
        GET    /api/v1/categories                                         anonymous
        POST   /api/v1/flash-sales/{id:guid}/orders                       customer
        GET    /api/v1/orders/                                            customer
        POST   /api/v1/orders/                                            customer
        GET    /api/v1/orders/{id:guid}                                   customer
        POST   /api/v1/orders/{id:guid}/cancel                            customer
        GET    /api/v1/orders/{id:guid}/payment                           customer
        POST   /api/v1/orders/{id:guid}/payments                          customer
        GET    /api/v1/orders/{id:guid}/shipment                          customer
        POST   /api/v1/payments/notify                                    partner
        GET    /api/v1/products                                           anonymous
        GET    /api/v1/products/{id:int}                                  anonymous
        POST   /api/v1/shipping/carrier-events                            partner
        GET    /cart                                                      anonymous
        POST   /cart                                                      anonymous
        GET    /cart/add                                                  anonymous
        POST   /cart/add                                                  anonymous
        GET    /categories/{id:int}                                       anonymous
        POST   /categories/{id:int}                                       anonymous
        GET    /checkout                                                  customer
        POST   /checkout                                                  customer
        GET    /docs/favicon.svg                                          anonymous
        GET    /docs/scalar.aspnetcore.js                                 anonymous
        GET    /docs/scalar.js                                            anonymous
        GET    /docs/{documentName?}                                      anonymous
        GET    /error                                                     anonymous
        POST   /error                                                     anonymous
        GET    /flash-sales                                               anonymous
        POST   /flash-sales                                               anonymous
        GET    /form-token                                                anonymous
        GET    /healthz                                                   anonymous
        GET    /language                                                  anonymous
        GET    /metrics                                                   admin
        GET    /openapi/{documentName}.json                               anonymous
        GET    /orders                                                    customer
        POST   /orders                                                    customer
        GET    /orders/{id:guid}                                          customer
        POST   /orders/{id:guid}                                          customer
        GET    /products/{id:int}                                         anonymous
        POST   /products/{id:int}                                         anonymous
        GET    /products/{id:int}/image.svg                               anonymous
        GET    /products/{id:int}/photos/{photoId:guid}/{size}.webp       anonymous
        GET    /readyz                                                    anonymous
        GET    /sandbox/                                                  partner
        GET    /sandbox/carrier                                           partner
        POST   /sandbox/carrier/shipments                                 partner
        GET    /sandbox/carrier/shipments/{trackingNumber}                partner
        POST   /sandbox/carrier/shipments/{trackingNumber}/advance        partner
        GET    /sandbox/gateway                                           partner
        GET    /sandbox/gateway/pay/{paymentId}                           partner
        POST   /sandbox/gateway/pay/{paymentId}                           partner
        GET    /sandbox/gateway/payments                                  partner
        POST   /sandbox/gateway/payments                                  partner
        GET    /sandbox/gateway/payments/{paymentId}                      partner
        POST   /sandbox/gateway/refunds                                   partner
        GET    /sandbox/sms                                               partner
        GET    /sandbox/sms/messages                                      partner
        POST   /sandbox/sms/messages                                      partner
        GET    /search                                                    anonymous
        POST   /search                                                    anonymous
        GET    /status/{code:int}                                         anonymous
        POST   /status/{code:int}                                         anonymous
        GET    /{**path:file}                                             anonymous
        HEAD   /{**path:file}                                             anonymous
        GET    /{*path:nonfile}                                           anonymous
        GET    /{static-asset}                                            anonymous
        """);

    private static Dictionary<string, Caller> Parse(string table) => table
        .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        .ToDictionary(cells => $"{cells[0]} {cells[1]}", cells => Enum.Parse<Caller>(cells[^1], ignoreCase: true));
}
