namespace Omnia.Core.Demo;

/// <summary>The Segment <c>context</c> object of one demo event; unset parts are left out of the JSON.</summary>
internal sealed record DemoContext
{
    public required Library Library { get; init; }

    /// <summary>Explicit channel for events that do not come from a browser or app (email, sms, push, store, support).</summary>
    public string? Channel { get; init; }

    public WebPage? Page { get; init; }

    /// <summary>The page's referrer (<c>document.referrer</c>); null for direct visits.</summary>
    public string? Referrer { get; init; }

    public Utm? Campaign { get; init; }

    public string? UserAgent { get; init; }

    public string? Ip { get; init; }

    public string? Locale { get; init; }

    public string? Timezone { get; init; }

    /// <summary>For app events: writes <c>app</c>, <c>device</c> and <c>os</c>.</summary>
    public Device? AppDevice { get; init; }

    public string? TraitsEmail { get; init; }

    public string? TraitsPhone { get; init; }
}

/// <summary>UTM tags, as Segment reports them in <c>context.campaign</c>.</summary>
internal sealed record Utm(string Source, string Medium, string Name, string? Content = null, string? Term = null)
{
    /// <summary>The query string a tagged link carries, starting with '?'.</summary>
    public string Query
    {
        get
        {
            var query = $"?utm_source={Source}&utm_medium={Medium}&utm_campaign={Name}";
            if (Content is not null)
            {
                query += "&utm_content=" + Content;
            }

            if (Term is not null)
            {
                query += "&utm_term=" + Uri.EscapeDataString(Term).Replace("%20", "+", StringComparison.Ordinal);
            }

            return query;
        }
    }
}
