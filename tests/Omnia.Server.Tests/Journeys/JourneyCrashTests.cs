using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using MimeKit;
using Omnia.Core.Demo;
using Omnia.Server.Tests.Messaging;
using Omnia.Storage.Sqlite;

namespace Omnia.Server.Tests.Journeys;

/// <summary>
/// The real <c>omnia serve</c> process killed (SIGKILL) while abandoned carts come due and their emails go out, then
/// started again: every expected email reaches the SMTP server, each person's under one Message-ID, and at most the
/// one email in flight at the kill is delivered twice (docs/messaging.md, "What is guaranteed").
/// </summary>
public sealed class JourneyCrashTests : IDisposable
{
    private const int People = 60;
    private readonly string _data = Directory.CreateTempSubdirectory("jr-crash-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
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
    public async Task Killing_the_server_while_carts_come_due_and_restarting_delivers_every_email_once()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        var environment = new Dictionary<string, string> { ["OMNIA_SMTP_URL"] = smtp.Url() };

        // First start creates the workspace; the journey and its content are then written into the stopped store.
        await using (var first = await OmniaProcess.ServeAsync(_data, environment: environment))
        {
            await first.StopAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        using (var store = new SqliteStore(_data, TimeProvider.System))
        {
            var workspace = (await store.Workspaces.FindWorkspaceAsync("default"))!;
            await store.Content.PutContentAsync(workspace.Id, DemoJourneys.CartReminderSlug, DemoJourneys.CartReminder);
            await store.Journeys.PutDraftAsync(workspace.Id, DemoJourneys.AbandonedCartSlug, "Abandoned cart", DemoJourneys.AbandonedCart());
            await store.Journeys.PublishAsync(workspace.Id, DemoJourneys.AbandonedCartSlug, "test");
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await using (var node = await OmniaProcess.ServeAsync(_data, environment: environment))
        {
            // Each cart's hour ends at a different moment over the next ~6 s of event time, so some emails go out
            // before the kill, some are in flight, and the rest come due while the server is down.
            var now = DateTimeOffset.UtcNow;
            var events = new StringBuilder();
            for (int i = 0; i < People; i++)
            {
                var added = now - TimeSpan.FromHours(1) + TimeSpan.FromMilliseconds(100 * i);
                events.Append(i == 0 ? "" : ",")
                    .Append(CultureInfo.InvariantCulture, $$$"""{"type":"identify","userId":"p{{{i}}}","traits":{"email":"p{{{i}}}@example.com","email_opt_in":true},"timestamp":"{{{Iso(now - TimeSpan.FromDays(1))}}}"},""")
                    .Append(CultureInfo.InvariantCulture, $$$"""{"type":"track","userId":"p{{{i}}}","event":"Product Added","timestamp":"{{{Iso(added)}}}","properties":{"cart_id":"cart-{{{i}}}","name":"Item {{{i}}}","price":5}}""");
            }

            await PostAsync(node, events.ToString());
            await Task.Delay(3_000);
            node.Crash();
        }

        int beforeRestart = Directory.GetFiles(smtp.Directory, "*.eml").Length;
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await using (var again = await OmniaProcess.ServeAsync(_data, environment: environment))
        {
            await smtp.MessagesAsync(People, TimeSpan.FromSeconds(60));
            await Task.Delay(2_000); // a duplicate would arrive now
            await again.StopAsync();
        }

        var messages = Directory.GetFiles(smtp.Directory, "*.eml").Select(f => MimeMessage.Load(f)).ToList();
        var byPerson = messages.GroupBy(m => m.To.Mailboxes.Single().Address).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(Enumerable.Range(0, People).Select(i => $"p{i}@example.com").Order(), byPerson.Keys.Order());
        Assert.All(byPerson, p => Assert.Single(p.Value.Select(m => m.MessageId).Distinct()));
        Assert.All(byPerson, p => Assert.Contains($"Item {p.Key[1..p.Key.IndexOf('@')]}", p.Value[0].TextBody, StringComparison.Ordinal));
        Assert.InRange(messages.Count, People, People + 1);
        Assert.InRange(beforeRestart, 1, People - 1); // the kill did land mid-journey: some sent before it, some after

        // The log holds one Message Sent per email: a resend after the crash writes the same event id, which the log drops.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        using var log = new SqliteStore(_data, TimeProvider.System);
        var sent = new List<string>();
        for (long after = 0; ;)
        {
            var chunk = await log.Events.ReadAfterAsync(after, 1_000);
            if (chunk.Count == 0)
                break;
            sent.AddRange(chunk.Where(e => e.Name == "Message Sent").Select(e => e.MessageId));
            after = chunk[^1].Seq;
        }

        Assert.Equal(People, sent.Count);
        Assert.Equal(People, sent.Distinct().Count());
    }

    private static async Task PostAsync(OmniaProcess node, string events)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/batch") { Content = new StringContent($$"""{"batch":[{{events}}]}""", Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(TestNode.WriteKey + ":")));
        using var response = await node.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
