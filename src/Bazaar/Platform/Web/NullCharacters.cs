using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bazaar.Platform.Web;

/// <summary>
/// PostgreSQL cannot store or compare a text with a null character in it: a search box or a sign-in name
/// holding one made Npgsql throw, a 500. No field of the shop has a use for it, so it is refused at the door,
/// in the query string and in JSON bodies alike, with a 400.
/// </summary>
public static class NullCharacters
{
    public static IServiceCollection RefuseNullCharactersInJson(this IServiceCollection services) =>
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new StringWithoutNulls()));

    public static WebApplication UseNullCharacterRefusal(this WebApplication app)
    {
        app.Use((http, next) =>
        {
            if (http.Request.QueryString.Value?.Contains("%00", StringComparison.Ordinal) != true)
                return next(http);
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            return Task.CompletedTask;
        });
        return app;
    }

    private sealed class StringWithoutNulls : JsonConverter<string>
    {
        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var value = reader.GetString();
            return value?.Contains('\0') == true ? throw new JsonException("A text holds a null character.") : value;
        }

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }
}
