using MimeKit;
using Omnia.Core.Content;
using Omnia.Core.Events;
using Omnia.Core.Messaging;
using Omnia.Server.Messaging;

namespace Omnia.Server.Tests.Messaging;

public class SmtpMailerTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private const string CartReminder = """
        {
          "version": 1, "name": "Cart reminder", "campaign": "abandoned-cart",
          "email": {
            "subject": "{{ traits.first_name | default: 'Hi' }}, you left {{ event.products.size }} items behind",
            "preheader": "Free returns on everything",
            "html": "<html><body><p>Hi {{ traits.first_name | default: 'there' }},</p><ul>{% for item in event.products %}<li>{{ item.name }} ({{ item.price }} €)</li>{% endfor %}</ul><a href=\"https://shop.example.com/cart\">Back to my cart</a> <a href=\"{{ message.unsubscribe_url }}\">Unsubscribe</a></body></html>",
            "text": "Hi {{ traits.first_name | default: 'there' }},\n{% for item in event.products %}- {{ item.name }} ({{ item.price }} EUR)\n{% endfor %}https://shop.example.com/cart\nUnsubscribe: {{ message.unsubscribe_url }}"
          }
        }
        """;

    private static readonly MessageTokens Tokens = new(Enumerable.Repeat((byte)7, 32).ToArray());
    private static readonly TrackingLinks Links = new(Tokens, new Uri("https://omnia.example/"));

    private static OutgoingEmail CartEmail(string to, string firstName, string messageId, params (string Name, decimal Price)[] products)
    {
        var content = CompiledContent.Compile(ContentItem.Parse(CartReminder).Content!);
        var identity = new MessageIdentity(messageId, 1, 42, "email", "abandoned-cart");
        var unsubscribe = Links.Unsubscribe(identity);
        var model = new RenderModel
        {
            Traits = new Dictionary<string, EventValue> { ["first_name"] = EventValue.Of(firstName) },
            Event = EventProperties.Of(("cart_id", EventValue.Of("c-77")), ("products", EventValue.List(products.Select(p =>
                EventValue.ObjectFromJson($$"""{"name":{{System.Text.Json.JsonSerializer.Serialize(p.Name)}},"price":{{p.Price}}}"""))))),
            Message = new MessageFields(messageId, "email", "abandoned-cart", unsubscribe),
            Now = Now,
        };
        var rendered = content.Render("email", model);
        rendered = rendered with { Html = Links.TrackHtml(rendered.Html!, identity, Now, unsubscribe) };
        return new OutgoingEmail("Trail Shop <news@shop.example>", to, rendered, messageId, unsubscribe, "mailto:unsubscribe@shop.example?subject=unsubscribe");
    }

    [Fact]
    public async Task The_delivered_cart_email_names_the_products_in_text_and_html_and_carries_one_click_unsubscribe_headers()
    {
        await using var server = await SmtpTestServer.StartAsync();
        await using var mailer = new SmtpMailer(SmtpSettings.Parse(server.Url()));

        var result = await mailer.SendAsync(CartEmail("maya@example.com", "Maya", "9:1:5:remind:1:send", ("Trailblazer hiking boot", 129.5m), ("Merino socks", 14m)));

        Assert.Equal(EmailOutcome.Sent, result.Outcome);
        var message = Assert.Single(await server.MessagesAsync(1));
        Assert.Equal("Maya, you left 2 items behind", message.Subject);
        Assert.Equal("maya@example.com", ((MailboxAddress)message.To.Single()).Address);
        Assert.Equal("9.1.5.remind.1.send@shop.example", message.MessageId);
        Assert.Equal("9:1:5:remind:1:send", message.Headers[EmailComposer.MessageIdHeader]);
        var unsubscribe = message.Headers["List-Unsubscribe"]!;
        Assert.Matches(@"^<https://omnia\.example/u/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+>, <mailto:unsubscribe@shop\.example\?subject=unsubscribe>$", unsubscribe);
        Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
        var token = unsubscribe[(unsubscribe.IndexOf("/u/", StringComparison.Ordinal) + 3)..unsubscribe.IndexOf('>')];
        Assert.Equal(42, Tokens.Verify(token, TokenPurpose.Unsubscribe, Now).Message!.ProfileId);

        var alternative = Assert.IsType<MultipartAlternative>(message.Body);
        Assert.Equal(["text/plain", "text/html"], alternative.Select(p => p.ContentType.MimeType));
        Assert.Contains("- Trailblazer hiking boot (129.5 EUR)\n- Merino socks (14 EUR)", message.TextBody!.ReplaceLineEndings("\n"));
        Assert.Contains("<li>Trailblazer hiking boot (129.5 €)</li><li>Merino socks (14 €)</li>", message.HtmlBody);
        Assert.Contains("Free returns on everything", message.HtmlBody);
        Assert.Contains("href=\"https://omnia.example/t/c/", message.HtmlBody);
        Assert.Contains("<img src=\"https://omnia.example/t/o/", message.HtmlBody);
    }

    [Fact]
    public async Task User_info_in_the_url_authenticates_and_a_wrong_password_fails_without_sending()
    {
        await using var server = await SmtpTestServer.StartAsync(user: "omnia", password: "s3cret:@/");
        await using var good = new SmtpMailer(SmtpSettings.Parse(server.Url("omnia:s3cret%3A%40%2F")));
        await using var bad = new SmtpMailer(SmtpSettings.Parse(server.Url("omnia:wrong")));

        Assert.Equal(EmailOutcome.Sent, (await good.SendAsync(CartEmail("a@example.com", "A", "m-1", ("Tent", 199m)))).Outcome);
        var refused = await bad.SendAsync(CartEmail("b@example.com", "B", "m-2", ("Tent", 199m)));

        Assert.Equal(EmailOutcome.Failed, refused.Outcome);
        Assert.Single(await server.MessagesAsync(1));
    }

    [Fact]
    public async Task A_refused_recipient_is_a_permanent_rejection_a_deferral_a_temporary_failure_and_the_connection_carries_on()
    {
        await using var server = await SmtpTestServer.StartAsync();
        await using var mailer = new SmtpMailer(SmtpSettings.Parse(server.Url()), connections: 1);

        var bounced = await mailer.SendAsync(CartEmail("nobody@bounce.test", "N", "m-1", ("Tent", 199m)));
        var deferred = await mailer.SendAsync(CartEmail("later@defer.test", "L", "m-2", ("Tent", 199m)));
        var sent = await mailer.SendAsync(CartEmail("maya@example.com", "Maya", "m-3", ("Tent", 199m)));

        Assert.Equal(EmailOutcome.Rejected, bounced.Outcome);
        Assert.StartsWith("550", bounced.Detail, StringComparison.Ordinal);
        Assert.Equal(EmailOutcome.Failed, deferred.Outcome);
        Assert.Equal(EmailOutcome.Sent, sent.Outcome);
        Assert.Equal("Maya, you left 1 items behind", Assert.Single(await server.MessagesAsync(1)).Subject);
        Assert.Equal("1", await File.ReadAllTextAsync(Path.Combine(server.Directory, "ehlo.count")));
    }

    [Fact]
    public async Task Many_concurrent_emails_share_a_few_reused_connections_and_each_person_gets_their_own()
    {
        await using var server = await SmtpTestServer.StartAsync();
        await using var mailer = new SmtpMailer(SmtpSettings.Parse(server.Url()), connections: 3);

        var results = await Task.WhenAll(Enumerable.Range(0, 60).Select(i =>
            mailer.SendAsync(CartEmail($"p{i}@example.com", $"P{i}", $"m-{i}", ($"Item {i}", i)))));

        Assert.All(results, r => Assert.Equal(EmailOutcome.Sent, r.Outcome));
        var messages = await server.MessagesAsync(60);
        Assert.All(messages, m =>
        {
            var i = ((MailboxAddress)m.To.Single()).Address[1..^"@example.com".Length];
            Assert.Equal($"P{i}, you left 1 items behind", m.Subject);
            Assert.Contains($"<li>Item {i} ({i} €)</li>", m.HtmlBody);
        });
        Assert.InRange(int.Parse(await File.ReadAllTextAsync(Path.Combine(server.Directory, "ehlo.count")), System.Globalization.CultureInfo.InvariantCulture), 1, 3);
    }

    [Fact]
    public async Task An_unreachable_server_is_a_temporary_failure_not_an_exception()
    {
        await using var mailer = new SmtpMailer(SmtpSettings.Parse($"smtp://127.0.0.1:{OmniaProcess.FreePort()}"), timeout: TimeSpan.FromSeconds(5));

        var result = await mailer.SendAsync(CartEmail("a@example.com", "A", "m-1", ("Tent", 1m)));

        Assert.Equal(EmailOutcome.Failed, result.Outcome);
    }

    [Theory]
    [InlineData("smtp://mail.example.com", "mail.example.com", 25, false, null, null)]
    [InlineData("smtp://127.0.0.1:2525", "127.0.0.1", 2525, false, null, null)]
    [InlineData("smtps://mail.example.com", "mail.example.com", 465, true, null, null)]
    [InlineData("smtps://apikey:p%40ss%3Aword@smtp.example.com:2465", "smtp.example.com", 2465, true, "apikey", "p@ss:word")]
    [InlineData("smtp://user@mail.example.com:587", "mail.example.com", 587, false, "user", "")]
    public void The_smtp_url_gives_host_port_security_and_credentials(string url, string host, int port, bool tls, string? user, string? password)
    {
        var settings = SmtpSettings.Parse(url);

        Assert.Equal((host, port, tls, user, password),
            (settings.Host, settings.Port, settings.Security == MailKit.Security.SecureSocketOptions.SslOnConnect, settings.UserName, settings.Password));
        Assert.DoesNotContain("word", settings.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://mail.example.com")]
    [InlineData("mail.example.com:25")]
    [InlineData("smtp://")]
    [InlineData("smtp://mail.example.com/inbox")]
    public void A_url_that_is_not_smtp_is_refused_with_what_to_write(string url)
    {
        var error = Assert.Throws<FormatException>(() => SmtpSettings.Parse(url));

        Assert.Contains("smtp://host:port", error.Message);
    }
}
