using System.Net;
using Bazaar.Tests.Platform;

namespace Bazaar.Tests.Admin;

/// <summary>The back office's capacity page: the operator's own numbers in, instances and availability out.</summary>
public sealed class CapacityPageTests(SqliteShop shop) : IClassFixture<SqliteShop>
{
    [Fact]
    public async Task Three_thousand_one_millisecond_requests_a_second_need_two_instances_of_two_cores()
    {
        var admin = await shop.AdminAsync();

        var page = await admin.GetStringAsync("/admin/capacity?mix=" + Uri.EscapeDataString("page=1:1") + "&rate=3000&p99=100&cores=2");

        // 3,000 × 1 ms is three cores of work: one 2-core instance is overloaded, two keep p99 well within 100 ms.
        Assert.Contains("data-instances=\"1\" data-meets=\"False\"", page);
        Assert.Contains("data-instances=\"2\" data-meets=\"True\"", page);
        Assert.Contains("Needed: 2 instances; 3 to keep the target with one of them down.", page);
        Assert.Contains("99.99961", page); // one instance: 30 days between failures, 10 s to recover
    }

    [Fact]
    public async Task Without_a_mix_the_page_starts_from_what_this_instance_served()
    {
        var anonymous = shop.Anonymous();
        for (var i = 0; i < 120; i++)
            (await anonymous.GetAsync("/")).EnsureSuccessStatusCode();
        var admin = await shop.AdminAsync();

        var page = WebUtility.HtmlDecode(await admin.GetStringAsync("/admin/capacity"));

        Assert.Contains("The mix is what this instance served since it started", page);
        Assert.Matches(@"GET /=\d{3,}:", page);
        Assert.Contains("data-testid=\"capacity-plan\"", page);
    }

    [Fact]
    public async Task A_mix_that_does_not_parse_is_a_field_message_not_an_error_page()
    {
        var admin = await shop.AdminAsync();

        var response = await admin.GetAsync("/admin/capacity?mix=" + Uri.EscapeDataString("search=lots:2"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("The share of 'search' must be a number", page);
        Assert.DoesNotContain("data-testid=\"capacity-plan\"", page);
    }

    [Fact]
    public async Task The_design_documents_example_is_shown_with_its_corrected_failure_figure()
    {
        var admin = await shop.AdminAsync();

        var page = WebUtility.HtmlDecode(await admin.GetStringAsync("/admin/capacity"));

        Assert.Contains("= 12,000; with η = 0.1, L lies between 10,800 and 13,200", page);
        Assert.Contains("gives 1.000000, not the 0.45 the document states", page);
        Assert.Contains("needs an MTBF of 1.67 days", page);
    }
}
