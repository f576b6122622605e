using System.Text.Json;
using Omnia.Core.Events;
using Omnia.Core.Touchpoints;

namespace Omnia.Core.Tests.Touchpoints;

/// <summary>The device dimension of every event, read from the event's bytes as sent.</summary>
public class DeviceTypesTests
{
    private static DeviceType Classify(string json)
    {
        using var document = JsonDocument.Parse(json);
        return DeviceTypes.Classify(document.RootElement, TouchpointInput.FromEvent(document.RootElement).IsAppEvent);
    }

    private static string WithAgent(string agent) =>
        "{\"type\":\"page\",\"context\":{\"userAgent\":" + JsonSerializer.Serialize(agent) + "}}";

    [Theory]
    [InlineData("Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) AppleWebKit/605.1.15", DeviceType.Tablet)]
    [InlineData("Mozilla/5.0 (Linux; Android 14; SM-X710) Safari/537.36 TABLET", DeviceType.Tablet)]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148", DeviceType.Mobile)]
    [InlineData("Mozilla/5.0 (Linux; Android 14; Pixel 8) Chrome/126.0 Mobile Safari/537.36", DeviceType.Mobile)]
    [InlineData("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36", DeviceType.Desktop)]
    [InlineData("curl/8.5.0", DeviceType.Unknown)]
    [InlineData("", DeviceType.Unknown)]
    public void The_user_agent_tells_tablets_phones_and_desktops_apart(string agent, DeviceType expected) =>
        Assert.Equal(expected, Classify(WithAgent(agent)));

    [Fact]
    public void An_escaped_user_agent_is_read_as_sent()
    {
        // "\u002F" is '/': escapes around the tokens do not hide them.
        Assert.Equal(DeviceType.Mobile, Classify("{\"type\":\"page\",\"context\":{\"userAgent\":\"Mozilla\\u002F5.0 (iPhone; CPU iPhone OS 17_0)\"}}"));
    }

    [Theory]
    [InlineData("mobile", DeviceType.Mobile)]
    [InlineData("Phone", DeviceType.Mobile)]
    [InlineData("TABLET", DeviceType.Tablet)]
    [InlineData("desktop", DeviceType.Desktop)]
    public void Context_device_type_wins_over_the_user_agent_in_any_case(string type, DeviceType expected) =>
        Assert.Equal(expected, Classify(
            "{\"type\":\"track\",\"event\":\"X\",\"context\":{\"device\":{\"type\":\"" + type + "\"},\"userAgent\":\"curl/8\"}}"));

    [Theory]
    [InlineData("{\"type\":\"screen\",\"name\":\"Home\"}")]
    [InlineData("{\"type\":\"track\",\"event\":\"X\",\"context\":{\"library\":{\"name\":\"analytics-ios\"}}}")]
    [InlineData("{\"type\":\"track\",\"event\":\"X\",\"context\":{\"library\":{\"name\":\"analytics-Android \"}}}")]
    public void Screen_calls_and_the_mobile_sdks_are_app_events(string json) =>
        Assert.Equal(DeviceType.App, Classify(json));

    [Fact]
    public void A_web_library_is_not_an_app()
    {
        Assert.Equal(DeviceType.Unknown, Classify("{\"type\":\"track\",\"event\":\"X\",\"context\":{\"library\":{\"name\":\"analytics.js\"}}}"));
    }

    [Fact]
    public void String_bytes_are_the_value_between_the_quotes()
    {
        using var document = JsonDocument.Parse("{\"a\":\"x\\\"y\",\"b\":3}");
        Assert.Equal("x\\\"y", System.Text.Encoding.UTF8.GetString(Utf8Json.StringBytes(document.RootElement.GetProperty("a"))));
        Assert.True(Utf8Json.StringBytes(document.RootElement.GetProperty("b")).IsEmpty);
    }
}
