using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Omnia.Server.Tests;

/// <summary>Issue 12: a person can be exported and erased; an erasure leaves nothing findable and is not undone by new data.</summary>
public sealed class PrivacyTests : IAsyncLifetime
{
    private const string Email = "erin.erase@example.com";
    private const string Phone = "+4520304050";
    private const string UserId = "u-erase-4711";
    private const string Anonymous = "anon-erase-0815";
    private TestNode _node = null!;

    public async Task InitializeAsync() => _node = await TestNode.StartAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    private async Task SendAsync(params string[] events)
    {
        var response = await _node.SendAsync("/v1/batch", "{\"batch\":[" + string.Join(",", events) + "]}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await _node.AudiencesCaughtUpAsync();
    }

    [Fact]
    public async Task Export_holds_every_event_and_erasure_leaves_nothing_findable_in_any_file_and_is_not_undone_by_a_later_import()
    {
        Assert.True((await _node.AdminTextAsync(HttpMethod.Put, "/api/v1/workspaces/default/segments/buyers",
            """{"version":1,"name":"Buyers","condition":{"event":{"name":"Order Completed"}}}""")).IsSuccessStatusCode);
        await SendAsync(
            $$$"""{"type":"page","anonymousId":"{{{Anonymous}}}","name":"Home","properties":{"url":"https://shop.example/?ref=erin"}}""",
            $$$"""{"type":"identify","anonymousId":"{{{Anonymous}}}","userId":"{{{UserId}}}","traits":{"email":"{{{Email}}}","phone":"{{{Phone}}}","name":"Erin Erase","email_opt_in":true}}""",
            $$$"""{"type":"track","userId":"{{{UserId}}}","event":"Order Completed","properties":{"revenue":42,"note":"for {{{Email}}}"}}""",
            """{"type":"identify","userId":"keep-me","traits":{"email":"keep@example.com","name":"Kept"}}""");
        await _node.App.Services.GetRequiredService<Omnia.Server.Processing.ProcessingService>().SnapshotNowAsync();

        var export = await _node.GetJsonAsync($"/api/v1/workspaces/default/privacy/export?type=email&value={Uri.EscapeDataString(Email)}");
        Assert.Equal(3, export.GetProperty("events").GetArrayLength());
        Assert.Equal("Erin Erase", export.GetProperty("profile").GetProperty("traits").GetProperty("name").GetString());
        Assert.Contains(export.GetProperty("segmentChanges").EnumerateArray(), t => t.GetProperty("entered").GetBoolean());

        var erased = await _node.AdminAsync(HttpMethod.Post, "/api/v1/workspaces/default/privacy/erase", new { type = "phone", value = Phone });
        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        var record = JsonDocument.Parse(await erased.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(3, record.GetProperty("events").GetInt64());
        Assert.True(record.GetProperty("identifiersSuppressed").GetInt32() >= 4);

        Assert.Equal(HttpStatusCode.NotFound, (await _node.LookupAsync("email", Email)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _node.LookupAsync("anonymousId", Anonymous)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _node.LookupAsync("email", "keep@example.com")).StatusCode);
        Assert.Equal(0, (await _node.GetJsonAsync("/api/v1/workspaces/default/segments/buyers")).GetProperty("size").GetInt64());
        var erasures = await _node.GetJsonAsync("/api/v1/workspaces/default/privacy/erasures");
        Assert.DoesNotContain(Email, erasures.GetRawText(), StringComparison.Ordinal);
        var audit = (await _node.GetJsonAsync("/api/v1/workspaces/default/audit?limit=1000")).GetProperty("entries").EnumerateArray().ToList();
        var erasure = Assert.Single(audit, e => e.GetProperty("action").GetString() == "profile.erased");
        Assert.Contains("\"events\":3", erasure.GetRawText(), StringComparison.Ordinal);
        Assert.Single(audit, e => e.GetProperty("action").GetString() == "profile.exported");

        // Every file of the data directory, byte by byte: no identifier of hers, no trait, no event of hers.
        foreach (var needle in new[] { Email, Phone, UserId, Anonymous, "Erin Erase", "ref=erin" })
        {
            var bytes = Encoding.UTF8.GetBytes(needle);
            foreach (var file in Directory.EnumerateFiles(_node.DataDirectory, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith("omnia.lock", StringComparison.Ordinal)))
            {
                byte[] content;
                using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
                using (var copy = new MemoryStream())
                {
                    stream.CopyTo(copy);
                    content = copy.ToArray();
                }

                Assert.True(content.AsSpan().IndexOf(bytes) < 0, $"'{needle}' is still in {Path.GetRelativePath(_node.DataDirectory, file)}");
            }
        }

        // She comes back (an import, a new event): a new profile with no link to the old one, and no subscription from the old opt-in.
        await SendAsync($$$"""{"type":"identify","userId":"{{{UserId}}}","traits":{"email":"{{{Email}}}","email_opt_in":true}}""");
        var again = await _node.ProfileAsync("email", Email);
        Assert.Equal(1, again.GetProperty("eventCount").GetInt32());
        Assert.Empty(again.GetProperty("mergedFrom").EnumerateArray());
        Assert.False(again.GetProperty("consent").GetProperty("email").GetProperty("subscribed").GetBoolean());
    }

    [Fact]
    public async Task Privacy_routes_are_for_owners_and_name_what_is_wrong()
    {
        var missing = await _node.AdminAsync(HttpMethod.Post, "/api/v1/workspaces/default/privacy/erase", new { type = "email" });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        var nobody = await _node.AdminAsync(HttpMethod.Get, "/api/v1/workspaces/default/privacy/export?type=email&value=nobody%40example.com");
        Assert.Equal(HttpStatusCode.NotFound, nobody.StatusCode);
        var days = await _node.AdminAsync(HttpMethod.Put, "/api/v1/workspaces/default/privacy/retention", new { days = 0 });
        Assert.Equal(HttpStatusCode.BadRequest, days.StatusCode);
    }

    [Fact]
    public async Task Events_older_than_the_retention_leave_the_log_and_the_profile()
    {
        await SendAsync(
            """{"type":"track","userId":"old-timer","event":"Visited","timestamp":"2020-01-01T00:00:00Z"}""".Replace("2020-01-01", DateTime.UtcNow.AddDays(-100).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal),
            """{"type":"track","userId":"old-timer","event":"Visited"}""");
        Assert.Equal(HttpStatusCode.OK, (await _node.AdminAsync(HttpMethod.Put, "/api/v1/workspaces/default/privacy/retention", new { days = 30 })).StatusCode);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        long id = 0;
        while (DateTime.UtcNow < deadline)
        {
            var profile = await _node.ProfileAsync("userId", "old-timer");
            id = long.Parse(profile.GetProperty("id").GetString()!["prf_".Length..], System.Globalization.CultureInfo.InvariantCulture);
            var timeline = await _node.GetJsonAsync($"/api/v1/workspaces/default/profiles/prf_{id}/timeline");
            if (timeline.GetProperty("events").GetArrayLength() == 1)
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail("The 100-day-old event is still on the timeline after the retention was set to 30 days.");
    }

    [Fact]
    public async Task The_cli_exports_and_erases_a_person_on_a_running_server()
    {
        await SendAsync("""{"type":"identify","userId":"cli-erase","traits":{"email":"cli.erase@example.com"}}""", """{"type":"track","userId":"cli-erase","event":"Clicked"}""");
        string url = _node.Client.BaseAddress!.ToString().TrimEnd('/');
        string file = Path.Combine(_node.DataDirectory, "..", $"export-{Guid.NewGuid():N}.json");

        var (exported, exportOutput) = await OmniaCli.RunAsync($"privacy export cli.erase@example.com --out \"{file}\" --url {url} --admin-key {TestNode.AdminKey}");
        Assert.True(exported == 0, exportOutput);
        Assert.Equal(2, JsonDocument.Parse(await File.ReadAllTextAsync(file)).RootElement.GetProperty("events").GetArrayLength());
        File.Delete(file);

        var (erased, eraseOutput) = await OmniaCli.RunAsync($"privacy erase cli.erase@example.com --yes --url {url} --admin-key {TestNode.AdminKey}");
        Assert.True(erased == 0, eraseOutput);
        Assert.Contains("Erased 1 profile(s) and 2 event(s)", eraseOutput, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await _node.LookupAsync("userId", "cli-erase")).StatusCode);
    }
}
