using Omnia.Core.Workspaces;

namespace Omnia.Core.Tests.Workspaces;

public sealed class WebOriginsTests
{
    [Theory]
    [InlineData("https://Shop.Example.com", "https://shop.example.com")]
    [InlineData("https://shop.example.com:443/", "https://shop.example.com")]
    [InlineData("http://localhost:3000", "http://localhost:3000")]
    [InlineData("http://[::1]:8080", "http://[::1]:8080")]
    [InlineData("shop.example.com", null)]
    [InlineData("https://shop.example.com/checkout", null)]
    [InlineData("ftp://shop.example.com", null)]
    [InlineData("null", null)]
    [InlineData("", null)]
    public void Origins_are_written_as_browsers_send_them(string text, string? expected) =>
        Assert.Equal(expected, WebOrigins.Normalize(text));

    [Fact]
    public void A_source_without_origins_takes_any_and_one_with_origins_only_those_and_servers()
    {
        var any = new Source(1, 1, "Web", "website", "wk_1", DateTimeOffset.UnixEpoch);
        var limited = any with { AllowedOrigins = ["https://shop.example.com"] };

        Assert.True(WebOrigins.Allows(any, "https://evil.example"));
        Assert.True(WebOrigins.Allows(limited, "https://SHOP.example.com"));
        Assert.True(WebOrigins.Allows(limited, null));
        Assert.False(WebOrigins.Allows(limited, "https://evil.example"));
        Assert.False(WebOrigins.Allows(limited, "null"));
    }

    [Fact]
    public void A_bad_entry_is_reported_by_its_index_and_duplicates_collapse()
    {
        var (origins, errors) = WebOrigins.Parse(["https://a.example", "HTTPS://A.EXAMPLE/", "a.example"]);

        Assert.Equal(["https://a.example"], origins);
        Assert.Contains("allowedOrigins[2]", Assert.Single(errors));
    }
}
