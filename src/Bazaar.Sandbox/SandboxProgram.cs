namespace Bazaar.Sandbox;

/// <summary>
/// The sandbox alone, for a shop that runs elsewhere (Sandbox:BaseUrl = http://127.0.0.1:5090).
/// A named class, not top-level statements: the shop's assembly has its own Program and tests load both.
/// </summary>
public static class SandboxProgram
{
    public const string DefaultUrl = "http://127.0.0.1:5090";

    public static async Task<int> Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = Directory.GetCurrentDirectory(),
        });
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
            builder.WebHost.UseUrls(DefaultUrl);
        // A request log line per poke at a page drowns the sandbox's own lines about deliveries.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        builder.Services.AddProblemDetails();
        builder.Services.AddSandbox(builder.Configuration.GetSection("Sandbox"), builder.Environment.ContentRootPath);

        var app = builder.Build();
        app.MapGet("/", () => Results.Redirect("/sandbox")).ExcludeFromDescription();
        app.MapSandbox();

        var keys = app.Services.GetRequiredService<SandboxKeys>();
        Console.WriteLine($"Sandbox gateway public key: {keys.GatewayPublicKeyPath}");
        Console.WriteLine($"Sandbox carrier secret:     {keys.CarrierSecretPath}");
        await app.RunAsync();
        return 0;
    }
}
