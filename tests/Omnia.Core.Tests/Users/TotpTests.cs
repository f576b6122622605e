using System.Text;
using Omnia.Core.Users;

namespace Omnia.Core.Tests.Users;

/// <summary>TOTP codes match RFC 6238's test vectors, so any authenticator app agrees with Omnia.</summary>
public sealed class TotpTests
{
    private static readonly byte[] RfcSecret = Encoding.ASCII.GetBytes("12345678901234567890");

    [Theory]
    [InlineData(59, "94287082")]
    [InlineData(1111111109, "07081804")]
    [InlineData(1111111111, "14050471")]
    [InlineData(1234567890, "89005924")]
    [InlineData(2000000000, "69279037")]
    [InlineData(20000000000, "65353130")]
    public void Codes_match_the_rfc_6238_sha1_test_vectors(long unixSeconds, string expected) =>
        Assert.Equal(expected, Totp.Code(RfcSecret, Totp.StepAt(DateTimeOffset.FromUnixTimeSeconds(unixSeconds)), digits: 8));

    [Fact]
    public void A_code_of_the_previous_or_next_step_is_accepted_for_clock_drift_but_not_two_steps_away()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
        long step = Totp.StepAt(now);

        Assert.Equal(step - 1, Totp.Match(RfcSecret, Totp.Code(RfcSecret, step - 1), now));
        Assert.Equal(step + 1, Totp.Match(RfcSecret, Totp.Code(RfcSecret, step + 1), now));
        Assert.Null(Totp.Match(RfcSecret, Totp.Code(RfcSecret, step - 2), now));
        Assert.Equal(step, Totp.Match(RfcSecret, Totp.Code(RfcSecret, step).Insert(3, " "), now));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("12a456")]
    public void Anything_but_six_digits_matches_nothing(string? code) =>
        Assert.Null(Totp.Match(RfcSecret, code, DateTimeOffset.FromUnixTimeSeconds(59)));

    [Fact]
    public void The_otpauth_uri_names_omnia_the_account_and_the_base32_secret()
    {
        string uri = Totp.Uri("Omnia", "ana@example.com", RfcSecret);

        Assert.Equal("otpauth://totp/Omnia:ana%40example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Omnia&algorithm=SHA1&digits=6&period=30", uri);
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("f", "MY")]
    [InlineData("fo", "MZXQ")]
    [InlineData("foo", "MZXW6")]
    [InlineData("foob", "MZXW6YQ")]
    [InlineData("fooba", "MZXW6YTB")]
    [InlineData("foobar", "MZXW6YTBOI")]
    public void Base32_matches_rfc_4648_and_round_trips(string text, string encoded)
    {
        Assert.Equal(encoded, Base32.Encode(Encoding.ASCII.GetBytes(text)));
        Assert.Equal(text, Encoding.ASCII.GetString(Base32.Decode(encoded.ToLowerInvariant() + "==")!));
    }

    [Fact]
    public void Random_secrets_round_trip_through_base32()
    {
        var random = new Random(7);
        for (int i = 0; i < 200; i++)
        {
            byte[] data = new byte[random.Next(0, 64)];
            random.NextBytes(data);
            Assert.Equal(data, Base32.Decode(Base32.Encode(data)));
        }
    }
}
