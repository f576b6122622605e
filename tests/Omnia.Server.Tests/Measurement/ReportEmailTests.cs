using System.Net;
using System.Net.Http.Headers;
using Omnia.Server.Tests.Messaging;

namespace Omnia.Server.Tests.Measurement;

/// <summary>The monthly report by email through a real SMTP server, when <c>OMNIA_SMTP_URL</c> names one.</summary>
public sealed class ReportEmailTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("omnia-report-mail-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }

    [Fact]
    public async Task With_an_smtp_server_configured_the_report_is_sent_through_it_with_its_csv_and_nothing_lands_in_the_pickup_folder()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        await using var node = await OmniaProcess.ServeAsync(_data, environment: new Dictionary<string, string> { ["OMNIA_SMTP_URL"] = smtp.Url() });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/workspaces/default/reports/monthly/send?month=2026-11&to=team@example.com");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestNode.AdminKey);
        using var response = await node.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var message = Assert.Single(await smtp.MessagesAsync(1));
        Assert.Equal("team@example.com", Assert.Single(message.To.Mailboxes).Address);
        Assert.StartsWith("Cross-channel report 2026-11", message.Subject, StringComparison.Ordinal);
        Assert.Contains("2026-11", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains(message.Attachments, a => a.ContentDisposition?.FileName == "report-2026-11.csv");
        Assert.False(Directory.Exists(Path.Combine(_data, "mail-pickup")), "the report went to the pickup folder instead");
    }
}
