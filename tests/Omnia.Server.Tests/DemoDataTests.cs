using System.Text.Json;
using Omnia.Core.Demo;

namespace Omnia.Server.Tests;

/// <summary>What a new user sees after <c>omnia serve --demo</c>: one person stitched from every channel.</summary>
public sealed class DemoDataTests : IAsyncLifetime
{
    private TestNode _node = null!;

    public async Task InitializeAsync() => _node = await TestNode.StartAsync(demo: true, demoCustomers: 200);

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task The_showcase_person_is_one_profile_from_two_web_devices_an_app_login_and_an_email_click()
    {
        var profile = await _node.ProfileAsync("email", DemoDataset.Showcase.Email);
        string id = profile.GetProperty("id").GetString()!;

        // Every one of her identifiers leads to the same profile.
        foreach (var (type, value) in new[]
        {
            ("anonymousId", DemoDataset.Showcase.LaptopAnonymousId),
            ("anonymousId", DemoDataset.Showcase.PhoneAnonymousId),
            ("anonymousId", DemoDataset.Showcase.AppAnonymousId),
            ("deviceId", DemoDataset.Showcase.AppDeviceId),
            ("userId", DemoDataset.Showcase.UserId),
            ("phone", DemoDataset.Showcase.Phone),
        })
        {
            Assert.Equal(id, (await _node.ProfileAsync(type, value)).GetProperty("id").GetString());
        }

        Assert.Equal(DemoDataset.Showcase.FirstName, profile.GetProperty("traits").GetProperty("first_name").GetString());
        Assert.True(profile.GetProperty("mergedFrom").GetArrayLength() >= 1);

        var events = new List<JsonElement>();
        long? before = null;
        do
        {
            var page = await _node.GetJsonAsync($"/api/v1/workspaces/default/profiles/{id}/timeline?limit=200" + (before is null ? "" : $"&before={before}"));
            events.AddRange(page.GetProperty("events").EnumerateArray());
            before = page.TryGetProperty("next", out var next) && next.ValueKind == JsonValueKind.Number ? next.GetInt64() : null;
        }
        while (before is not null);

        Assert.Equal(profile.GetProperty("eventCount").GetInt32(), events.Count);
        var names = events.Select(e => e.TryGetProperty("event", out var n) ? n.GetString() : null).ToHashSet();
        Assert.Contains("Email Link Clicked", names);
        Assert.Contains("Signed In", names);
        Assert.Contains("Order Completed", names);
        var channels = events.Select(e => e.GetProperty("channel").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "organic_search", "paid_social", "email", "store", "support" }, channels);
        Assert.Contains(events, e => e.GetProperty("type").GetString() == "screen");
        Assert.True(events.Count(e => e.GetProperty("type").GetString() == "page") >= 2);
    }

    [Fact]
    public async Task Demo_data_is_loaded_once_and_health_reports_profiles_caught_up()
    {
        var health = JsonDocument.Parse(await _node.Client.GetStringAsync("/health")).RootElement;

        Assert.Equal("ready", health.GetProperty("status").GetString());
        Assert.True(health.GetProperty("logPosition").GetInt64() > 5_000);
        Assert.Equal(0, health.GetProperty("profilesLag").GetInt64());
        var overview = await _node.GetJsonAsync("/api/v1/workspaces/default/stats/overview?days=100");
        Assert.True(overview.GetProperty("profiles").GetInt64() >= 200);
        Assert.InRange(overview.GetProperty("identifiedShare").GetDouble(), 0.5, 0.95);
        Assert.Equal(
            health.GetProperty("logPosition").GetInt64(),
            overview.GetProperty("channelsByDay").EnumerateArray().Sum(d => d.GetProperty("events").GetInt64()));
    }

    [Fact]
    public async Task The_demo_has_meaningful_segments_and_between_three_and_six_named_personas()
    {
        await _node.AudiencesCaughtUpAsync();
        var segments = (await _node.GetJsonAsync("/api/v1/workspaces/default/segments")).EnumerateArray().ToDictionary(s => s.GetProperty("slug").GetString()!);
        Assert.Equal(DemoSegments.All.Select(s => s.Slug).Order(), segments.Keys.Order());
        var profiles = (await _node.GetJsonAsync("/api/v1/workspaces/default/stats/overview")).GetProperty("profiles").GetInt64();
        foreach (string slug in new[] { "cart-abandoners", "lapsed-vips", "big-spenders-90d", "email-subscribers", "browse-abandoners" })
        {
            long size = segments[slug].GetProperty("size").GetInt64();
            Assert.True(size > 0 && size < profiles, $"segment {slug} has {size} of {profiles} profiles");
        }

        Assert.True(segments["lapsed-vips-holdout"].GetProperty("size").GetInt64() < segments["lapsed-vips"].GetProperty("size").GetInt64());

        var personas = (await _node.GetJsonAsync("/api/v1/workspaces/default/personas")).EnumerateArray().ToList();
        Assert.InRange(personas.Count, 3, 6);
        Assert.All(personas, p => Assert.False(string.IsNullOrWhiteSpace(p.GetProperty("name").GetString())));
        Assert.Equal(personas.Count, personas.Select(p => p.GetProperty("name").GetString()).Distinct().Count());
        Assert.Contains(personas, p => p.GetProperty("name").GetString()!.Contains("Anonymous", StringComparison.OrdinalIgnoreCase));
        Assert.All(personas, p => Assert.True(p.GetProperty("profiles").GetInt64() > 0, $"persona {p.GetProperty("name")} has no profiles"));

        var stages = (await _node.GetJsonAsync("/api/v1/workspaces/default/lifecycle")).GetProperty("stages").EnumerateArray()
            .ToDictionary(s => s.GetProperty("stage").GetString()!, s => s.GetProperty("profiles").GetInt64());
        Assert.Equal(new[] { "awareness", "consideration", "conversion", "loyalty", "advocacy" }, stages.Keys);
        Assert.All(stages, s => Assert.True(s.Value > 0, $"no profile is in stage {s.Key}"));

        var maya = await _node.ProfileAsync("email", DemoDataset.Showcase.Email);
        Assert.Contains("Email subscribers", maya.GetProperty("segments").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal("loyalty", maya.GetProperty("lifecycleStage").GetString());
        Assert.StartsWith("p", maya.GetProperty("persona").GetProperty("key").GetString());
        Assert.Equal(JsonValueKind.String, maya.GetProperty("computedTraits").GetProperty("rfmSegment").ValueKind);
    }
}
