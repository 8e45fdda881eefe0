using Bazaar.Platform.Data;
using Microsoft.Extensions.Options;

namespace Bazaar.Platform.Audit;

public static class AuditModule
{
    public static WebApplicationBuilder AddAudit(this WebApplicationBuilder builder)
    {
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<IAuditLog, AuditLog>();
        builder.Services.AddScoped<FindAuditEntries>();
        builder.Services.Configure<AuditOptions>(builder.Configuration.GetSection("Audit"));
        builder.Services.AddSingleton(sp => AuditChainKey.Load(sp.GetRequiredService<IOptions<AuditOptions>>(),
            sp.GetRequiredService<DatabaseOptions>(), sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<IHostEnvironment>()));
        builder.Services.AddSingleton<SealAuditEntries>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SealAuditEntries>());
        builder.Services.AddScoped<VerifyAuditChain>();
        return builder;
    }
}
