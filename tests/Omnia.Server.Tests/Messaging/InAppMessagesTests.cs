using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Omnia.Server.Tests.Messaging;

/// <summary>In-app messages and web slots, read by a site or app over /v1 with the source's write key.</summary>
public sealed class InAppMessagesTests : IAsyncLifetime
{
    private const string Api = "/api/v1/workspaces/default";
    private TestNode _node = null!;

    public async Task InitializeAsync() => _node = await TestNode.StartAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    private async Task<HttpResponseMessage> ReadAsync(HttpMethod method, string path, string? key = TestNode.WriteKey)
    {
        using var request = new HttpRequestMessage(method, path);
        if (key is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(key + ":")));
        return await _node.Client.SendAsync(request);
    }

    private async Task<JsonElement[]> InboxAsync(string user)
    {
        using var response = await ReadAsync(HttpMethod.Get, $"/v1/in-app?userId={user}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.EnumerateArray().ToArray();
    }

    [Fact]
    public async Task A_journeys_in_app_message_reaches_the_persons_inbox_rendered_for_them_and_viewed_and_clicked_come_back_as_events()
    {
        using (var content = await _node.AdminTextAsync(HttpMethod.Put, $"{Api}/content/inapp-welcome", """
            {"version":1,"name":"In-app welcome","campaign":"welcome",
             "inApp":{"title":"Hi {{ traits.first_name | default: 'there' }}","body":"Your 10% code: WELCOME10","button":"Shop now","link":"https://shop.example.com/new"}}
            """))
            Assert.True(content.IsSuccessStatusCode, await content.Content.ReadAsStringAsync());
        using (var journey = await _node.AdminTextAsync(HttpMethod.Put, $"{Api}/journeys/inapp-welcome", """
            {"version":1,"name":"In-app welcome","trigger":{"event":{"name":"Signed Up"}},"entry":{"rule":"once"},
             "start":"hello","nodes":[{"id":"hello","type":"send","content":"inapp-welcome","channel":"in_app","next":"done"},{"id":"done","type":"exit"}]}
            """))
            Assert.True(journey.IsSuccessStatusCode, await journey.Content.ReadAsStringAsync());
        using (var published = await _node.AdminAsync(HttpMethod.Post, $"{Api}/journeys/inapp-welcome/publish"))
            Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync());

        using (var who = await _node.SendAsync("/v1/identify", """{"userId":"ada","traits":{"first_name":"Ada","email":"ada@example.com"}}"""))
            Assert.Equal(HttpStatusCode.OK, who.StatusCode);
        Assert.Empty(await InboxAsync("ada"));
        using (var signup = await _node.SendAsync("/v1/track", """{"userId":"ada","event":"Signed Up"}"""))
            Assert.Equal(HttpStatusCode.OK, signup.StatusCode);

        JsonElement[] inbox = [];
        for (var deadline = DateTime.UtcNow.AddSeconds(30); inbox.Length == 0 && DateTime.UtcNow < deadline; await Task.Delay(100))
            inbox = await InboxAsync("ada");
        var message = Assert.Single(inbox);
        Assert.Equal(("Hi Ada", "Your 10% code: WELCOME10", "https://shop.example.com/new", false),
            (message.GetProperty("title").GetString(), message.GetProperty("body").GetString(), message.GetProperty("link").GetString(), message.GetProperty("viewed").GetBoolean()));
        string id = message.GetProperty("id").GetString()!;

        using (var viewed = await ReadAsync(HttpMethod.Post, $"/v1/in-app/{id}/viewed"))
            Assert.Equal(HttpStatusCode.NoContent, viewed.StatusCode);
        Assert.True(Assert.Single(await InboxAsync("ada")).GetProperty("viewed").GetBoolean());
        using (var clicked = await ReadAsync(HttpMethod.Post, $"/v1/in-app/{id}/clicked"))
            Assert.Equal(HttpStatusCode.NoContent, clicked.StatusCode);
        Assert.Empty(await InboxAsync("ada"));

        await _node.CatchUpAsync();
        using var lookup = await _node.LookupAsync("userId", "ada");
        var profile = JsonDocument.Parse(await lookup.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();
        using var timeline = await _node.AdminAsync(HttpMethod.Get, $"{Api}/profiles/{profile}/timeline?limit=50");
        var names = JsonDocument.Parse(await timeline.Content.ReadAsStringAsync()).RootElement.GetProperty("events").EnumerateArray()
            .Select(e => e.TryGetProperty("event", out var name) ? name.GetString() : null).ToList();
        Assert.Contains("Message Sent", names);
        Assert.Contains("In-App Message Opened", names);
        Assert.Contains("In-App Message Clicked", names);

        // What a site gets wrong is answered with what to fix.
        using (var noKey = await ReadAsync(HttpMethod.Get, "/v1/in-app?userId=ada", key: null))
            Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
        using (var badKey = await ReadAsync(HttpMethod.Get, "/v1/in-app?userId=ada", key: "wk_nope"))
            Assert.Equal(HttpStatusCode.Unauthorized, badKey.StatusCode);
        using (var nobody = await ReadAsync(HttpMethod.Get, "/v1/in-app"))
            Assert.Equal(HttpStatusCode.BadRequest, nobody.StatusCode);
        using (var action = await ReadAsync(HttpMethod.Post, $"/v1/in-app/{id}/liked"))
            Assert.Equal(HttpStatusCode.BadRequest, action.StatusCode);
        using (var unknown = await ReadAsync(HttpMethod.Post, "/v1/in-app/no-such-message/viewed"))
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Empty(await InboxAsync("someone-new"));
    }

    [Fact]
    public async Task A_web_slot_serves_the_newest_content_for_it_rendered_for_the_person_and_nothing_for_an_empty_slot()
    {
        using (var content = await _node.AdminTextAsync(HttpMethod.Put, $"{Api}/content/home-hero", """
            {"version":1,"name":"Home hero","web":{"slot":"home-hero","html":"<h2>Welcome back, {{ traits.first_name | default: 'friend' }}</h2>"}}
            """))
            Assert.True(content.IsSuccessStatusCode, await content.Content.ReadAsStringAsync());
        using (var who = await _node.SendAsync("/v1/identify", """{"userId":"grace","traits":{"first_name":"Grace"}}"""))
            Assert.Equal(HttpStatusCode.OK, who.StatusCode);
        await _node.CatchUpAsync();

        using var known = await ReadAsync(HttpMethod.Get, "/v1/slots/home-hero?userId=grace");
        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
        Assert.Equal("<h2>Welcome back, Grace</h2>", JsonDocument.Parse(await known.Content.ReadAsStringAsync()).RootElement.GetProperty("html").GetString());
        using var stranger = await ReadAsync(HttpMethod.Get, "/v1/slots/home-hero?anonymousId=a-new-visitor");
        Assert.Equal("<h2>Welcome back, friend</h2>", JsonDocument.Parse(await stranger.Content.ReadAsStringAsync()).RootElement.GetProperty("html").GetString());
        using var empty = await ReadAsync(HttpMethod.Get, "/v1/slots/sidebar?userId=grace");
        Assert.Equal(HttpStatusCode.NoContent, empty.StatusCode);
    }
}
