using System.Buffers.Text;
using System.Text;
using Omnia.Core.Messaging;

namespace Omnia.Core.Tests.Messaging;

public class MessageTokensTests
{
    private static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private static readonly byte[] OtherKey = Enumerable.Range(100, 32).Select(i => (byte)i).ToArray();
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly MessageIdentity Message = new("9:1:5:remind:1:send", 1, 42, "email", "abandoned-cart");

    private readonly MessageTokens _tokens = new(Key);

    [Fact]
    public void A_click_token_carries_the_message_identity_and_its_target_url()
    {
        var token = _tokens.Click(Message, "https://shop.example.com/cart?c=77&utm_medium=email", Now);

        var check = _tokens.Verify(token, TokenPurpose.Click, Now.AddDays(30));

        Assert.True(check.IsValid);
        Assert.Equal(Message, check.Message);
        Assert.Equal("https://shop.example.com/cart?c=77&utm_medium=email", check.TargetUrl);
        Assert.Matches("^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$", token);
    }

    [Fact]
    public void Changing_any_character_of_a_token_breaks_it()
    {
        var token = _tokens.Unsubscribe(Message);

        for (var i = 0; i < token.Length; i++)
        {
            if (token[i] == '.')
                continue;
            var tampered = token[..i] + (token[i] == 'A' ? 'B' : 'A') + token[(i + 1)..];
            Assert.NotEqual(TokenStatus.Valid, _tokens.Verify(tampered, TokenPurpose.Unsubscribe, Now).Status);
        }
    }

    [Fact]
    public void A_redirect_target_cannot_be_swapped_even_with_a_reencoded_payload()
    {
        var token = _tokens.Click(Message, "https://shop.example.com/cart", Now);
        var payload = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token.AsSpan(0, token.IndexOf('.'))));
        var evil = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload.Replace("shop.example.com", "evil.example", StringComparison.Ordinal)));

        var check = _tokens.Verify(evil + token[token.IndexOf('.')..], TokenPurpose.Click, Now);

        Assert.Equal(TokenStatus.BadSignature, check.Status);
        Assert.Null(check.TargetUrl);
        Assert.Throws<ArgumentException>(() => _tokens.Click(Message, "javascript:alert(1)", Now));
    }

    [Fact]
    public void Tokens_expire_and_the_unsubscribe_token_never_does()
    {
        var open = _tokens.Open(Message, Now);

        Assert.True(_tokens.Verify(open, TokenPurpose.Open, Now + MessageTokens.OpenLifetime - TimeSpan.FromSeconds(1)).IsValid);
        var expired = _tokens.Verify(open, TokenPurpose.Open, Now + MessageTokens.OpenLifetime);
        Assert.Equal(TokenStatus.Expired, expired.Status);
        Assert.Equal(Message, expired.Message);
        Assert.True(_tokens.Verify(_tokens.Unsubscribe(Message), TokenPurpose.Unsubscribe, Now.AddYears(20)).IsValid);
    }

    [Fact]
    public void A_token_made_for_one_purpose_is_refused_for_another()
    {
        var open = _tokens.Open(Message, Now);

        Assert.Equal(TokenStatus.WrongPurpose, _tokens.Verify(open, TokenPurpose.Unsubscribe, Now).Status);
        Assert.Equal(TokenStatus.WrongPurpose, _tokens.Verify(open, TokenPurpose.Click, Now).Status);
    }

    [Fact]
    public void Another_key_does_not_verify_but_a_rotated_key_still_does()
    {
        var signedWithOld = new MessageTokens(OtherKey).Unsubscribe(Message);

        Assert.Equal(TokenStatus.BadSignature, _tokens.Verify(signedWithOld, TokenPurpose.Unsubscribe, Now).Status);
        Assert.True(new MessageTokens(Key, OtherKey).Verify(signedWithOld, TokenPurpose.Unsubscribe, Now).IsValid);
        Assert.Throws<ArgumentException>(() => new MessageTokens(new byte[16]));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("a.b.c")]
    [InlineData("!!!.???")]
    [InlineData(".abc")]
    public void Garbage_is_malformed_not_an_exception(string? token)
    {
        Assert.Equal(TokenStatus.Malformed, _tokens.Verify(token, TokenPurpose.Open, Now).Status);
    }

    [Fact]
    public void Tracked_html_sends_links_through_the_redirect_keeps_the_unsubscribe_link_and_adds_the_pixel()
    {
        var links = new TrackingLinks(_tokens, new Uri("https://omnia.example/"));
        var unsubscribe = links.Unsubscribe(Message);
        var html = $"<html><body><a href=\"https://shop.example.com/cart?a=1&amp;b=2\">Cart</a> <a href='{unsubscribe}'>Unsubscribe</a> <a href=\"mailto:x@y.z\">m</a></body></html>";

        var tracked = links.TrackHtml(html, Message, Now, unsubscribe);

        var click = System.Text.RegularExpressions.Regex.Match(tracked, "href=\"https://omnia.example/t/c/([^\"]+)\"").Groups[1].Value;
        Assert.Equal("https://shop.example.com/cart?a=1&b=2", _tokens.Verify(click, TokenPurpose.Click, Now).TargetUrl);
        Assert.Contains($"href='{unsubscribe}'", tracked);
        Assert.Contains("href=\"mailto:x@y.z\"", tracked);
        Assert.Matches("<img src=\"https://omnia.example/t/o/[A-Za-z0-9_.-]+\" width=\"1\" height=\"1\" alt=\"\" style=\"display:none\"></body>", tracked);
        Assert.StartsWith("https://omnia.example/u/", unsubscribe, StringComparison.Ordinal);
    }
}
