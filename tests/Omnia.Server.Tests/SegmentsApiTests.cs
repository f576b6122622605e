using System.Net;
using System.Text.Json;

namespace Omnia.Server.Tests;

/// <summary>Saving segments through the API, live membership, entries and exits, size estimates and clear errors.</summary>
public sealed class SegmentsApiTests : IAsyncLifetime
{
    private const string Segments = "/api/v1/workspaces/default/segments";
    private TestNode _node = null!;

    public async Task InitializeAsync() => _node = await TestNode.StartAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    private const string HighIntent = """
        {"version":1,"name":"High intent","description":"Viewed 2+ products this week and has not bought",
         "condition":{"and":[{"event":{"name":"Product Viewed","count":{"op":"atLeast","value":2},"window":{"last":"7d"}}},
                             {"not":{"event":{"name":"Order Completed","window":{"last":"7d"}}}}]}}
        """;

    private Task<HttpResponseMessage> TrackAsync(string userId, string name, string properties = "{}") =>
        _node.SendAsync("/v1/track", $$"""{"userId":"{{userId}}","event":"{{name}}","properties":{{properties}}}""");

    [Fact]
    public async Task A_profile_enters_a_saved_segment_as_its_events_arrive_and_leaves_when_it_buys()
    {
        var created = await _node.AdminTextAsync(HttpMethod.Post, Segments, HighIntent);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var segment = await Json(created);
        Assert.Equal("high-intent", segment.GetProperty("slug").GetString());
        Assert.Equal("/api/v1/workspaces/default/segments/high-intent", created.Headers.Location?.OriginalString);

        await TrackAsync("shopper", "Product Viewed", """{"sku":"A"}""");
        await _node.AudiencesCaughtUpAsync();
        Assert.Empty((await _node.ProfileAsync("userId", "shopper")).GetProperty("segments").EnumerateArray());

        await TrackAsync("shopper", "Product Viewed", """{"sku":"B"}""");
        await _node.AudiencesCaughtUpAsync();
        var profile = await _node.ProfileAsync("userId", "shopper");
        Assert.Equal(new[] { "High intent" }, profile.GetProperty("segments").EnumerateArray().Select(s => s.GetString()!).ToList());
        var members = await _node.GetJsonAsync($"{Segments}/high-intent/members");
        Assert.Equal(profile.GetProperty("id").GetString(), Assert.Single(members.GetProperty("members").EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(1, (await _node.GetJsonAsync($"{Segments}/high-intent")).GetProperty("size").GetInt64());

        await TrackAsync("shopper", "Order Completed", """{"revenue":40}""");
        await _node.AudiencesCaughtUpAsync();
        Assert.Empty((await _node.ProfileAsync("userId", "shopper")).GetProperty("segments").EnumerateArray());

        var transitions = (await _node.GetJsonAsync($"{Segments}/high-intent/transitions")).GetProperty("transitions").EnumerateArray().ToList();
        Assert.Equal(new[] { "entered", "exited" }, transitions.Select(t => t.GetProperty("type").GetString()!).ToList());
        Assert.All(transitions, t => Assert.Equal("event", t.GetProperty("reason").GetString()));
        Assert.All(transitions, t => Assert.Equal(profile.GetProperty("id").GetString(), t.GetProperty("profileId").GetString()));
        var all = await _node.GetJsonAsync($"{Segments}/transitions?after={transitions[0].GetProperty("id").GetInt64()}");
        Assert.Equal("exited", Assert.Single(all.GetProperty("transitions").EnumerateArray()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_new_segment_is_filled_from_existing_profiles_by_a_recompute()
    {
        await TrackAsync("early", "Product Viewed");
        await TrackAsync("early", "Product Viewed");
        await _node.AudiencesCaughtUpAsync();

        Assert.Equal(HttpStatusCode.Created, (await _node.AdminTextAsync(HttpMethod.Post, Segments, HighIntent)).StatusCode);
        await _node.AudiencesCaughtUpAsync();

        var segment = await _node.GetJsonAsync($"{Segments}/high-intent");
        Assert.Equal(1, segment.GetProperty("size").GetInt64());
        Assert.Equal("ready", segment.GetProperty("status").GetString());
        var entry = Assert.Single((await _node.GetJsonAsync($"{Segments}/high-intent/transitions")).GetProperty("transitions").EnumerateArray());
        Assert.Equal("recompute", entry.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_bad_definition_is_a_400_listing_every_problem_with_its_path()
    {
        var response = await _node.AdminTextAsync(HttpMethod.Post, Segments, """
            {"version":1,"name":"Broken","condition":{"and":[{"event":{"name":"Order Completed","count":{"op":"most","value":2}}},{"trait":{"name":"plan","op":"equals"}}]}}
            """);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await Json(response)).GetProperty("errors").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("condition.and[0].event.count.op:", StringComparison.Ordinal) && e.Contains("atLeast", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("condition.and[1].trait.value:", StringComparison.Ordinal));
        Assert.Empty((await _node.GetJsonAsync(Segments)).EnumerateArray());

        var notJson = await _node.AdminTextAsync(HttpMethod.Post, Segments, "name: oops");
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.NotEmpty((await Json(notJson)).GetProperty("errors").EnumerateArray());
    }

    [Fact]
    public async Task References_to_missing_segments_and_cycles_are_refused_and_a_used_segment_cannot_be_deleted()
    {
        var missing = await _node.AdminTextAsync(HttpMethod.Put, $"{Segments}/loyal", """{"version":1,"name":"Loyal","condition":{"segment":"vips"}}""");
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("'vips', which does not exist", await missing.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Created, (await _node.AdminTextAsync(HttpMethod.Put, $"{Segments}/vips", """{"version":1,"name":"VIPs","condition":{"computed":{"name":"revenue","op":"gte","value":500}}}""")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await _node.AdminTextAsync(HttpMethod.Put, $"{Segments}/loyal", """{"version":1,"name":"Loyal","condition":{"segment":"vips"}}""")).StatusCode);

        var cycle = await _node.AdminTextAsync(HttpMethod.Put, $"{Segments}/vips", """{"version":1,"name":"VIPs","condition":{"segment":"loyal"}}""");
        Assert.Equal(HttpStatusCode.BadRequest, cycle.StatusCode);
        Assert.Contains("cycle", await cycle.Content.ReadAsStringAsync());

        var delete = await _node.AdminAsync(HttpMethod.Delete, $"{Segments}/vips");
        Assert.Equal(HttpStatusCode.Conflict, delete.StatusCode);
        Assert.Contains("'loyal'", await delete.Content.ReadAsStringAsync());

        var duplicate = await _node.AdminTextAsync(HttpMethod.Post, $"{Segments}?slug=vips", """{"version":1,"name":"Other","condition":{"segment":"loyal"}}""");
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await _node.AdminAsync(HttpMethod.Delete, $"{Segments}/loyal")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _node.AdminAsync(HttpMethod.Delete, $"{Segments}/vips")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _node.AdminAsync(HttpMethod.Get, $"{Segments}/vips")).StatusCode);
    }

    [Fact]
    public async Task Replacing_a_definition_bumps_its_version_and_members_follow_the_new_rule()
    {
        await TrackAsync("big", "Order Completed", """{"revenue":700}""");
        await TrackAsync("small", "Order Completed", """{"revenue":70}""");
        await _node.AdminTextAsync(HttpMethod.Put, $"{Segments}/spenders", """{"version":1,"name":"Spenders","condition":{"computed":{"name":"revenue","op":"gte","value":500}}}""");
        await _node.AudiencesCaughtUpAsync();
        Assert.Equal(1, (await _node.GetJsonAsync($"{Segments}/spenders")).GetProperty("size").GetInt64());

        var replaced = await _node.AdminTextAsync(HttpMethod.Put, $"{Segments}/spenders", """{"version":1,"name":"Spenders","condition":{"computed":{"name":"revenue","op":"gte","value":50}}}""");
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal(2, (await Json(replaced)).GetProperty("version").GetInt32());
        await _node.AudiencesCaughtUpAsync();
        Assert.Equal(2, (await _node.GetJsonAsync($"{Segments}/spenders")).GetProperty("size").GetInt64());
    }

    [Fact]
    public async Task An_estimate_of_a_draft_brackets_the_size_it_has_once_saved()
    {
        for (int i = 0; i < 240; i++)
        {
            await TrackAsync($"user{i}", i % 3 == 0 ? "Order Completed" : "Product Viewed", """{"revenue":20}""");
        }

        await _node.AudiencesCaughtUpAsync();
        const string draft = """{"version":1,"name":"Buyers","condition":{"event":{"name":"Order Completed"}}}""";

        var sampled = await Json(await _node.AdminTextAsync(HttpMethod.Post, $"{Segments}/estimate?sample=100", draft));
        Assert.False(sampled.GetProperty("exact").GetBoolean());
        Assert.Equal(100, sampled.GetProperty("sampled").GetInt32());
        Assert.Equal(240, sampled.GetProperty("population").GetInt64());
        long low = sampled.GetProperty("low").GetInt64(), high = sampled.GetProperty("high").GetInt64();
        Assert.InRange(sampled.GetProperty("estimate").GetInt64(), low, high);
        Assert.InRange(80, low, high);
        Assert.NotEmpty(sampled.GetProperty("examples").EnumerateArray());

        var exact = await Json(await _node.AdminTextAsync(HttpMethod.Post, $"{Segments}/estimate?exact=true", draft));
        Assert.True(exact.GetProperty("exact").GetBoolean());
        Assert.Equal(80, exact.GetProperty("estimate").GetInt64());

        await _node.AdminTextAsync(HttpMethod.Post, Segments, draft);
        await _node.AudiencesCaughtUpAsync();
        Assert.Equal(80, (await _node.GetJsonAsync($"{Segments}/buyers")).GetProperty("size").GetInt64());

        var bad = await _node.AdminTextAsync(HttpMethod.Post, $"{Segments}/estimate", """{"version":1,"name":"x","condition":{"segment":"nope"}}""");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }
}
