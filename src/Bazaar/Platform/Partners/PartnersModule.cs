using Bazaar.Platform.Data;
using Bazaar.Sandbox;

namespace Bazaar.Platform.Partners;

public static class PartnersModule
{
    /// <summary>
    /// Where the gateway, carrier and SMS inbox are. With Sandbox:BaseUrl empty the sandbox is mounted
    /// in this process (the embedded default: a shop that can take money and ship with nothing else
    /// running), its keys beside the shop's data, and the shop trusts exactly those keys unless
    /// Payments:GatewayPublicKey[File] and Shipping:CarrierSecret[File] say otherwise.
    /// </summary>
    public static WebApplicationBuilder AddPartners(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        builder.Services.AddSingleton<PartnerAddresses>();
        if (!MountsSandbox(config))
            return builder;

        var section = config.GetSection("Sandbox");
        var defaults = new Dictionary<string, string?>();
        if (string.IsNullOrWhiteSpace(section["DataDirectory"]))
            defaults["Sandbox:DataDirectory"] = Path.Combine(StoragePaths.DataDirectory(config, builder.Environment), "sandbox");
        if (defaults.Count > 0)
            config.AddInMemoryCollection(defaults);
        builder.Services.AddSandbox(config.GetSection("Sandbox"), builder.Environment.ContentRootPath);
        var keys = (SandboxKeys)builder.Services.Last(d => d.ServiceType == typeof(SandboxKeys)).ImplementationInstance!;

        var trust = new Dictionary<string, string?>();
        if (string.IsNullOrWhiteSpace(config["Payments:GatewayPublicKey"]) && string.IsNullOrWhiteSpace(config["Payments:GatewayPublicKeyFile"]))
            trust["Payments:GatewayPublicKeyFile"] = keys.GatewayPublicKeyPath;
        if (string.IsNullOrWhiteSpace(config["Shipping:CarrierSecret"]) && string.IsNullOrWhiteSpace(config["Shipping:CarrierSecretFile"]))
            trust["Shipping:CarrierSecretFile"] = keys.CarrierSecretPath;
        if (trust.Count > 0)
            config.AddInMemoryCollection(trust);
        return builder;
    }

    public static WebApplication MapPartners(this WebApplication app)
    {
        // A stand-in for the outside world has no users of ours: the shop's sign-in does not apply to it.
        if (MountsSandbox(app.Configuration))
            app.MapSandbox().AllowAnonymous();
        return app;
    }

    private static bool MountsSandbox(IConfiguration config) =>
        string.IsNullOrWhiteSpace(config["Sandbox:BaseUrl"]) && config.GetValue("Sandbox:Mount", true);
}
