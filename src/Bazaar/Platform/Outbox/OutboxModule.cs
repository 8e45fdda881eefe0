namespace Bazaar.Platform.Outbox;

public static class OutboxModule
{
    public static WebApplicationBuilder AddOutbox(this WebApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddSingleton<OutboxEventTypes>();
        s.AddScoped<IOutbox, Outbox>();
        s.AddSingleton<DispatchOutbox>();
        s.AddHostedService(sp => sp.GetRequiredService<DispatchOutbox>());
        return builder;
    }

    /// <summary>Registers an event a module raises, under a stable name stored with each message.</summary>
    public static IServiceCollection AddOutboxEvent<TEvent>(this IServiceCollection services, string name) where TEvent : class =>
        services.AddSingleton(new OutboxEventType(name, typeof(TEvent)));
}
