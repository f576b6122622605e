namespace Omnia.Core.Content;

/// <summary>One channel's version of a content item: its parts, each a Liquid template.</summary>
public abstract record ContentVariant
{
    /// <summary>The channel code (see <see cref="ContentChannels"/>).</summary>
    public abstract string Channel { get; }

    /// <summary>Each part that is present, by its JSON key, with whether it is HTML (values are HTML-encoded there).</summary>
    public abstract IEnumerable<(string Part, string Template, bool Html)> Parts { get; }
}

/// <summary>An email: <see cref="Subject"/>, an optional <see cref="Preheader"/> (the inbox preview line), and an HTML and/or a text body.</summary>
public sealed record EmailVariant(string Subject, string? Preheader, string? Html, string? Text) : ContentVariant
{
    public override string Channel => ContentChannels.Email;

    public override IEnumerable<(string, string, bool)> Parts
    {
        get
        {
            yield return ("subject", Subject, false);
            if (Preheader is not null)
                yield return ("preheader", Preheader, false);
            if (Html is not null)
                yield return ("html", Html, true);
            if (Text is not null)
                yield return ("text", Text, false);
        }
    }
}

/// <summary>A text message.</summary>
public sealed record SmsVariant(string Text) : ContentVariant
{
    public override string Channel => ContentChannels.Sms;

    public override IEnumerable<(string, string, bool)> Parts => [("text", Text, false)];
}

/// <summary>A push notification: an optional title, the body, and an optional deep link opened on tap.</summary>
public sealed record PushVariant(string? Title, string Body, string? Link) : ContentVariant
{
    public override string Channel => ContentChannels.Push;

    public override IEnumerable<(string, string, bool)> Parts
    {
        get
        {
            if (Title is not null)
                yield return ("title", Title, false);
            yield return ("body", Body, false);
            if (Link is not null)
                yield return ("link", Link, false);
        }
    }
}

/// <summary>An in-app message: title, body, and an optional button with the link it opens (both or neither).</summary>
public sealed record InAppVariant(string Title, string Body, string? Button, string? Link) : ContentVariant
{
    public override string Channel => ContentChannels.InApp;

    public override IEnumerable<(string, string, bool)> Parts
    {
        get
        {
            yield return ("title", Title, false);
            yield return ("body", Body, false);
            if (Button is not null)
                yield return ("button", Button, false);
            if (Link is not null)
                yield return ("link", Link, false);
        }
    }
}

/// <summary>
/// A webhook body: the <see cref="Body"/> template a journey's webhook step sends, and its <see cref="ContentType"/>
/// (<c>application/json</c> unless given). A JSON body must render to valid JSON: write text values with
/// <c>| json</c> (<c>{"name": {{ profile.first_name | json }}}</c>) so quotes in them cannot break it.
/// </summary>
public sealed record WebhookVariant(string Body, string ContentType) : ContentVariant
{
    /// <summary>The content type when none is given.</summary>
    public const string DefaultContentType = "application/json";

    public override string Channel => ContentChannels.Webhook;

    public override IEnumerable<(string, string, bool)> Parts => [("body", Body, false)];

    /// <summary>Whether a content type is JSON (<c>application/json</c> or a <c>+json</c> type), so the body must parse as JSON.</summary>
    public static bool IsJson(string? contentType)
    {
        var media = contentType?.Split(';')[0].Trim() ?? "";
        return media.Equals("application/json", StringComparison.OrdinalIgnoreCase) || media.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }
}

/// <summary>A web personalisation slot: an HTML fragment for the place on the site named <see cref="Slot"/> (null: any).</summary>
public sealed record WebSlotVariant(string? Slot, string Html) : ContentVariant
{
    public override string Channel => ContentChannels.Web;

    public override IEnumerable<(string, string, bool)> Parts => [("html", Html, true)];
}
