using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Bazaar.Tests.Platform;

/// <summary>
/// What a browser is told about every answer: run scripts only from the shop (or with this
/// answer's nonce), never inside another site's frame, never sniff a type; no Server header; HSTS
/// over HTTPS. And the pages give the policy nothing to refuse: no inline script, style or handler.
/// </summary>
public sealed class SecurityHeadersTests(SqliteShop shop) : IClassFixture<SqliteShop>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/products/1")]
    [InlineData("/account/login")]
    [InlineData("/api/v1/products")]
    [InlineData("/no/such/page")]
    [InlineData("/api/v1/no-such-thing")]
    [InlineData("/css/site.css")]
    [InlineData("/healthz")]
    public async Task Every_answer_carries_the_security_headers_and_no_server_name(string url)
    {
        var response = await shop.Anonymous().GetAsync(url);

        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy"));
        Assert.Contains("frame-ancestors 'none'", Header(response, "Content-Security-Policy"));
        Assert.False(response.Headers.Contains("Server"), "the Server header names the software to an attacker");
    }

    [Fact]
    public async Task A_page_may_run_scripts_from_the_shop_or_with_its_own_nonce_only()
    {
        var first = Header(await shop.Anonymous().GetAsync("/account/login"), "Content-Security-Policy");
        var second = Header(await shop.Anonymous().GetAsync("/account/login"), "Content-Security-Policy");

        var scripts = Regex.Match(first, "script-src ([^;]+)").Groups[1].Value;
        Assert.Matches(@"^'self' 'nonce-[A-Za-z0-9+/]{22}=='$", scripts);
        Assert.DoesNotContain("unsafe-inline", first);
        Assert.Contains("object-src 'none'", first);
        // Styles from the shop's files, and the one style attribute of an empty validation summary (by its hash).
        Assert.Contains($"style-src 'self' 'unsafe-hashes' 'sha256-{Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData("display:none"u8))}';", first);
        Assert.Contains("form-action 'self'", first);
        Assert.NotEqual(Regex.Match(first, "nonce-[^']+").Value, Regex.Match(second, "nonce-[^']+").Value);
    }

    [Fact]
    public async Task An_error_page_carries_the_headers_too()
    {
        var response = await shop.Anonymous().GetAsync("/products/999999999");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("script-src 'self' 'nonce-", Header(response, "Content-Security-Policy"));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
    }

    [Fact]
    public async Task Over_HTTPS_browsers_are_told_to_stay_on_HTTPS_and_over_HTTP_they_are_not()
    {
        var https = shop.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://shop.example/") });
        var http = shop.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://shop.example/") });

        Assert.StartsWith("max-age=31536000", Header(await https.GetAsync("/"), "Strict-Transport-Security"));
        Assert.False((await http.GetAsync("/")).Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public void No_page_has_an_inline_script_style_or_event_handler()
    {
        var offenders = new List<string>();
        foreach (var file in Directory.EnumerateFiles(PageTexts.SourceRoot, "*.cshtml", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            foreach (Match m in Regex.Matches(text, @"<script(?![^>]*\bsrc=)(?![^>]*type=""application/json"")[^>]*>"))
                offenders.Add($"{Path.GetFileName(file)}: inline script {m.Value}");
            foreach (Match m in Regex.Matches(text, @"<style\b|\sstyle=""|\son[a-z]+=""", RegexOptions.IgnoreCase))
                offenders.Add($"{Path.GetFileName(file)}: {m.Value.Trim()}");
        }
        Assert.True(offenders.Count == 0, "the Content-Security-Policy refuses these:\n" + string.Join("\n", offenders));
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : throw new Xunit.Sdk.XunitException($"{response.RequestMessage?.RequestUri} has no {name} header");
}
