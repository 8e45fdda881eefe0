namespace Bazaar.Platform.Audit;

public static class AuditModule
{
    public static WebApplicationBuilder AddAudit(this WebApplicationBuilder builder)
    {
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<IAuditLog, AuditLog>();
        builder.Services.AddScoped<FindAuditEntries>();
        return builder;
    }
}
