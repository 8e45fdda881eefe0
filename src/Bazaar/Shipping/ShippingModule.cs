using System.Text;
using Bazaar.Platform.Outbox;
using Bazaar.Platform.Partners;
using Microsoft.Extensions.Options;

namespace Bazaar.Shipping;

public static class ShippingModule
{
    public static WebApplicationBuilder AddShipping(this WebApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddOptions<ShippingOptions>().Bind(builder.Configuration.GetSection("Shipping"))
            .Validate(o => o.SignatureWindow > TimeSpan.Zero && o.SignatureWindow <= TimeSpan.FromHours(1),
                "Shipping:SignatureWindow must be between zero and an hour.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.CarrierSecret) || !string.IsNullOrWhiteSpace(o.CarrierSecretFile),
                "Set Shipping:CarrierSecret or Shipping:CarrierSecretFile: without it no carrier event can be trusted.")
            .ValidateOnStart();
        s.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<ShippingOptions>>().Value;
            var secret = !string.IsNullOrWhiteSpace(o.CarrierSecret) ? o.CarrierSecret : File.ReadAllText(o.CarrierSecretFile!);
            return new CarrierSignature(Encoding.UTF8.GetBytes(secret.Trim()), o.SignatureWindow, sp.GetRequiredService<TimeProvider>());
        });
        s.AddOutboxEvent<ShipmentDelivered>("shipping.shipment-delivered");
        s.AddPartnerClient<CarrierClient>("carrier");
        s.AddScoped<BookShipment>();
        s.AddScoped<AcceptCarrierEvent>();
        s.AddScoped<IShipping, ShopShipping>();
        return builder;
    }

    public static WebApplication MapShipping(this WebApplication app)
    {
        app.MapShippingEndpoints();
        return app;
    }
}
