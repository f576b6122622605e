using System.Net;
using System.Text.Json;

namespace Omnia.Server.Tests.Journeys;

/// <summary>Content items and the contact policy through the admin API: checks, issues, previews with a real profile.</summary>
public sealed class ContentApiTests : IAsyncLifetime
{
    private const string Content = "/api/v1/workspaces/default/content";
    private TestNode _node = null!;

    public async Task InitializeAsync() => _node = await TestNode.StartAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    [Fact]
    public async Task Content_with_a_lone_surrogate_escape_is_refused_or_stored_and_read_back_never_a_500()
    {
        using var saved = await _node.AdminTextAsync(HttpMethod.Put, $"{Content}/broken-text",
            """{"version":1,"name":"x\udc00","email":{"subject":"Hi \udc00","text":"Hello https://shop.example.com"}}""");
        Assert.True((int)saved.StatusCode < 500, await saved.Content.ReadAsStringAsync());
        using var list = await _node.AdminAsync(HttpMethod.Get, Content);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        using var one = await _node.AdminAsync(HttpMethod.Get, $"{Content}/broken-text");
        Assert.True((int)one.StatusCode < 500, await one.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_saved_item_comes_back_with_its_constraint_and_consistency_issues()
    {
        string item = """
            {"version":1,"name":"Spring sale","consistency":{"offer":["SPRING10"]},
             "email":{"subject":"Spring sale: SPRING10 takes 10% off","text":"Use SPRING10 at https://shop.example.com"},
             "sms":{"text":"Spring sale “today” — 10% off everything at https://shop.example.com"}}
            """;
        var saved = await _node.AdminTextAsync(HttpMethod.Put, $"{Content}/spring-sale", item);
        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        var view = await Json(saved);
        Assert.Equal(1, view.GetProperty("version").GetInt32());
        var issues = view.GetProperty("issues").EnumerateArray().ToList();
        Assert.Contains(issues, i => i.GetProperty("code").GetString() == "sms_ucs2" && i.GetProperty("path").GetString() == "sms.text");
        Assert.Contains(issues, i => i.GetProperty("path").GetString()!.StartsWith("sms", StringComparison.Ordinal) && i.GetProperty("message").GetString()!.Contains("SPRING10"));

        var list = await _node.GetJsonAsync(Content);
        var entry = Assert.Single(list.EnumerateArray());
        Assert.Equal(new[] { "email", "sms" }, entry.GetProperty("channels").EnumerateArray().Select(c => c.GetString()!));

        Assert.Equal(HttpStatusCode.OK, (await _node.AdminTextAsync(HttpMethod.Put, $"{Content}/spring-sale", item.Replace("Spring sale\"", "Spring sale 2\""))).StatusCode);
        Assert.Equal(2, (await _node.GetJsonAsync($"{Content}/spring-sale")).GetProperty("version").GetInt32());
        Assert.Equal(HttpStatusCode.NoContent, (await _node.AdminAsync(HttpMethod.Delete, $"{Content}/spring-sale")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _node.AdminAsync(HttpMethod.Get, $"{Content}/spring-sale")).StatusCode);
    }

    [Fact]
    public async Task An_invalid_item_is_refused_with_each_error_at_its_path()
    {
        var response = await _node.AdminTextAsync(HttpMethod.Put, $"{Content}/broken", """{"version":1,"name":"x","sms":{"text":"Hi {{ traits.name | upcse }}"}}""");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var error = Assert.Single((await Json(response)).GetProperty("errors").EnumerateArray()).GetString()!;
        Assert.StartsWith("sms.text: line 1, column", error, StringComparison.Ordinal);
        Assert.Contains("upcase", error);
        Assert.Equal(HttpStatusCode.NotFound, (await _node.AdminAsync(HttpMethod.Get, $"{Content}/broken")).StatusCode);
    }

    [Fact]
    public async Task A_preview_renders_each_variant_with_a_real_profiles_traits()
    {
        await _node.SendAsync("/v1/identify", """{"userId":"maya","traits":{"first_name":"Maya","email":"maya@example.com"}}""");
        await _node.CatchUpAsync();
        var maya = await _node.ProfileAsync("userId", "maya");
        await _node.AdminTextAsync(HttpMethod.Put, $"{Content}/hello", """
            {"version":1,"name":"Hello","email":{"subject":"Hi {{ traits.first_name | default: 'there' }}","text":"Welcome"},
             "sms":{"text":"Hi {{ traits.first_name }}, welcome"}}
            """);

        string id = maya.GetProperty("id").GetString()!;
        var preview = await Json(await _node.AdminTextAsync(HttpMethod.Post, $"{Content}/hello/preview?profile={id}", ""));
        Assert.Equal(id, preview.GetProperty("profileId").GetString());
        var channels = preview.GetProperty("channels").EnumerateArray().ToDictionary(c => c.GetProperty("channel").GetString()!);
        Assert.Equal("Hi Maya", channels["email"].GetProperty("message").GetProperty("subject").GetString());
        Assert.Equal("Hi Maya, welcome", channels["sms"].GetProperty("message").GetProperty("text").GetString());
        Assert.Equal(("gsm7", 1), (channels["sms"].GetProperty("sms").GetProperty("encoding").GetString(), channels["sms"].GetProperty("sms").GetProperty("segments").GetInt32()));

        // A draft is previewed without saving it.
        var draft = await Json(await _node.AdminTextAsync(HttpMethod.Post, $"{Content}/preview?profile={id}",
            """{"version":1,"name":"Draft","push":{"title":"{{ traits.first_name }}'s picks","body":"New in"}}"""));
        Assert.Equal("Maya's picks", Assert.Single(draft.GetProperty("channels").EnumerateArray()).GetProperty("message").GetProperty("title").GetString());

        var nobody = await _node.AdminTextAsync(HttpMethod.Post, $"{Content}/hello/preview?profile=prf_999999", "");
        Assert.Equal(HttpStatusCode.NotFound, nobody.StatusCode);
        Assert.Contains("no profile 'prf_999999'", await nobody.Content.ReadAsStringAsync());
        var noProfile = await _node.AdminTextAsync(HttpMethod.Post, $"{Content}/hello/preview", "");
        Assert.Equal(HttpStatusCode.BadRequest, noProfile.StatusCode);
    }

    [Fact]
    public async Task The_contact_policy_is_a_workspace_setting_checked_before_it_is_saved()
    {
        const string Policy = "/api/v1/workspaces/default/contact-policy";
        var defaults = await _node.GetJsonAsync(Policy);
        Assert.Equal(1, defaults.GetProperty("version").GetInt32());

        var bad = await _node.AdminTextAsync(HttpMethod.Put, Policy, """{"version":1,"caps":[{"max":0,"days":1}]}""");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("caps[0]", await bad.Content.ReadAsStringAsync());

        string good = """{"version":1,"caps":[{"channel":"email","max":2,"days":7}]}""";
        var saved = await _node.AdminTextAsync(HttpMethod.Put, Policy, good);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var read = await _node.GetJsonAsync(Policy);
        var cap = Assert.Single(read.GetProperty("caps").EnumerateArray());
        Assert.Equal(("email", 2, 7), (cap.GetProperty("channel").GetString(), cap.GetProperty("max").GetInt32(), cap.GetProperty("days").GetInt32()));
    }
}
