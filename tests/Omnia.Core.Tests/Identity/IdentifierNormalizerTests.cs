using Omnia.Core.Identity;

namespace Omnia.Core.Tests.Identity;

public class IdentifierNormalizerTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("null")]
    [InlineData("NULL")]
    [InlineData(" undefined ")]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("anonymous")]
    [InlineData("Unknown")]
    [InlineData("none")]
    [InlineData("N/A")]
    [InlineData("NaN")]
    [InlineData("[object Object]")]
    [InlineData("Guest")]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    [InlineData("---")]
    [InlineData("0 0 0")]
    public void Junk_values_are_blocked(string? value) => Assert.True(IdentifierNormalizer.IsBlocked(value));

    [Theory]
    [InlineData("u-123")]
    [InlineData("0042")]
    [InlineData("-12")]
    [InlineData("nullable")]
    [InlineData("guest42")]
    [InlineData("a")]
    public void Real_values_that_look_a_little_like_junk_are_not_blocked(string value) =>
        Assert.False(IdentifierNormalizer.IsBlocked(value));

    [Fact]
    public void Extra_blocked_values_are_matched_trimmed_and_ignoring_case()
    {
        var extra = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "test@example.com" };

        Assert.True(IdentifierNormalizer.IsBlocked(" TEST@example.com ", extra));
        Assert.False(IdentifierNormalizer.IsBlocked("real@example.com", extra));
    }

    [Theory]
    [InlineData("  John.Doe@Example.COM ", "john.doe@example.com")]
    [InlineData("j.o.h.n@gmail.com", "j.o.h.n@gmail.com")]
    [InlineData("a+tag@sub.example.co.uk", "a+tag@sub.example.co.uk")]
    [InlineData("john", null)]
    [InlineData("@example.com", null)]
    [InlineData("john@", null)]
    [InlineData("john@example", null)]
    [InlineData("john@@example.com", null)]
    [InlineData("a@b@example.com", null)]
    [InlineData("jo hn@example.com", null)]
    [InlineData("john@.com", null)]
    [InlineData("john@example.com.", null)]
    [InlineData("john@exa..mple.com", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Emails_are_trimmed_lower_cased_and_shape_checked(string? raw, string? expected) =>
        Assert.Equal(expected, IdentifierNormalizer.NormalizeEmail(raw));

    [Theory]
    [InlineData("(415) 555-0134", "US", "+14155550134")]
    [InlineData("1-415-555-0134", "US", "+14155550134")]
    [InlineData("415.555.0134", "US", "+14155550134")]
    [InlineData("(415) 555-0134", "us", "+14155550134")]
    [InlineData("+1 415 555 0134", "GB", "+14155550134")]
    [InlineData("(416) 555-0199", "CA", "+14165550199")]
    [InlineData("020 7946 0958", "GB", "+442079460958")]
    [InlineData("07700 900123", "GB", "+447700900123")]
    [InlineData("447700900123", "GB", "+447700900123")]
    [InlineData("+44 (0)20 7946 0958", "US", "+442079460958")]
    [InlineData("+44 020 7946 0958", "US", "+442079460958")]
    [InlineData("0044 20 7946 0958", "US", "+442079460958")]
    [InlineData("011 44 20 7946 0958", "US", "+442079460958")]
    [InlineData("0011 44 20 7946 0958", "AU", "+442079460958")]
    [InlineData("030 123456", "DE", "+4930123456")]
    [InlineData("030/123456", "DE", "+4930123456")]
    [InlineData("06 12 34 56 78", "FR", "+33612345678")]
    [InlineData("612 345 678", "ES", "+34612345678")]
    [InlineData("06 1234 5678", "IT", "+390612345678")]
    [InlineData("0412 345 678", "AU", "+61412345678")]
    [InlineData("090-1234-5678", "JP", "+819012345678")]
    [InlineData("(11) 91234-5678", "BR", "+5511912345678")]
    [InlineData("098765 43210", "IN", "+919876543210")]
    [InlineData("8 (495) 123-45-67", "RU", "+74951234567")]
    [InlineData("06 1 234 5678", "HU", "+3612345678")]
    [InlineData("+44 20 7946 0958", "XX", "+442079460958")]
    public void Phones_become_E164(string raw, string region, string expected) =>
        Assert.Equal(expected, IdentifierNormalizer.NormalizePhone(raw, region));

    [Theory]
    [InlineData("555-0134", "US")]
    [InlineData("415-555-CALL", "US")]
    [InlineData("(415) 555-0134 x12", "US")]
    [InlineData("+1 415 555 0134 ext. 5", "US")]
    [InlineData("1+415 555 0134", "US")]
    [InlineData("+0 123 456 789", "US")]
    [InlineData("+12345", "US")]
    [InlineData("+1234567890123456", "US")]
    [InlineData("020 7946 0958", "XX")]
    [InlineData("", "US")]
    [InlineData(null, "US")]
    public void Phones_that_cannot_be_read_are_rejected(string? raw, string region) =>
        Assert.Null(IdentifierNormalizer.NormalizePhone(raw, region));

    [Theory]
    [InlineData("user_id", "  u123 ", "u123")]
    [InlineData("user_id", "undefined", null)]
    [InlineData("anonymous_id", "00000000-0000-0000-0000-000000000000", null)]
    [InlineData("email", " A@B.CO ", "a@b.co")]
    [InlineData("email", "not an email", null)]
    [InlineData("phone", "020 7946 0958", "+442079460958")]
    [InlineData("crm_id", " CRM-1 ", "CRM-1")]
    public void Normalize_dispatches_on_the_identifier_type(string type, string? raw, string? expected) =>
        Assert.Equal(expected, IdentifierNormalizer.Normalize(type, raw, "GB"));

    [Fact]
    public void Values_longer_than_the_maximum_are_rejected_not_truncated()
    {
        Assert.Equal(256, IdentifierNormalizer.Normalize("user_id", new string('x', 256), "US")?.Length);
        Assert.Null(IdentifierNormalizer.Normalize("user_id", new string('x', 257), "US"));
    }

    [Fact]
    public void Normalize_applies_the_extra_blocklist_to_the_normalised_value()
    {
        var extra = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "test@example.com" };

        Assert.Null(IdentifierNormalizer.Normalize("email", " Test@Example.com", "US", extra));
        Assert.Equal("me@example.com", IdentifierNormalizer.Normalize("email", "me@example.com", "US", extra));
    }

    [Theory]
    [InlineData("CRM ID", "crm_id")]
    [InlineData(" Loyalty_Id ", "loyalty_id")]
    [InlineData("ios.idfa", "ios.idfa")]
    [InlineData(null, "")]
    public void Types_are_written_lower_case_with_underscores(string? type, string expected) =>
        Assert.Equal(expected, IdentifierNormalizer.NormalizeType(type));
}
