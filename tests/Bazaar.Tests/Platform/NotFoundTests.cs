using System.Net;

namespace Bazaar.Tests.Platform;

/// <summary>A URL that matches nothing is a 404 for anyone, never a sign-in prompt or a 500.</summary>
public sealed class NotFoundTests(SqliteShop shop) : IClassFixture<SqliteShop>
{
    [Theory]
    [InlineData("/products/not-a-number")]
    [InlineData("/nothing/here")]
    [InlineData("/products/999999")]
    public async Task An_unknown_page_is_the_not_found_page(string url)
    {
        var response = await shop.Anonymous().GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unknown_api_route_is_a_404_problem()
    {
        var response = await shop.Anonymous().GetAsync("/api/v1/no-such-thing");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
