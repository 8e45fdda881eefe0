using System.Net;
using Bazaar.Tests.Platform;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;

namespace Bazaar.Tests.Cluster;

/// <summary>
/// nginx terminates TLS and tells the shop with X-Forwarded-Proto/Host/For. The shop believes it
/// only from the proxies it was told about (Cluster:KnownProxies): anyone else could claim https.
/// </summary>
public sealed class ForwardedHeadersTests : IAsyncLifetime
{
    private const string Proxy = "10.20.0.5";
    private readonly SqliteShop _shop = new();
    private TestServer _server = null!;

    public async Task InitializeAsync()
    {
        await _shop.InitializeAsync();
        _server = _shop.WithWebHostBuilder(b => b.UseSetting("Cluster:KnownProxies", $"192.0.2.1, {Proxy}")).Server;
    }

    public async Task DisposeAsync() => await ((IAsyncLifetime)_shop).DisposeAsync();

    [Fact]
    public async Task Behind_a_known_proxy_the_sign_in_redirect_keeps_the_shoppers_https_address()
    {
        var response = await AccountPageFromAsync(Proxy);

        Assert.Equal(StatusCodes.Status302Found, response.StatusCode);
        Assert.StartsWith("https://shop.example/account/login", response.Headers.Location.ToString());
    }

    [Fact]
    public async Task Forwarded_headers_from_an_unknown_address_are_ignored()
    {
        var response = await AccountPageFromAsync("203.0.113.9");

        Assert.Equal(StatusCodes.Status302Found, response.StatusCode);
        var location = response.Headers.Location.ToString();
        Assert.StartsWith("http://", location);
        Assert.DoesNotContain("shop.example", location);
    }

    [Fact]
    public async Task Without_known_proxies_no_forwarded_header_is_believed_even_from_loopback()
    {
        var response = await _shop.Server.SendAsync(c => Forwarded(c, IPAddress.Loopback));

        Assert.StartsWith("http://", response.Response.Headers.Location.ToString());
    }

    private async Task<HttpResponse> AccountPageFromAsync(string remote) =>
        (await _server.SendAsync(c => Forwarded(c, IPAddress.Parse(remote)))).Response;

    private static void Forwarded(HttpContext c, IPAddress remote)
    {
        c.Request.Method = "GET";
        c.Request.Path = "/account";
        c.Request.Host = new HostString("10.20.0.9:5481");
        c.Connection.RemoteIpAddress = remote;
        c.Request.Headers["X-Forwarded-Proto"] = "https";
        c.Request.Headers["X-Forwarded-Host"] = "shop.example";
        c.Request.Headers["X-Forwarded-For"] = "198.51.100.7";
    }
}
