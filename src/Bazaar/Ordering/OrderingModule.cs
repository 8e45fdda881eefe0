using Bazaar.Platform.Outbox;

namespace Bazaar.Ordering;

public static class OrderingModule
{
    public static WebApplicationBuilder AddOrdering(this WebApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddOptions<OrderingOptions>().Bind(builder.Configuration.GetSection("Ordering"))
            .Validate(o => o.ShippingFee >= 0 && o.FreeShippingOver >= 0, "Ordering fees cannot be negative.")
            .Validate(o => o.PaymentTimeout > TimeSpan.Zero && o.ExpiryInterval > TimeSpan.Zero
                && o.AutoCompleteAfter > TimeSpan.Zero && o.CompletionInterval > TimeSpan.Zero, "Ordering times must be positive.")
            .ValidateOnStart();
        s.AddOutboxEvent<OrderPlaced>("ordering.order-placed");
        s.AddOutboxEvent<OrderCancelled>("ordering.order-cancelled");
        s.AddOutboxEvent<OrderStatusChanged>("ordering.order-status-changed");
        s.AddOutboxEvent<OrderShipped>("ordering.order-shipped");
        s.AddOutboxEvent<OrderRefunded>("ordering.order-refunded");
        s.AddOutboxEvent<OrderPaid>("ordering.order-paid");
        s.AddScoped<IEventHandler<Bazaar.Payments.PaymentSucceeded>, MarkOrderPaid>();
        s.AddScoped<IEventHandler<Bazaar.Payments.PaymentRefunded>, MarkOrderRefunded>();
        s.AddScoped<IEventHandler<Bazaar.Shipping.ShipmentDelivered>, MarkOrderDelivered>();
        s.AddScoped<PayOrder>();
        s.AddScoped<ShipOrder>();
        s.AddScoped<RefundOrder>();
        s.AddScoped<CancelOrderForCustomer>();
        s.AddScoped<PlaceOrder>();
        s.AddScoped<PlaceOrderFromHold>();
        s.AddScoped<IOrders, ShopOrders>();
        s.AddScoped<PreviewOrder>();
        s.AddScoped<ChangeOrderStatus>();
        s.AddScoped<ViewOrders>();
        s.AddScoped<FindOrdersForOperators>();
        s.AddScoped<IOrderFigures, SummariseOrders>();
        s.AddSingleton<ExpireUnpaidOrders>();
        s.AddHostedService(sp => sp.GetRequiredService<ExpireUnpaidOrders>());
        s.AddSingleton<CompleteDeliveredOrders>();
        s.AddHostedService(sp => sp.GetRequiredService<CompleteDeliveredOrders>());
        return builder;
    }

    public static WebApplication MapOrdering(this WebApplication app)
    {
        app.MapOrderEndpoints();
        app.MapOrderFulfilmentEndpoints();
        return app;
    }
}
