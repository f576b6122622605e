using System.Net;
using System.Text.Json;

namespace Omnia.Server.Tests;

/// <summary>Identity resolution end to end: events in over HTTP, one profile per person out of the lookup API.</summary>
public sealed class IdentityResolutionTests : IAsyncLifetime
{
    private TestNode _node = null!;

    public async Task InitializeAsync() => _node = await TestNode.StartAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    private async Task SendAsync(params string[] events)
    {
        var response = await _node.SendAsync("/v1/batch", $$"""{"batch":[{{string.Join(",", events)}}]}""");
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK && !text.Contains("rejected", StringComparison.Ordinal), text);
    }

    private static IEnumerable<(string Type, string Value)> Identifiers(JsonElement profile) =>
        profile.GetProperty("identifiers").EnumerateArray().Select(i => (i.GetProperty("type").GetString()!, i.GetProperty("value").GetString()!));

    [Fact]
    public async Task Anonymous_visits_on_two_devices_are_stitched_to_the_person_when_they_identify()
    {
        await SendAsync(
            """{"type":"page","anonymousId":"laptop-1","name":"Home","timestamp":"2026-01-01T10:00:00Z"}""",
            """{"type":"page","anonymousId":"phone-1","name":"Jackets","timestamp":"2026-01-02T10:00:00Z"}""",
            """{"type":"track","anonymousId":"phone-1","event":"Product Added","timestamp":"2026-01-02T10:01:00Z"}""");
        await _node.CatchUpAsync();
        string laptopProfile = (await _node.ProfileAsync("anonymousId", "laptop-1")).GetProperty("id").GetString()!;
        string phoneProfile = (await _node.ProfileAsync("anonymousId", "phone-1")).GetProperty("id").GetString()!;
        Assert.NotEqual(laptopProfile, phoneProfile);

        await SendAsync(
            """{"type":"identify","anonymousId":"laptop-1","userId":"ada","traits":{"email":"Ada@Example.com"},"timestamp":"2026-01-03T10:00:00Z"}""",
            """{"type":"track","anonymousId":"phone-1","userId":"ada","event":"Signed In","timestamp":"2026-01-04T10:00:00Z"}""",
            """{"type":"track","userId":"ada","event":"Email Link Clicked","context":{"traits":{"email":"ada@example.com"}},"timestamp":"2026-01-05T10:00:00Z"}""");

        var byEmail = await _node.ProfileAsync("email", "ADA@example.com");
        var byLaptop = await _node.ProfileAsync("anonymousId", "laptop-1");
        var byPhone = await _node.ProfileAsync("anonymousId", "phone-1");
        Assert.Equal(byEmail.GetProperty("id").GetString(), byLaptop.GetProperty("id").GetString());
        Assert.Equal(byEmail.GetProperty("id").GetString(), byPhone.GetProperty("id").GetString());
        Assert.Equal(6, byEmail.GetProperty("eventCount").GetInt32());
        Assert.Superset(
            new HashSet<(string, string)> { ("anonymousId", "laptop-1"), ("anonymousId", "phone-1"), ("userId", "ada"), ("email", "ada@example.com") },
            Identifiers(byEmail).ToHashSet());
        Assert.Single(byEmail.GetProperty("mergedFrom").EnumerateArray());
        Assert.Equal(DateTimeOffset.Parse("2026-01-01T10:00:00Z"), byEmail.GetProperty("computedTraits").GetProperty("firstSeen").GetDateTimeOffset());

        string id = byEmail.GetProperty("id").GetString()!;
        var timeline = await _node.GetJsonAsync($"/api/v1/workspaces/default/profiles/{id}/timeline");
        Assert.Equal(6, timeline.GetProperty("events").GetArrayLength());
        var merged = await _node.GetJsonAsync($"/api/v1/workspaces/default/profiles/{byEmail.GetProperty("mergedFrom")[0].GetString()}");
        Assert.Equal(id, merged.GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_shared_device_does_not_merge_two_known_people()
    {
        await SendAsync(
            """{"type":"identify","anonymousId":"family-ipad","userId":"parent","traits":{"name":"Parent"}}""",
            """{"type":"identify","anonymousId":"family-ipad","userId":"teen","traits":{"name":"Teen"}}""",
            """{"type":"track","userId":"teen","event":"Order Completed","properties":{"revenue":30}}""");

        var parent = await _node.ProfileAsync("userId", "parent");
        var teen = await _node.ProfileAsync("userId", "teen");
        Assert.NotEqual(parent.GetProperty("id").GetString(), teen.GetProperty("id").GetString());
        Assert.Equal("Parent", parent.GetProperty("traits").GetProperty("name").GetString());
        Assert.Equal("Teen", teen.GetProperty("traits").GetProperty("name").GetString());
        Assert.Equal(0, parent.GetProperty("computedTraits").GetProperty("orderCount").GetInt32());
        Assert.Equal(1, teen.GetProperty("computedTraits").GetProperty("orderCount").GetInt32());
        Assert.DoesNotContain(("anonymousId", "family-ipad"), Identifiers(teen));
    }

    [Fact]
    public async Task Junk_identifiers_never_join_people()
    {
        await SendAsync(
            """{"type":"identify","anonymousId":"00000000-0000-0000-0000-000000000000","userId":"p1","traits":{"email":"undefined"}}""",
            """{"type":"identify","anonymousId":"00000000-0000-0000-0000-000000000000","userId":"p2"}""",
            """{"type":"track","anonymousId":"null","userId":"p3","event":"E"}""");

        var p1 = await _node.ProfileAsync("userId", "p1");
        var p2 = await _node.ProfileAsync("userId", "p2");
        Assert.NotEqual(p1.GetProperty("id").GetString(), p2.GetProperty("id").GetString());
        Assert.Equal([("userId", "p1")], Identifiers(p1));
        var junkLookup = await _node.LookupAsync("anonymousId", "null");
        Assert.Equal(HttpStatusCode.BadRequest, junkLookup.StatusCode);
        Assert.Contains("not a usable", await junkLookup.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Phone_numbers_are_matched_in_e164_whatever_the_format()
    {
        await SendAsync("""{"type":"identify","userId":"ph","traits":{"phone":"(415) 555-0134"}}""");

        var profile = await _node.ProfileAsync("phone", "+1 415 555 0134");
        Assert.Contains(("phone", "+14155550134"), Identifiers(profile));
    }

    [Fact]
    public async Task Traits_keep_the_latest_value_by_event_time_not_arrival()
    {
        await SendAsync(
            """{"type":"identify","userId":"late","traits":{"plan":"gold","city":"Oslo"},"timestamp":"2026-02-01T00:00:00Z"}""",
            """{"type":"identify","userId":"late","traits":{"plan":"silver"},"timestamp":"2026-01-01T00:00:00Z"}""");

        var profile = await _node.ProfileAsync("userId", "late");
        Assert.Equal("gold", profile.GetProperty("traits").GetProperty("plan").GetString());
        Assert.Equal("Oslo", profile.GetProperty("traits").GetProperty("city").GetString());
    }

    [Fact]
    public async Task Consent_follows_unsubscribe_and_opt_in_events()
    {
        await SendAsync(
            """{"type":"identify","userId":"c1","traits":{"email":"c1@example.com","sms_opt_in":true},"timestamp":"2026-01-01T00:00:00Z"}""",
            """{"type":"track","userId":"c1","event":"Email Unsubscribed","timestamp":"2026-01-02T00:00:00Z"}""");

        var consent = (await _node.ProfileAsync("userId", "c1")).GetProperty("consent");
        Assert.False(consent.GetProperty("email").GetProperty("subscribed").GetBoolean());
        Assert.True(consent.GetProperty("sms").GetProperty("subscribed").GetBoolean());
    }

    [Fact]
    public async Task First_touch_acquisition_channel_comes_from_the_earliest_event()
    {
        await SendAsync(
            """{"type":"page","anonymousId":"acq","timestamp":"2026-01-02T00:00:00Z","context":{"page":{"url":"https://shop.example.com/"}}}""",
            """{"type":"page","anonymousId":"acq","timestamp":"2026-01-01T00:00:00Z","context":{"campaign":{"source":"google","medium":"cpc","name":"brand"},"page":{"url":"https://shop.example.com/?utm_source=google"}}}""");

        var computed = (await _node.ProfileAsync("anonymousId", "acq")).GetProperty("computedTraits");
        Assert.Equal("paid_search", computed.GetProperty("acquisitionChannel").GetString());
        Assert.Equal("brand", computed.GetProperty("acquisitionCampaign").GetString());
    }
}
