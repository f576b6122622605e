using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Omnia.Core.Events;

namespace Omnia.Core.Touchpoints;

/// <summary>
/// The parts of one event that decide its channel: <c>context.channel</c>, the event name, UTM tags, page
/// URL, referrer, and whether it came from an app. Built from a Segment event with <see cref="FromEvent"/>
/// for every ingested event, so reading it allocates only the strings it keeps.
/// </summary>
public readonly record struct TouchpointInput
{
    /// <summary><c>context.channel</c> as sent, or null.</summary>
    public string? ExplicitChannel { get; init; }

    /// <summary>The track event's name (<c>event</c>), or null for other calls.</summary>
    public string? EventName { get; init; }

    /// <summary>utm_source (<c>context.campaign.source</c>).</summary>
    public string? UtmSource { get; init; }

    /// <summary>utm_medium (<c>context.campaign.medium</c>).</summary>
    public string? UtmMedium { get; init; }

    /// <summary>utm_campaign (<c>context.campaign.name</c>).</summary>
    public string? UtmCampaign { get; init; }

    /// <summary>utm_term (<c>context.campaign.term</c>).</summary>
    public string? UtmTerm { get; init; }

    /// <summary>utm_content (<c>context.campaign.content</c>).</summary>
    public string? UtmContent { get; init; }

    /// <summary>The URL of the page the event happened on, with its query string (click ids live there).</summary>
    public string? PageUrl { get; init; }

    /// <summary>The URL or app that sent the person here.</summary>
    public string? Referrer { get; init; }

    /// <summary>
    /// Whether the event came from a mobile app: a <c>screen</c> call, a <c>context.library.name</c> ending in
    /// ios or android, or <c>context.app</c> without a web page (RudderStack's web SDK also sends
    /// <c>context.app</c>).
    /// </summary>
    public bool IsAppEvent { get; init; }

    /// <summary>
    /// For our own message events (<see cref="MessageEventKinds"/>): the channel in <c>properties.channel</c>, or null.
    /// </summary>
    public string? MessageChannel { get; init; }

    /// <summary>
    /// For our own message events: the campaign in <c>properties.campaign</c> (or <c>campaign_name</c>), or null.
    /// </summary>
    public string? MessageCampaign { get; init; }

    /// <summary>Whether any UTM source or medium was given.</summary>
    public bool HasUtmTags => UtmSource is not null || UtmMedium is not null;

    /// <summary>
    /// Reads a Segment event (track, page, screen, identify, …). UTM tags come from <c>context.campaign</c>,
    /// or from the <c>utm_*</c> parameters of the page URL when the SDK did not fill it in.
    /// </summary>
    /// <exception cref="ArgumentException">The element is not a JSON object.</exception>
    public static TouchpointInput FromEvent(JsonElement eventRoot)
    {
        if (eventRoot.ValueKind != JsonValueKind.Object)
            ThrowNotAnObject(eventRoot.ValueKind);

        var typeElement = eventRoot.TryGetProperty("type"u8, out var t) ? t : default;
        var isPage = typeElement.ValueKind == JsonValueKind.String && typeElement.ValueEquals("page"u8);
        var isScreen = typeElement.ValueKind == JsonValueKind.String && typeElement.ValueEquals("screen"u8);
        var context = Child(eventRoot, "context"u8);
        var page = Child(context, "page"u8);
        var allProperties = Child(eventRoot, "properties"u8);
        var properties = isPage ? allProperties : default;
        var referrerObject = Child(context, "referrer"u8);
        var eventName = Text(eventRoot, "event"u8);
        var pageUrl = Text(page, "url"u8) ?? Text(properties, "url"u8);
        var isApp = isScreen || IsAppLibrary(context) || (HasObject(context, "app"u8) && pageUrl is null);
        // A deep link that opened the app (Segment's Deep Link Opened and Application Opened carry url and
        // referring_application): its URL's tags and click ids, and the app that sent it, decide like a landing page.
        string? deepLinkReferrer = null;
        if (isApp && pageUrl is null)
        {
            pageUrl = Text(allProperties, "url"u8);
            deepLinkReferrer = Text(allProperties, "referring_application"u8);
        }

        if (pageUrl is not null && !pageUrl.Contains('?') && Text(page, "search"u8) is { } search && search.StartsWith('?'))
            pageUrl += search;

        var referrer = Text(page, "referrer"u8)
            ?? Text(properties, "referrer"u8)
            ?? Text(referrerObject, "link"u8)
            ?? Text(referrerObject, "url"u8)
            ?? deepLinkReferrer;

        var campaign = Child(context, "campaign"u8);
        string? source = Text(campaign, "source"u8), medium = Text(campaign, "medium"u8),
            name = Text(campaign, "name"u8), term = Text(campaign, "term"u8), content = Text(campaign, "content"u8);
        if (source is null && medium is null && name is null && term is null && content is null
            && UrlParts.Query(pageUrl) is { IsEmpty: false } query)
        {
            source = UrlParts.GetParameter(query, "utm_source");
            medium = UrlParts.GetParameter(query, "utm_medium");
            name = UrlParts.GetParameter(query, "utm_campaign");
            term = UrlParts.GetParameter(query, "utm_term");
            content = UrlParts.GetParameter(query, "utm_content");
        }

        var isMessage = MessageEventKinds.KindOf(eventName) != MessageEventKind.None;
        return new TouchpointInput
        {
            ExplicitChannel = Text(context, "channel"u8),
            EventName = eventName,
            MessageChannel = isMessage ? Text(allProperties, "channel"u8) : null,
            MessageCampaign = isMessage ? Text(allProperties, "campaign"u8) ?? Text(allProperties, "campaign_name"u8) : null,
            UtmSource = source,
            UtmMedium = medium,
            UtmCampaign = name,
            UtmTerm = term,
            UtmContent = content,
            PageUrl = pageUrl,
            Referrer = referrer,
            IsAppEvent = isApp,
        };
    }

    private static bool IsAppLibrary(JsonElement context)
    {
        var library = Child(context, "library"u8);
        if (library.ValueKind != JsonValueKind.Object || !library.TryGetProperty("name"u8, out var nameElement))
            return false;
        var name = Utf8Json.StringBytes(nameElement).TrimEnd(" \t\r\n"u8);
        return Utf8Json.EndsWithIgnoreCase(name, "ios"u8) || Utf8Json.EndsWithIgnoreCase(name, "android"u8);
    }

    private static JsonElement Child(JsonElement parent, ReadOnlySpan<byte> name) =>
        parent.ValueKind == JsonValueKind.Object
        && parent.TryGetProperty(name, out var child)
        && child.ValueKind == JsonValueKind.Object
            ? child
            : default;

    private static bool HasObject(JsonElement parent, ReadOnlySpan<byte> name) =>
        Child(parent, name).ValueKind == JsonValueKind.Object;

    private static string? Text(JsonElement parent, ReadOnlySpan<byte> name)
    {
        if (parent.ValueKind != JsonValueKind.Object
            || !parent.TryGetProperty(name, out var value)
            || value.ValueKind != JsonValueKind.String)
        {
            return null;
        }
        var text = value.GetString();
        if (string.IsNullOrWhiteSpace(text))
            return null;
        return text.Trim();
    }

    [DoesNotReturn]
    private static void ThrowNotAnObject(JsonValueKind kind) =>
        throw new ArgumentException($"A Segment event must be a JSON object, not {kind}.", "eventRoot");
}
