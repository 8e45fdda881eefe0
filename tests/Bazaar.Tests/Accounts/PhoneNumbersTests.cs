// libphonenumber owns the namespace PhoneNumbers, so the shop's class needs its full name.
using Phones = Bazaar.Accounts.PhoneNumbers;

namespace Bazaar.Tests.Accounts;

public sealed class PhoneNumbersTests
{
    [Theory]
    [InlineData("13800138000")]
    [InlineData("138 0013 8000")]
    [InlineData("138-0013-8000")]
    [InlineData(" 13800138000 ")]
    [InlineData("+86 138 0013 8000")]
    [InlineData("+8613800138000")]
    [InlineData("0086 138 0013 8000")]
    public void A_mainland_mobile_number_in_any_common_format_becomes_one_E164_number(string typed)
    {
        Assert.True(Phones.TryNormalise(typed, out var e164, out var error), error);
        Assert.Equal("+8613800138000", e164);
    }

    [Theory]
    [InlineData("+447911123456", "+447911123456")]
    [InlineData("+44 7911 123456", "+447911123456")]
    [InlineData("+1 650-253-0000", "+16502530000")]
    public void A_valid_foreign_number_in_international_form_is_accepted(string typed, string expected)
    {
        Assert.True(Phones.TryNormalise(typed, out var e164, out var error), error);
        Assert.Equal(expected, e164);
    }

    [Theory]
    [InlineData("01012345678")]
    [InlineData("010-1234-5678")]
    [InlineData("021 6123 4567")]
    public void A_mainland_landline_without_country_code_is_refused_because_an_SMS_could_not_reach_it(string typed)
    {
        Assert.False(Phones.TryNormalise(typed, out var e164, out var error));
        Assert.Equal("", e164);
        Assert.Contains("mobile", error);
    }

    [Fact]
    public void A_mainland_landline_given_in_international_form_is_accepted()
    {
        Assert.True(Phones.TryNormalise("+86 10 1234 5678", out var e164, out var error), error);
        Assert.Equal("+861012345678", e164);
    }

    [Theory]
    [InlineData(null, "required")]
    [InlineData("", "required")]
    [InlineData("   ", "required")]
    [InlineData("12345", "not a valid")]
    [InlineData("1380013800", "not a valid")]
    [InlineData("not a phone", "not a valid")]
    [InlineData("+86 123", "not a valid")]
    [InlineData("+999 1234 5678", "not a valid")]
    [InlineData("138001380001380013800138001380013", "too long")]
    public void Nonsense_is_refused_with_a_message(string? typed, string message)
    {
        Assert.False(Phones.TryNormalise(typed, out var e164, out var error));
        Assert.Equal("", e164);
        Assert.Contains(message, error);
    }

    [Theory]
    [InlineData("13800138000", true)]
    [InlineData("+86 (138) 0013-8000", true)]
    [InlineData("alice", false)]
    [InlineData("alice138", false)]
    [InlineData("张三丰", false)]
    [InlineData("", false)]
    public void A_login_is_read_as_a_phone_number_only_when_it_has_nothing_but_phone_characters(string login, bool phone) =>
        Assert.Equal(phone, Phones.LooksLikePhone(login));
}
