using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Omnia.Server.Tests.Messaging;

namespace Omnia.Server.Tests.Journeys;

/// <summary>The webhook dead-letter list: a call refused for good is listed with its error, and a retry sends it again.</summary>
public sealed class DeadLetterTests : IAsyncLifetime
{
    private const string Api = "/api/v1/workspaces/default";
    private TestNode _node = null!;
    private LocalListener _crm = null!;
    private volatile bool _crmFixed;
    private int _calls;

    public async Task InitializeAsync()
    {
        _crm = await LocalListener.StartAsync(app => app.MapPost("/hook", () =>
        {
            Interlocked.Increment(ref _calls);
            return _crmFixed ? Results.Ok() : Results.BadRequest("missing field 'plan'");
        }));
        _node = await TestNode.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        await _crm.DisposeAsync();
    }

    private async Task<JsonElement[]> DeadLettersAsync()
    {
        using var response = await _node.AdminAsync(HttpMethod.Get, $"{Api}/outbox/dead-letters");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.EnumerateArray().ToArray();
    }

    [Fact]
    public async Task A_refused_webhook_is_listed_with_the_receivers_error_and_a_retry_after_the_fix_delivers_it_once()
    {
        using (var journey = await _node.AdminTextAsync(HttpMethod.Put, $"{Api}/journeys/crm-sync", $$$"""
            {"version":1,"name":"CRM sync","trigger":{"event":{"name":"Signed Up"}},"entry":{"rule":"once"},
             "start":"crm","nodes":[{"id":"crm","type":"webhook","url":"{{{new Uri(_crm.BaseUrl, "hook")}}}","method":"POST","next":"done"},{"id":"done","type":"exit"}]}
            """))
            Assert.True(journey.IsSuccessStatusCode, await journey.Content.ReadAsStringAsync());
        using (var published = await _node.AdminAsync(HttpMethod.Post, $"{Api}/journeys/crm-sync/publish"))
            Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync());
        using (var signup = await _node.SendAsync("/v1/track", """{"userId":"lin","event":"Signed Up"}"""))
            Assert.Equal(HttpStatusCode.OK, signup.StatusCode);

        JsonElement[] letters = [];
        for (var deadline = DateTime.UtcNow.AddSeconds(30); letters.Length == 0 && DateTime.UtcNow < deadline; await Task.Delay(100))
            letters = await DeadLettersAsync();
        var letter = Assert.Single(letters);
        Assert.Equal(("CRM sync", "crm", 1), (letter.GetProperty("journey").GetString(), letter.GetProperty("step").GetString(), letter.GetProperty("attempts").GetInt32()));
        Assert.Contains("400", letter.GetProperty("error").GetString(), StringComparison.Ordinal);

        _crmFixed = true;
        var key = letter.GetProperty("key").GetString()!;
        using (var retry = await _node.AdminAsync(HttpMethod.Post, $"{Api}/outbox/dead-letters/{Uri.EscapeDataString(key)}/retry"))
            Assert.Equal(HttpStatusCode.NoContent, retry.StatusCode);
        for (var deadline = DateTime.UtcNow.AddSeconds(30); Volatile.Read(ref _calls) < 2 && DateTime.UtcNow < deadline; await Task.Delay(100)) { }
        await Task.Delay(1_500);
        Assert.Equal(2, Volatile.Read(ref _calls));
        Assert.Empty(await DeadLettersAsync());

        using var again = await _node.AdminAsync(HttpMethod.Post, $"{Api}/outbox/dead-letters/{Uri.EscapeDataString(key)}/retry");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }
}
