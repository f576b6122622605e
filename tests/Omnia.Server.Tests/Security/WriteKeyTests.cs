using System.Net;
using System.Text.Json;

namespace Omnia.Server.Tests.Security;

/// <summary>Write keys can be rotated with an overlap, and sources disabled or deleted; the key cache never lets an old key through.</summary>
public sealed class WriteKeyTests : IAsyncLifetime
{
    private TestNode _node = null!;

    public async Task InitializeAsync() => _node = await TestNode.StartAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task After_a_rotation_both_keys_work_during_the_overlap_and_only_the_new_one_after_it()
    {
        var (sourceId, oldKey) = await CreateSourceAsync();
        Assert.Equal(HttpStatusCode.OK, (await TrackAsync(oldKey)).StatusCode); // cached before the rotation

        using var rotated = await _node.Client.SendAsync(Callers.Request(HttpMethod.Post, $"/api/v1/workspaces/default/sources/{sourceId}/rotate-key?overlapHours=0.0006", TestNode.AdminKey));
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        string newKey = JsonDocument.Parse(await rotated.Content.ReadAsStringAsync()).RootElement.GetProperty("writeKey").GetString()!;

        Assert.Equal(HttpStatusCode.OK, (await TrackAsync(newKey)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await TrackAsync(oldKey)).StatusCode);
        await Task.Delay(TimeSpan.FromSeconds(2.5)); // 0.0006 h = 2.16 s
        Assert.Equal(HttpStatusCode.Unauthorized, (await TrackAsync(oldKey)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await TrackAsync(newKey)).StatusCode);
    }

    [Fact]
    public async Task A_rotation_without_overlap_stops_the_old_key_at_once()
    {
        var (sourceId, oldKey) = await CreateSourceAsync();
        Assert.Equal(HttpStatusCode.OK, (await TrackAsync(oldKey)).StatusCode);

        using var rotated = await _node.Client.SendAsync(Callers.Request(HttpMethod.Post, $"/api/v1/workspaces/default/sources/{sourceId}/rotate-key?overlapHours=0", TestNode.AdminKey));

        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await TrackAsync(oldKey)).StatusCode);
    }

    [Fact]
    public async Task A_disabled_source_is_refused_until_enabled_and_a_deleted_one_for_good()
    {
        var (sourceId, key) = await CreateSourceAsync();
        Assert.Equal(HttpStatusCode.OK, (await TrackAsync(key)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await PatchAsync(sourceId, """{"enabled":false}""")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await TrackAsync(key)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PatchAsync(sourceId, """{"enabled":true}""")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await TrackAsync(key)).StatusCode);

        using var deleted = await _node.Client.SendAsync(Callers.Request(HttpMethod.Delete, $"/api/v1/workspaces/default/sources/{sourceId}", TestNode.AdminKey));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await TrackAsync(key)).StatusCode);
        var sources = await _node.GetJsonAsync("/api/v1/workspaces/default/sources");
        Assert.DoesNotContain(sources.EnumerateArray(), s => s.GetProperty("id").GetInt32() == sourceId);
    }

    [Fact]
    public async Task A_rotation_asks_for_an_overlap_within_thirty_days()
    {
        var (sourceId, _) = await CreateSourceAsync();

        using var response = await _node.Client.SendAsync(Callers.Request(HttpMethod.Post, $"/api/v1/workspaces/default/sources/{sourceId}/rotate-key?overlapHours=1000", TestNode.AdminKey));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("overlapHours", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<(int Id, string Key)> CreateSourceAsync()
    {
        using var created = await _node.Client.SendAsync(Callers.Request(HttpMethod.Post, "/api/v1/workspaces/default/sources", TestNode.AdminKey, """{"name":"Shop"}"""));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var json = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        return (json.GetProperty("source").GetProperty("id").GetInt32(), json.GetProperty("writeKey").GetString()!);
    }

    private Task<HttpResponseMessage> PatchAsync(int id, string json) =>
        _node.Client.SendAsync(Callers.Request(HttpMethod.Patch, $"/api/v1/workspaces/default/sources/{id}", TestNode.AdminKey, json));

    private Task<HttpResponseMessage> TrackAsync(string key) =>
        _node.SendAsync("/v1/track", """{"userId":"wk-1","event":"Checked"}""", key);
}
