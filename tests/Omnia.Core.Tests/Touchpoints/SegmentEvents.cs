using System.Text.Json;
using Omnia.Core.Touchpoints;

namespace Omnia.Core.Tests.Touchpoints;

/// <summary>
/// Segment events shaped like what the SDKs send: analytics.js page calls, analytics-ios screens and
/// pushes, server-side tracks from an email provider, a point-of-sale and a help desk.
/// </summary>
internal static class SegmentEvents
{
    public static TouchpointInput Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        return TouchpointInput.FromEvent(document.RootElement);
    }

    public static Touchpoint Classify(string json, ChannelRules? rules = null)
    {
        var input = Read(json);
        return TouchpointClassifier.Classify(input, rules ?? ChannelRules.Default);
    }

    /// <summary>An analytics.js page call; <paramref name="campaign"/> is the JSON of context.campaign, as
    /// analytics.js fills it in from the URL's utm_ parameters.</summary>
    public static string WebPage(string url, string referrer = "", string? campaign = null, string? channel = null) => $$"""
        {
          "anonymousId": "6f0c1a8e-3b9d-4c52-9a51-2d4f7e0b8c11",
          "context": {
            {{(campaign is null ? "" : $"\"campaign\": {campaign},")}}
            {{(channel is null ? "" : $"\"channel\": \"{channel}\",")}}
            "ip": "203.0.113.7",
            "library": { "name": "analytics.js", "version": "next-1.70.0" },
            "locale": "en-GB",
            "page": {
              "path": "/",
              "referrer": "{{referrer}}",
              "search": "",
              "title": "Acme Running",
              "url": "{{url}}"
            },
            "userAgent": "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15"
          },
          "integrations": {},
          "messageId": "ajs-next-1714042321540-0b7e4c2a-91f3-4a7b-8d55-7f0a3c2e9b61",
          "properties": { "path": "/", "referrer": "{{referrer}}", "search": "", "title": "Acme Running", "url": "{{url}}" },
          "receivedAt": "2025-04-25T10:52:02.021Z",
          "sentAt": "2025-04-25T10:52:01.548Z",
          "timestamp": "2025-04-25T10:52:01.540Z",
          "type": "page",
          "userId": null
        }
        """;

    /// <summary>A page call made from a server with the HTTP API: no context.page, no context.campaign.</summary>
    public static string ServerPage(string url, string referrer = "") => $$"""
        {
          "type": "page",
          "name": "Landing",
          "userId": "u_48213",
          "messageId": "srv-5b1f0c6e-7d2a-4f4e-b0a3-7e6c1d9f2a40",
          "properties": { "url": "{{url}}", "referrer": "{{referrer}}", "title": "Spring sale" },
          "context": { "library": { "name": "analytics-node", "version": "2.1.2" }, "ip": "198.51.100.23" },
          "timestamp": "2025-04-25T11:02:13.000Z"
        }
        """;

    /// <summary>A server-side track, as an email or SMS provider or a back office sends it.</summary>
    public static string ServerTrack(string eventName, string? channel = null, string properties = "{}") => $$"""
        {
          "type": "track",
          "event": "{{eventName}}",
          "userId": "u_48213",
          "messageId": "srv-{{eventName.Replace(' ', '-')}}",
          "properties": {{properties}},
          "context": {
            {{(channel is null ? "" : $"\"channel\": \"{channel}\",")}}
            "library": { "name": "analytics-python", "version": "2.3.3" }
          },
          "timestamp": "2025-04-25T09:15:00.000Z"
        }
        """;

    /// <summary>A call from analytics-ios; <paramref name="extraContext"/> is added to context (e.g. a referrer).</summary>
    public static string IosEvent(string type, string nameField, string extraContext = "") => $$"""
        {
          "type": "{{type}}",
          {{nameField}},
          "anonymousId": "B5372DB0-C21E-11E4-8DFC-AA07A5B093DB",
          "messageId": "4e1f8a2c-6b0d-4d1e-9f7a-2c5b8e3d1a09",
          "properties": {},
          "context": {
            {{extraContext}}
            "app": { "name": "Acme Run", "version": "5.12.0", "build": "5120", "namespace": "com.acme.run" },
            "device": { "id": "B5372DB0-C21E-11E4-8DFC-AA07A5B093DB", "manufacturer": "Apple", "model": "iPhone15,2", "type": "ios" },
            "library": { "name": "analytics-ios", "version": "4.1.8" },
            "os": { "name": "iOS", "version": "17.4.1" },
            "locale": "en-GB",
            "timezone": "Europe/London"
          },
          "timestamp": "2025-04-25T07:45:12.331Z"
        }
        """;

    public static string Campaign(string source, string medium, string name = "spring_sale_2025") => $$"""
        { "name": "{{name}}", "source": "{{source}}", "medium": "{{medium}}", "term": "running shoes", "content": "hero" }
        """;
}
