using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Omnia.Server.Tests;

/// <summary>
/// Issue 11: hostile or merely odd input to the Segment API gets a 4xx that says what to fix, never a 500, and one
/// bad event of a batch is rejected by itself while the good ones are stored.
/// </summary>
public sealed class BadInputTests : IAsyncLifetime
{
    private TestNode _node = null!;

    public async Task InitializeAsync() => _node = await TestNode.StartAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    private async Task<HttpResponseMessage> SendBytesAsync(string path, byte[] body, Action<HttpRequestMessage>? configure = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(TestNode.WriteKey + ":")));
        configure?.Invoke(request);
        return await _node.Client.SendAsync(request);
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    /// <summary>A batch of a good event, the bad one, and another good event; returns the response after checking the good ones are stored.</summary>
    private async Task<JsonElement> BatchAroundAsync(string user, byte[] badEvent)
    {
        var body = new List<byte>();
        body.AddRange(Encoding.UTF8.GetBytes($$"""{"batch":[{"type":"track","userId":"{{user}}","event":"Before"},"""));
        body.AddRange(badEvent);
        body.AddRange(Encoding.UTF8.GetBytes($$""",{"type":"track","userId":"{{user}}","event":"After"}]}"""));
        var response = await SendBytesAsync("/v1/batch", body.ToArray());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await Json(response);
        Assert.Equal(2, json.GetProperty("accepted").GetInt32());
        var rejected = Assert.Single(json.GetProperty("rejected").EnumerateArray());
        Assert.Equal(1, rejected.GetProperty("index").GetInt32());
        Assert.Equal(2, (await _node.ProfileAsync("userId", user)).GetProperty("eventCount").GetInt32());
        return rejected;
    }

    [Theory]
    [InlineData("""{"type":"track","userId":"bad","event":"\udc00"}""")]
    [InlineData("""{"type":"track","userId":"bad","event":"E","properties":{"\udc00":1}}""")]
    [InlineData("""{"type":"track","userId":"bad","event":"E","context":{"page":{"title":"a\ud800b"}}}""")]
    [InlineData("""{"type":"identify","userId":"\udc00"}""")]
    [InlineData("""{"type":"track","messageId":"\udc00","userId":"bad","event":"E"}""")]
    [InlineData("""{"type":"\udc00","userId":"bad"}""")]
    public async Task Bug_11_an_escaped_lone_surrogate_rejects_only_its_event(string badEvent)
    {
        string user = "surrogate-" + Guid.NewGuid().ToString("N")[..8];
        var rejected = await BatchAroundAsync(user, Encoding.UTF8.GetBytes(badEvent));

        Assert.Contains("not valid Unicode", rejected.GetProperty("errors")[0].GetString());
    }

    [Fact]
    public async Task Bug_11_a_single_event_with_a_lone_surrogate_is_a_400()
    {
        var response = await SendBytesAsync("/v1/track", Encoding.UTF8.GetBytes("""{"userId":"x","event":"E","properties":{"name":"\udfff"}}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not valid Unicode", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("event")]
    [InlineData("properties")]
    [InlineData("name")]
    public async Task Bug_11_raw_invalid_utf8_rejects_only_its_event_and_says_where(string where)
    {
        string user = "utf8-" + Guid.NewGuid().ToString("N")[..8];
        byte[] invalid = [0xC3, 0x28, 0xFF];
        var bad = new List<byte>();
        string prefix = where switch
        {
            "event" => """{"type":"track","userId":"x","event":"Bad """,
            "properties" => """{"type":"track","userId":"x","event":"E","properties":{"note":" """,
            _ => """{"type":"track","userId":"x","event":"E","properties":{" """,
        };
        string suffix = where switch
        {
            "event" => "\"}",
            "properties" => "\"}}",
            _ => "\":1}}",
        };
        bad.AddRange(Encoding.UTF8.GetBytes(prefix));
        int offset = bad.Count;
        bad.AddRange(invalid);
        bad.AddRange(Encoding.UTF8.GetBytes(suffix));

        var rejected = await BatchAroundAsync(user, bad.ToArray());

        Assert.Contains($"not UTF-8 (byte {offset} of the event", rejected.GetProperty("errors")[0].GetString());
    }

    [Fact]
    public async Task Bug_11_invalid_utf8_outside_every_event_is_a_400_that_says_so()
    {
        var body = new List<byte>(Encoding.UTF8.GetBytes("""{"context":{"ip":" """));
        body.Add(0xFF);
        body.AddRange(Encoding.UTF8.GetBytes("""  "},"batch":[{"type":"track","userId":"x","event":"E"}]}"""));
        var response = await SendBytesAsync("/v1/batch", body.ToArray());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("outside the batch's events", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Bug_11_gzip_declared_on_a_body_that_is_not_gzip_is_a_400()
    {
        var response = await SendBytesAsync("/v1/batch", Encoding.UTF8.GetBytes("""{"batch":[{"type":"track","userId":"x","event":"E"}]}"""),
            r => r.Content!.Headers.ContentEncoding.Add("gzip"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not gzip", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Bug_11_an_unknown_content_encoding_is_a_415()
    {
        var response = await SendBytesAsync("/v1/track", Encoding.UTF8.GetBytes("""{"userId":"x","event":"E"}"""),
            r => r.Content!.Headers.ContentEncoding.Add("br"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("gzip", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/v1/track", false)]
    [InlineData("/v1/batch", false)]
    [InlineData("/v1/batch", true)]
    public async Task Bug_11_an_empty_body_is_a_400(string path, bool gzip)
    {
        var response = await SendBytesAsync(path, [], r =>
        {
            if (gzip)
            {
                r.Content!.Headers.ContentEncoding.Add("gzip");
            }
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z")]
    [InlineData("9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z")]
    public async Task Bug_11_a_sent_at_and_timestamp_pair_that_overflows_the_skew_correction_rejects_the_event(string timestamp, string sentAt)
    {
        var response = await _node.SendAsync("/v1/track", $$"""{"userId":"skew-overflow","event":"E","timestamp":"{{timestamp}}","sentAt":"{{sentAt}}"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("clock-skew", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("1969-12-31T23:59:59Z", "before 1970")]
    [InlineData("0001-01-01T00:00:00Z", "before 1970")]
    [InlineData("9999-01-01T00:00:00Z", "more than a year")]
    public async Task Bug_11_an_event_dated_before_1970_or_over_a_year_ahead_is_rejected_with_the_reason(string timestamp, string reason)
    {
        string user = "dated-" + Guid.NewGuid().ToString("N")[..8];
        var rejected = await BatchAroundAsync(user, Encoding.UTF8.GetBytes($$"""{"type":"track","userId":"{{user}}","event":"Order Completed","timestamp":"{{timestamp}}","properties":{"revenue":5} }"""));

        Assert.Contains(reason, rejected.GetProperty("errors")[0].GetString());
    }

    [Fact]
    public async Task A_device_clock_far_in_the_future_is_corrected_not_rejected()
    {
        var device = DateTimeOffset.UtcNow.AddYears(50);
        var response = await _node.SendAsync("/v1/track", $$"""{"userId":"future-clock","event":"E","timestamp":"{{device.AddSeconds(-1):O}}","sentAt":"{{device:O}}"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("""{"revenue":1e30}""", "properties.revenue")]
    [InlineData("""{"total":"-2000000000000000"}""", "properties.total")]
    [InlineData("""{"products":[{"price":1},{"price":5e15,"quantity":1}]}""", "properties.products[1].price")]
    public async Task Bug_11_an_amount_beyond_the_money_range_rejects_the_event(string properties, string field)
    {
        string user = "amount-" + Guid.NewGuid().ToString("N")[..8];
        var rejected = await BatchAroundAsync(user, Encoding.UTF8.GetBytes($$"""{"type":"track","userId":"{{user}}","event":"Order Completed","properties":""" + properties + "}"));

        Assert.Contains($"'{field}'", rejected.GetProperty("errors")[0].GetString());
    }

    [Fact]
    public async Task Bug_11_a_request_body_that_arrives_too_slowly_gets_408_not_500()
    {
        var address = _node.Client.BaseAddress!;
        using var client = new TcpClient();
        await client.ConnectAsync(address.Host, address.Port);
        using var stream = client.GetStream();
        string auth = Convert.ToBase64String(Encoding.UTF8.GetBytes(TestNode.WriteKey + ":"));
        string head = $"POST /v1/track HTTP/1.1\r\nHost: {address.Authority}\r\nAuthorization: Basic {auth}\r\nContent-Type: application/json\r\nContent-Length: 2000\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));

        // One byte a second: below Kestrel's minimum body data rate (240 bytes/s after a 5 s grace period).
        var answer = new StringBuilder();
        var buffer = new byte[4096];
        var reading = stream.ReadAsync(buffer).AsTask();
        for (int i = 0; i < 30 && !reading.IsCompleted; i++)
        {
            try
            {
                await stream.WriteAsync("{"u8.ToArray());
            }
            catch (IOException)
            {
                break;
            }

            await Task.WhenAny(reading, Task.Delay(1000));
        }

        int read = await reading.WaitAsync(TimeSpan.FromSeconds(30));
        answer.Append(Encoding.ASCII.GetString(buffer, 0, read));
        Assert.StartsWith("HTTP/1.1 408", answer.ToString());
    }
}
