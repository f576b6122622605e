using Omnia.Server.Messaging;

namespace Omnia.Server.Tests.Messaging;

public sealed class MessagingOptionsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("omnia-messaging-options-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private MessagingOptions Options(Dictionary<string, string> settings, string? smtpUrl = null) =>
        new(new OmniaServerOptions { DataDirectory = _directory, SmtpUrl = smtpUrl, ChannelSettings = settings.GetValueOrDefault });

    [Fact]
    public void Without_settings_sms_and_push_are_simply_not_configured()
    {
        var options = Options([]);
        using var http = new HttpClient();

        Assert.Equal((null, null, null, null), (options.Twilio, options.TwilioProblem, options.Fcm, options.FcmProblem));
        Assert.StartsWith("SMS is not configured: set OMNIA_TWILIO_ACCOUNT_SID", new SmsDelivery(options, http).Unavailable, StringComparison.Ordinal);
        Assert.StartsWith("push is not configured: set OMNIA_FCM_SERVICE_ACCOUNT", new PushDelivery(options, http, TimeProvider.System).Unavailable, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_settings_become_each_channels_problem_instead_of_stopping_the_node()
    {
        var options = Options(new()
        {
            ["OMNIA_TWILIO_ACCOUNT_SID"] = "AC123",
            ["OMNIA_FCM_SERVICE_ACCOUNT"] = Path.Combine(_directory, "missing-key.json"),
        }, smtpUrl: "http://mail.example.com");
        using var http = new HttpClient();

        Assert.Null(options.Twilio);
        Assert.Equal("OMNIA_TWILIO_ACCOUNT_SID is set but OMNIA_TWILIO_AUTH_TOKEN (or OMNIA_TWILIO_API_KEY with OMNIA_TWILIO_API_SECRET) is not.", options.TwilioProblem);
        Assert.Null(options.Fcm);
        Assert.StartsWith("OMNIA_FCM_SERVICE_ACCOUNT could not be read: ", options.FcmProblem, StringComparison.Ordinal);
        Assert.Contains("missing-key.json", options.FcmProblem, StringComparison.Ordinal);
        Assert.Contains("is not an SMTP URL", options.SmtpProblem, StringComparison.Ordinal);
        Assert.Equal(options.TwilioProblem, new SmsDelivery(options, http).Unavailable);
        Assert.Equal(options.FcmProblem, new PushDelivery(options, http, TimeProvider.System).Unavailable);
    }

    [Fact]
    public void A_service_account_file_that_is_not_a_key_is_reported_with_what_is_missing()
    {
        var path = Path.Combine(_directory, "not-a-key.json");
        File.WriteAllText(path, """{"type":"service_account","project_id":"p"}""");

        var options = Options(new() { ["OMNIA_FCM_SERVICE_ACCOUNT"] = path });

        Assert.Null(options.Fcm);
        Assert.Contains("has no 'client_email'", options.FcmProblem, StringComparison.Ordinal);
    }
}
