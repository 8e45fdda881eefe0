namespace Bazaar.Admin;

/// <summary>The back office's own pages and routes (audit); each module keeps its own admin pages.</summary>
public static class AdminModule
{
    public static WebApplication MapAdmin(this WebApplication app)
    {
        app.MapAuditEndpoints();
        return app;
    }
}
