using System.Net;
using System.Text.Json;

namespace Omnia.Server.Tests;

/// <summary>The Segment HTTP API as SDKs and engineers use it.</summary>
public sealed class IngestionApiTests : IAsyncLifetime
{
    private TestNode _node = null!;

    public async Task InitializeAsync() => _node = await TestNode.StartAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    [Theory]
    [InlineData("/v1/track", """{"userId":"t1","event":"Signed Up","properties":{"plan":"pro"}}""")]
    [InlineData("/v1/identify", """{"userId":"t1","traits":{"email":"t1@example.com"}}""")]
    [InlineData("/v1/page", """{"anonymousId":"a1","name":"Home","properties":{"url":"https://example.com/"}}""")]
    [InlineData("/v1/screen", """{"userId":"t1","name":"Dashboard"}""")]
    [InlineData("/v1/group", """{"userId":"t1","groupId":"g1","traits":{"name":"Acme"}}""")]
    [InlineData("/v1/alias", """{"userId":"t1","previousId":"a1"}""")]
    public async Task Every_segment_call_is_accepted_with_success_true(string path, string body)
    {
        var response = await _node.SendAsync(path, body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await Json(response);
        Assert.True(json.GetProperty("success").GetBoolean());
        Assert.Equal(1, json.GetProperty("accepted").GetInt32());
    }

    [Fact]
    public async Task A_batch_stores_every_event_and_the_profile_sees_them()
    {
        var response = await _node.SendAsync("/v1/batch", """
            {"batch":[
              {"type":"identify","userId":"b1","traits":{"email":"B1@Example.com","name":"Bea"}},
              {"type":"track","userId":"b1","event":"Order Completed","properties":{"revenue":42.5}},
              {"type":"page","userId":"b1","name":"Checkout"}]}
            """);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, (await Json(response)).GetProperty("accepted").GetInt32());
        var profile = await _node.ProfileAsync("email", "b1@example.com");
        Assert.Equal(3, profile.GetProperty("eventCount").GetInt32());
        Assert.Equal("Bea", profile.GetProperty("traits").GetProperty("name").GetString());
        Assert.Equal(42.5m, profile.GetProperty("computedTraits").GetProperty("revenue").GetDecimal());
        Assert.Equal(1, profile.GetProperty("computedTraits").GetProperty("orderCount").GetInt32());
    }

    [Fact]
    public async Task A_bad_event_in_a_batch_is_reported_and_the_good_ones_are_kept()
    {
        var response = await _node.SendAsync("/v1/batch", """
            {"batch":[
              {"type":"track","userId":"k1","event":"Good One"},
              {"type":"track","userId":"k1","messageId":"bad-1"},
              {"type":"launch","userId":"k1"},
              {"type":"track","userId":"k1","event":"Good Two","timestamp":"yesterday"}]}
            """);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await Json(response);
        Assert.Equal(1, json.GetProperty("accepted").GetInt32());
        var rejected = json.GetProperty("rejected").EnumerateArray().ToList();
        Assert.Equal([1, 2, 3], rejected.Select(r => r.GetProperty("index").GetInt32()));
        Assert.Equal("bad-1", rejected[0].GetProperty("messageId").GetString());
        Assert.Contains("'event'", rejected[0].GetProperty("errors")[0].GetString());
        Assert.Contains("type", rejected[1].GetProperty("errors")[0].GetString());
        Assert.Contains("ISO-8601", rejected[2].GetProperty("errors")[0].GetString());
        Assert.Equal(1, (await _node.ProfileAsync("userId", "k1")).GetProperty("eventCount").GetInt32());
    }

    [Theory]
    [InlineData("/v1/track", """{"event":"No Ids"}""", "userId")]
    [InlineData("/v1/track", """{"userId":"x","event":""}""", "event")]
    [InlineData("/v1/track", """{"userId":"x","event":"E","properties":[1,2]}""", "properties")]
    [InlineData("/v1/group", """{"userId":"x"}""", "groupId")]
    [InlineData("/v1/alias", """{"userId":"x"}""", "previousId")]
    [InlineData("/v1/identify", """{"userId":"x","timestamp":"31/12/2024"}""", "ISO-8601")]
    [InlineData("/v1/track", """not json""", "not valid JSON")]
    [InlineData("/v1/track", """[1]""", "JSON object")]
    [InlineData("/v1/batch", """{"events":[]}""", "'batch' array")]
    [InlineData("/v1/batch", """{"batch":[]}""", "empty")]
    public async Task Bad_input_gets_a_400_problem_that_says_what_to_fix(string path, string body, string hint)
    {
        var response = await _node.SendAsync(path, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        string text = await response.Content.ReadAsStringAsync();
        Assert.Contains(hint, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_write_key_is_401_with_a_basic_challenge()
    {
        var response = await _node.SendAsync("/v1/track", """{"userId":"x","event":"E"}""", writeKey: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Basic", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task An_unknown_write_key_is_401_and_nothing_is_stored()
    {
        var response = await _node.SendAsync("/v1/track", """{"userId":"nope","event":"E"}""", writeKey: "wk_wrong");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("write key", await response.Content.ReadAsStringAsync());
        await _node.CatchUpAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await _node.LookupAsync("userId", "nope")).StatusCode);
    }

    [Fact]
    public async Task The_write_key_may_be_sent_in_the_body()
    {
        var response = await _node.SendAsync("/v1/batch", $$"""{"writeKey":"{{TestNode.WriteKey}}","batch":[{"type":"track","userId":"wb","event":"E"}]}""", writeKey: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_same_message_id_twice_is_stored_and_counted_once()
    {
        const string body = """{"userId":"d1","event":"Order Completed","messageId":"order-msg-1","properties":{"revenue":10}}""";
        var first = await Json(await _node.SendAsync("/v1/track", body));
        var second = await Json(await _node.SendAsync("/v1/track", body));
        var inBatch = await Json(await _node.SendAsync("/v1/batch", $$"""{"batch":[{{body.Replace("{\"userId", "{\"type\":\"track\",\"userId", StringComparison.Ordinal)}}]}"""));

        Assert.Equal((1, 0), (first.GetProperty("accepted").GetInt32(), first.GetProperty("duplicates").GetInt32()));
        Assert.Equal((0, 1), (second.GetProperty("accepted").GetInt32(), second.GetProperty("duplicates").GetInt32()));
        Assert.Equal(1, inBatch.GetProperty("duplicates").GetInt32());
        var profile = await _node.ProfileAsync("userId", "d1");
        Assert.Equal(1, profile.GetProperty("eventCount").GetInt32());
        Assert.Equal(10m, profile.GetProperty("computedTraits").GetProperty("revenue").GetDecimal());
    }

    [Fact]
    public async Task A_device_clock_that_is_off_is_corrected_with_sent_at()
    {
        // The device clock is exactly one day fast: it says the event happened 10 s before it was sent.
        var deviceNow = DateTimeOffset.UtcNow.AddDays(1);
        string timestamp = deviceNow.AddSeconds(-10).ToString("O");
        string sentAt = deviceNow.ToString("O");
        var before = DateTimeOffset.UtcNow;
        await _node.SendAsync("/v1/track", $$"""{"userId":"skew","event":"E","timestamp":"{{timestamp}}","sentAt":"{{sentAt}}"}""");
        var after = DateTimeOffset.UtcNow;

        var profile = await _node.ProfileAsync("userId", "skew");
        var seen = profile.GetProperty("computedTraits").GetProperty("firstSeen").GetDateTimeOffset();
        Assert.InRange(seen, before.AddSeconds(-10.5), after.AddSeconds(-9.5));
        var timeline = await _node.GetJsonAsync($"/api/v1/workspaces/default/profiles/{profile.GetProperty("id").GetString()}/timeline");
        var entry = timeline.GetProperty("events")[0];
        Assert.InRange(entry.GetProperty("receivedAt").GetDateTimeOffset(), before.AddMilliseconds(-5), after.AddMilliseconds(5));
    }

    [Fact]
    public async Task Without_sent_at_the_given_timestamp_is_kept()
    {
        await _node.SendAsync("/v1/track", """{"userId":"hist","event":"E","timestamp":"2024-02-03T04:05:06.789Z"}""");

        var profile = await _node.ProfileAsync("userId", "hist");
        Assert.Equal(DateTimeOffset.Parse("2024-02-03T04:05:06.789Z"), profile.GetProperty("computedTraits").GetProperty("firstSeen").GetDateTimeOffset());
    }

    [Fact]
    public async Task An_event_over_32_kb_is_rejected_and_a_batch_over_500_kb_is_413()
    {
        string big = new('x', 33 * 1024);
        var single = await _node.SendAsync("/v1/track", "{\"userId\":\"big\",\"event\":\"E\",\"properties\":{\"blob\":\"" + big + "\"}}");
        var inBatch = await _node.SendAsync("/v1/batch", "{\"batch\":[{\"type\":\"track\",\"userId\":\"big\",\"event\":\"E\",\"properties\":{\"blob\":\"" + big + "\"}},{\"type\":\"track\",\"userId\":\"big\",\"event\":\"Small\"}]}");
        string huge = string.Join(",", Enumerable.Range(0, 20).Select(_ => "{\"type\":\"track\",\"userId\":\"big\",\"event\":\"E\",\"properties\":{\"blob\":\"" + big + "\"}}"));
        var tooLarge = await _node.SendAsync("/v1/batch", $$"""{"batch":[{{huge}}]}""");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, single.StatusCode);
        Assert.Equal(HttpStatusCode.OK, inBatch.StatusCode);
        Assert.Contains("32 KB", await inBatch.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Contains("500 KB", await tooLarge.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Gzip_compressed_batches_are_accepted()
    {
        byte[] raw = System.Text.Encoding.UTF8.GetBytes("""{"batch":[{"type":"track","userId":"gz","event":"Zipped"}]}""");
        using var buffer = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(buffer, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(raw);
        }

        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/batch") { Content = new ByteArrayContent(buffer.ToArray()) };
        request.Content.Headers.ContentType = new("application/json");
        request.Content.Headers.ContentEncoding.Add("gzip");
        request.Headers.Authorization = new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(TestNode.WriteKey + ":")));
        var response = await _node.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (await _node.ProfileAsync("userId", "gz")).GetProperty("eventCount").GetInt32());
    }
}
