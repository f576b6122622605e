using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Omnia.Server.Tests.Audiences;

/// <summary>A segment exported as the customer lists Meta Custom Audiences and Google Customer Match accept.</summary>
public sealed class AdAudienceExportTests : IAsyncLifetime
{
    private const string Api = "/api/v1/workspaces/default";
    private TestNode _node = null!;

    public async Task InitializeAsync() => _node = await TestNode.StartAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    private static string Sha(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    [Fact]
    public async Task A_segment_exports_hashed_normalised_emails_and_phones_in_each_platforms_format_and_the_export_is_audited()
    {
        foreach (var (user, email, phone, plan) in new[]
        {
            ("u1", "  Ada.Lovelace@Example.COM ", "(650) 555-1212", "vip"),
            ("u2", "grace@example.com", null, "vip"),
            ("u3", "alan@example.com", "+44 20 7946 0958", "basic"),
        })
        {
            var traits = $$"""{"email":"{{email}}","plan":"{{plan}}"{{(phone is null ? "" : $",\"phone\":\"{phone}\"")}}}""";
            using var sent = await _node.SendAsync("/v1/identify", $$"""{"userId":"{{user}}","traits":{{traits}}}""");
            Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        }

        using var saved = await _node.AdminTextAsync(HttpMethod.Put, $"{Api}/segments/vips",
            """{"version":1,"name":"VIPs","condition":{"trait":{"name":"plan","op":"equals","value":"vip"}}}""");
        Assert.True(saved.IsSuccessStatusCode, await saved.Content.ReadAsStringAsync());
        await _node.AudiencesCaughtUpAsync();

        using var meta = await _node.AdminAsync(HttpMethod.Get, $"{Api}/segments/vips/ad-audience?format=meta");
        Assert.Equal(HttpStatusCode.OK, meta.StatusCode);
        Assert.Equal("text/csv", meta.Content.Headers.ContentType!.MediaType);
        var metaRows = (await meta.Content.ReadAsStringAsync()).TrimEnd('\n').Split('\n');
        Assert.Equal("email,phone", metaRows[0]);
        Assert.Equal(
            new[] { $"{Sha("ada.lovelace@example.com")},{Sha("16505551212")}", $"{Sha("grace@example.com")}," }.Order(),
            metaRows[1..].Order());

        using var google = await _node.AdminAsync(HttpMethod.Get, $"{Api}/segments/vips/ad-audience?format=google");
        var googleRows = (await google.Content.ReadAsStringAsync()).TrimEnd('\n').Split('\n');
        Assert.Equal("Email,Phone", googleRows[0]);
        Assert.Contains($"{Sha("ada.lovelace@example.com")},{Sha("+16505551212")}", googleRows);
        Assert.DoesNotContain(googleRows, r => r.Contains(Sha("alan@example.com"), StringComparison.Ordinal));

        using var bad = await _node.AdminAsync(HttpMethod.Get, $"{Api}/segments/vips/ad-audience?format=tiktok");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("meta", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var missing = await _node.AdminAsync(HttpMethod.Get, $"{Api}/segments/nope/ad-audience?format=meta");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        using var audit = await _node.AdminAsync(HttpMethod.Get, $"{Api}/audit?action=segment.");
        var log = await audit.Content.ReadAsStringAsync();
        Assert.Contains("segment.ad-audience-exported", log, StringComparison.Ordinal);
        Assert.DoesNotContain("ada.lovelace", log, StringComparison.OrdinalIgnoreCase);
    }
}
