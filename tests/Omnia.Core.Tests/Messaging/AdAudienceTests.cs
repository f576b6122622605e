using Omnia.Core.Messaging;

namespace Omnia.Core.Tests.Messaging;

public class AdAudienceTests
{
    [Fact]
    public void Hashes_match_the_examples_in_metas_documentation()
    {
        // Meta, Conversions API customer information parameters: "John_Smith@gmail.com" and the US number "(650)555-1212".
        Assert.Equal("john_smith@gmail.com", AdAudience.NormaliseEmail("  John_Smith@gmail.com "));
        Assert.Equal("62a14e44f765419d10fea99367361a727c12365e2520f32218d505ed9aa0f62f", AdAudience.Sha256(AdAudience.NormaliseEmail("John_Smith@gmail.com")!));
        Assert.Equal("16505551212", AdAudience.NormalisePhoneDigits("(650)555-1212", "US"));
        Assert.Equal("e323ec626319ca94ee8bff2e4c87cf613be6ea19919ed1364124e16807ab3176", AdAudience.Sha256(AdAudience.NormalisePhoneDigits("(650)555-1212")!));
    }

    [Fact]
    public void Google_phones_are_e164_with_a_plus_and_gmail_dots_are_kept()
    {
        Assert.Equal("+442071838750", AdAudience.NormalisePhoneE164("020 7183 8750", "GB"));
        Assert.Equal("+16505551212", AdAudience.NormalisePhoneE164("+1 650-555-1212"));
        Assert.Equal("jane.doe@gmail.com", AdAudience.NormaliseEmail("Jane.Doe@GMAIL.com"));
    }

    [Fact]
    public void The_meta_file_has_email_and_phone_columns_of_hashes()
    {
        var csv = new StringWriter();

        var written = AdAudience.WriteMeta(csv, [
            new(["John_Smith@gmail.com"], ["(650)555-1212"]),
            new(["a@example.com", "A@example.com ", "b@example.com"], []),
            new(["not an email"], ["12"]),
            new([" john_smith@GMAIL.com"], ["+1 650 555 1212"]),
        ]);

        Assert.Equal(2, written);
        Assert.Equal(
            "email,email,phone\n" +
            "62a14e44f765419d10fea99367361a727c12365e2520f32218d505ed9aa0f62f,,e323ec626319ca94ee8bff2e4c87cf613be6ea19919ed1364124e16807ab3176\n" +
            $"{AdAudience.Sha256("a@example.com")},{AdAudience.Sha256("b@example.com")},\n",
            csv.ToString());
    }

    [Fact]
    public void The_google_file_has_email_and_phone_columns_and_hashes_the_plus_form()
    {
        var csv = new StringWriter();

        AdAudience.WriteGoogle(csv, [new(["John_Smith@gmail.com"], ["(650)555-1212"])]);

        Assert.Equal(
            "Email,Phone\n" +
            $"62a14e44f765419d10fea99367361a727c12365e2520f32218d505ed9aa0f62f,{AdAudience.Sha256("+16505551212")}\n",
            csv.ToString());
        Assert.NotEqual(AdAudience.Sha256("+16505551212"), AdAudience.Sha256("16505551212"));
    }
}
