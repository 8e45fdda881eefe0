using Bazaar.Platform.Outbox;
using Bazaar.Platform.Partners;
using Microsoft.Extensions.Options;

namespace Bazaar.Payments;

public static class PaymentsModule
{
    public static WebApplicationBuilder AddPayments(this WebApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddOptions<PaymentsOptions>().Bind(builder.Configuration.GetSection("Payments"))
            .Validate(o => o.ReconcileAfter > TimeSpan.Zero && o.ReconcileInterval > TimeSpan.Zero && o.ReconcileFor > o.ReconcileAfter,
                "Payments reconciliation times must be positive, and ReconcileFor longer than ReconcileAfter.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.GatewayPublicKey) || !string.IsNullOrWhiteSpace(o.GatewayPublicKeyFile),
                "Set Payments:GatewayPublicKey (PEM) or Payments:GatewayPublicKeyFile: without it no notification can be trusted.")
            .ValidateOnStart();
        s.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<PaymentsOptions>>().Value;
            var pem = !string.IsNullOrWhiteSpace(o.GatewayPublicKey) ? o.GatewayPublicKey : File.ReadAllText(o.GatewayPublicKeyFile!);
            return new GatewaySignature(pem);
        });
        s.AddOutboxEvent<PaymentSucceeded>("payments.payment-succeeded");
        s.AddOutboxEvent<PaymentFailed>("payments.payment-failed");
        s.AddOutboxEvent<PaymentRefunded>("payments.payment-refunded");
        s.AddPartnerClient<PaymentGateway>("payment-gateway");
        s.AddScoped<StartPayment>();
        s.AddScoped<SettlePayment>();
        s.AddScoped<QueryPayment>();
        s.AddScoped<RefundPayment>();
        s.AddScoped<AcceptPaymentNotification>();
        s.AddScoped<IPayments, ShopPayments>();
        s.AddSingleton<ReconcilePendingPayments>();
        s.AddHostedService(sp => sp.GetRequiredService<ReconcilePendingPayments>());
        return builder;
    }

    public static WebApplication MapPayments(this WebApplication app)
    {
        app.MapPaymentEndpoints();
        return app;
    }
}
