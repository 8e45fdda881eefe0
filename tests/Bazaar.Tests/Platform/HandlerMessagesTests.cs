using System.Globalization;
using Bazaar.Platform.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Localization;

namespace Bazaar.Tests.Platform;

/// <summary>Handlers' English messages shown in the page's language; times in China time.</summary>
public sealed class HandlerMessagesTests
{
    private static readonly HandlerMessages Chinese = new([
        new LocalizedString("{0} is required.", "请填写{0}。"),
        new LocalizedString("{0} must be at most {1} characters.", "{0}最多 {1} 个字符。"),
        new LocalizedString("Recipient", "收货人"),
        new LocalizedString("Phone number is required.", "请填写手机号。"),
        new LocalizedString("{0}: only {1} left.", "仅剩 {1} 件：{0}"),
    ]);

    [Theory]
    [InlineData("Phone number is required.", "请填写手机号。")] // a text of its own wins over "{0} is required."
    [InlineData("Recipient is required.", "请填写收货人。")] // a value that is a listed text is translated too
    [InlineData("Street must be at most 200 characters.", "Street最多 200 个字符。")] // one that is not stays as it is
    [InlineData("保温杯: only 3 left.", "仅剩 3 件：保温杯")] // the places may change order
    [InlineData("Something nobody listed.", "Something nobody listed.")]
    [InlineData("", "")]
    public void A_message_is_said_in_the_listed_texts_language(string english, string said) =>
        Assert.Equal(said, Chinese.Say(english));

    [Fact]
    public void A_problem_is_translated_field_by_field_and_its_detail_follows()
    {
        var problem = new Problem(StatusCodes.Status400BadRequest, "One or more fields are invalid.",
            "Recipient is required. Phone number is required.",
            new Dictionary<string, string[]> { ["recipient"] = ["Recipient is required."], ["phone"] = ["Phone number is required."] });

        var said = Chinese.Say(problem);

        Assert.Equal(["请填写收货人。"], said.Errors!["recipient"]);
        Assert.Equal(["请填写手机号。"], said.Errors["Phone"]);
        Assert.Equal("请填写收货人。 请填写手机号。", said.Detail);
        Assert.Equal(problem.Status, said.Status);
    }

    [Theory]
    [InlineData("zh-CN", "2026/11/26 08:05")]
    [InlineData("en", "11/26/2026 8:05 AM")]
    public void A_time_is_shown_in_China_as_the_language_writes_it(string language, string shown)
    {
        var before = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo(language);
        try
        {
            // Midnight past in UTC is eight in the morning in Shanghai, the same day.
            // ICU writes a narrow no-break space before AM: the same to a reader.
            Assert.Equal(shown, ChinaTime.DateAndTime(new DateTime(2026, 11, 26, 0, 5, 0, DateTimeKind.Unspecified)).Replace('\u202F', ' '));
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }
}
