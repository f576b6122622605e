using System.Text;
using Omnia.Core.Messaging;

namespace Omnia.Core.Tests.Messaging;

public class WebhookSignatureTests
{
    private static readonly byte[] Secret = Encoding.UTF8.GetBytes("whsec_test_secret");
    private static readonly DateTimeOffset At = DateTimeOffset.FromUnixTimeSeconds(1_767_225_600);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"profile":42,"cart":"c-77"}""");

    [Fact]
    public void The_signature_is_the_hex_hmac_of_the_timestamp_and_the_raw_body()
    {
        var header = WebhookSignature.Sign(Secret, Body, At);

        var expected = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(Secret, Encoding.UTF8.GetBytes("1767225600." + Encoding.UTF8.GetString(Body))));
        Assert.Equal($"t=1767225600,v1={expected}", header);
        Assert.True(WebhookSignature.Verify(Secret, header, Body, At.AddMinutes(4)));
    }

    [Fact]
    public void A_changed_body_another_secret_or_an_old_timestamp_is_refused()
    {
        var header = WebhookSignature.Sign(Secret, Body, At);

        Assert.False(WebhookSignature.Verify(Secret, header, Encoding.UTF8.GetBytes("""{"profile":43,"cart":"c-77"}"""), At));
        Assert.False(WebhookSignature.Verify(Encoding.UTF8.GetBytes("other"), header, Body, At));
        Assert.False(WebhookSignature.Verify(Secret, header, Body, At.AddMinutes(6)));
        Assert.False(WebhookSignature.Verify(Secret, header.Replace("t=1767225600", "t=1767225900", StringComparison.Ordinal), Body, At.AddMinutes(5)));
        Assert.False(WebhookSignature.Verify(Secret, "garbage", Body, At));
        Assert.False(WebhookSignature.Verify(Secret, null, Body, At));
    }

    [Fact]
    public void Backoff_doubles_up_to_its_cap_with_jitter_between_half_and_all_of_it()
    {
        var backoff = new RetryBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), 6);
        var random = new Random(7);

        for (var retry = 1; retry <= 10; retry++)
        {
            var full = Math.Min(Math.Pow(2, retry - 1), 30);
            for (var sample = 0; sample < 200; sample++)
                Assert.InRange(backoff.Delay(retry, random).TotalSeconds, full / 2, full);
        }
        var delays = Enumerable.Range(0, 200).Select(_ => backoff.Delay(3, random)).Distinct().Count();
        Assert.True(delays > 150, "jitter spreads the retries");
        Assert.True(backoff.MayRetry(5));
        Assert.False(backoff.MayRetry(6));
    }
}
