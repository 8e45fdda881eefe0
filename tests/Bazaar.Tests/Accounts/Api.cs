using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Bazaar.Tests.Accounts;

/// <summary>Reading the API's answers the way a client app would.</summary>
internal static class Api
{
    public sealed record Registered(Guid Id, string UserName, string PhoneNumber);
    public sealed record Token(string TokenType, string AccessToken, int ExpiresIn);
    public sealed record Me(Guid Id, string UserName, string? PhoneNumber, string[] Roles);

    public static Task<HttpResponseMessage> RegisterAsync(this HttpClient client, string? userName, string? phoneNumber, string? password) =>
        client.PostAsJsonAsync("/api/v1/accounts/register", new { userName, phoneNumber, password });

    public static Task<HttpResponseMessage> TokenAsync(this HttpClient client, string? login, string? password) =>
        client.PostAsJsonAsync("/api/v1/accounts/token", new { login, password });

    public static string NewUserName() => "u" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>"13912345678" as a person types it: "139 1234 5678".</summary>
    public static string Spaced(string mobile) => $"{mobile[..3]} {mobile[3..7]} {mobile[7..]}";

    /// <summary>The body of an RFC 9457 problem; fails the test when the answer is not one.</summary>
    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal((int)status, body.GetProperty("status").GetInt32());
        return body;
    }

    /// <summary>The messages a 400 gives for one field.</summary>
    public static async Task<string[]> FieldErrorsAsync(this HttpResponseMessage response, string field)
    {
        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.TryGetProperty("errors", out var errors), $"no field errors in {problem}");
        Assert.True(errors.TryGetProperty(field, out var messages), $"no error for '{field}' in {errors}");
        var list = messages.EnumerateArray().Select(m => m.GetString()!).ToArray();
        Assert.NotEmpty(list);
        Assert.All(list, m => Assert.False(string.IsNullOrWhiteSpace(m)));
        return list;
    }

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.True(status == response.StatusCode,
            $"expected {(int)status}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<T>())!;
    }
}
