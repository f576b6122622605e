using System.Net;
using System.Text.Json;

namespace Omnia.Server.Tests;

/// <summary>Issue 11: profile lists with filters, sorts, true counts and CSV exports.</summary>
public sealed class ProfileListTests : IAsyncLifetime
{
    private TestNode _node = null!;

    public async Task InitializeAsync()
    {
        _node = await TestNode.StartAsync();
        var events = new List<string>();
        for (int i = 0; i < 130; i++)
        {
            string plan = i % 3 == 0 ? "pro" : "free";
            events.Add($$$"""{"type":"identify","userId":"u{{{i}}}","traits":{"email":"p{{{i}}}@example.com","plan":"{{{plan}}}","city":"{{{(i % 2 == 0 ? "Oslo" : "Lyon, FR")}}}"},"timestamp":"2026-11-01T10:00:00Z"}""");
            for (int o = 0; o < i % 4; o++)
            {
                events.Add($$$"""{"type":"track","userId":"u{{{i}}}","event":"Order Completed","properties":{"revenue":{{{10 + i}}}},"timestamp":"2026-11-02T10:00:00Z","context":{"channel":"email"}}""");
            }
        }

        foreach (var chunk in events.Chunk(100))
        {
            Assert.Equal(HttpStatusCode.OK, (await _node.SendAsync("/v1/batch", "{\"batch\":[" + string.Join(",", chunk) + "]}")).StatusCode);
        }

        await _node.AudiencesCaughtUpAsync();
    }

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task A_filtered_list_gives_its_true_count_pages_and_sorts()
    {
        var pro = await _node.GetJsonAsync("/api/v1/workspaces/default/profiles?trait=plan&value=pro&sort=revenue&dir=desc&limit=10");

        Assert.Equal(44, pro.GetProperty("total").GetInt64());
        var page = pro.GetProperty("profiles").EnumerateArray().ToList();
        Assert.Equal(10, page.Count);
        var revenues = page.Select(p => p.GetProperty("revenue").GetDecimal()).ToList();
        Assert.Equal(revenues.OrderDescending(), revenues);
        Assert.Equal(10, pro.GetProperty("next").GetInt32());

        var all = await _node.GetJsonAsync("/api/v1/workspaces/default/profiles?limit=500");
        Assert.Equal(130, all.GetProperty("total").GetInt64());
        Assert.False(all.TryGetProperty("next", out _));
        var buyers = await _node.GetJsonAsync("/api/v1/workspaces/default/profiles?channel=email&limit=1");
        Assert.Equal(Enumerable.Range(0, 130).Count(i => i % 4 > 0), buyers.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Search_matches_values_not_field_names()
    {
        var byField = await _node.GetJsonAsync("/api/v1/workspaces/default/profiles?q=email");
        Assert.Equal(0, byField.GetProperty("total").GetInt64());
        var byValue = await _node.GetJsonAsync("/api/v1/workspaces/default/profiles?q=p12@");
        Assert.Equal("u12", Assert.Single(byValue.GetProperty("profiles").EnumerateArray()).GetProperty("userId").GetString());
    }

    [Fact]
    public async Task Bad_filters_are_refused_with_what_exists()
    {
        var stage = await _node.AdminAsync(HttpMethod.Get, "/api/v1/workspaces/default/profiles?stage=royalty");
        Assert.Equal(HttpStatusCode.BadRequest, stage.StatusCode);
        Assert.Contains("awareness, consideration, conversion, loyalty, advocacy", await stage.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var segment = await _node.AdminAsync(HttpMethod.Get, "/api/v1/workspaces/default/profiles?segment=nope");
        Assert.Equal(HttpStatusCode.BadRequest, segment.StatusCode);
        var column = await _node.AdminAsync(HttpMethod.Get, "/api/v1/workspaces/default/profiles/export.csv?columns=id,password");
        Assert.Equal(HttpStatusCode.BadRequest, column.StatusCode);
        Assert.Contains("'password' is not a column", await column.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_export_streams_every_row_of_the_list_as_csv_with_trait_columns()
    {
        var response = await _node.AdminAsync(HttpMethod.Get, "/api/v1/workspaces/default/profiles/export.csv?trait=plan&value=pro&sort=events&dir=asc&columns=id,user_id,orders,trait:city");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("id,user_id,orders,trait:city", lines[0]);
        Assert.Equal(45, lines.Length);
        Assert.Contains(lines, l => l.EndsWith(",\"Lyon, FR\"", StringComparison.Ordinal));
        var orders = lines.Skip(1).Select(l => int.Parse(l.Split(',')[2], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.All(orders, o => Assert.InRange(o, 0, 3));
        Assert.True(lines.Skip(1).All(l => l.StartsWith("prf_", StringComparison.Ordinal)));
    }
}
