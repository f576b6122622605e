namespace Omnia.Core.Touchpoints;

/// <summary>
/// The rules a new workspace starts with. Order matters: our own message events first, then utm_medium
/// conventions (paid social before paid search, because "cpc" from facebook is paid social), then webmail
/// referrers and click ids, which only decide when no known utm_medium did, then utm_source alone.
/// </summary>
internal static class DefaultChannelRules
{
    private const string Search = ChannelRules.SearchEnginesToken;
    private const string SocialSites = ChannelRules.SocialNetworksToken;

    public static ChannelRules Create() => new()
    {
        Rules =
        [
            // Our own sends come back as events (DESIGN: a message is a touchpoint like any other).
            new() { Channel = Channels.Email, EventNames = ["Email *"] },
            new() { Channel = Channels.Sms, EventNames = ["SMS *"] },
            new() { Channel = Channels.Push, EventNames = ["Push *"] },
            new() { Channel = Channels.InApp, EventNames = ["In-App *", "In App *"] },

            new() { Channel = Channels.PaidSocial, Mediums = ["paid_social", "paidsocial", "social_paid", "social_ads"] },
            new() { Channel = Channels.PaidSocial, Mediums = ["cpc", "ppc", "cpm", "paid"], Sources = [SocialSites] },
            new() { Channel = Channels.PaidSearch, Mediums = ["cpc", "ppc", "paid", "paidsearch", "paid_search", "sem"], Sources = [Search] },
            // cpc from an unknown source is still most often a search ad (Google Ads, Microsoft Ads).
            new() { Channel = Channels.PaidSearch, Mediums = ["cpc", "ppc", "paidsearch", "paid_search", "sem"] },
            new() { Channel = Channels.Email, Mediums = ["email", "e_mail", "newsletter"] },
            new() { Channel = Channels.Sms, Mediums = ["sms", "text", "text_message"] },
            new() { Channel = Channels.Push, Mediums = ["push", "push_notification", "web_push"] },
            new() { Channel = Channels.InApp, Mediums = ["in_app", "inapp"] },
            new() { Channel = Channels.Display, Mediums = ["display", "banner", "cpm", "programmatic", "interstitial", "expandable"] },
            new() { Channel = Channels.Video, Mediums = ["video", "preroll", "pre_roll", "cpv"] },
            new() { Channel = Channels.Affiliate, Mediums = ["affiliate", "affiliates", "partner", "partners"] },
            new() { Channel = Channels.Social, Mediums = ["social", "social_network", "social_media", "organic_social", "sm"] },
            new() { Channel = Channels.Referral, Mediums = ["referral"] },
            new() { Channel = Channels.DirectMail, Mediums = ["direct_mail", "directmail", "postcard"] },
            new() { Channel = Channels.Tv, Mediums = ["tv", "television"] },

            // Webmail would otherwise look like search (mail.google.com) or a referral.
            new()
            {
                Channel = Channels.Email,
                ReferrerHosts =
                [
                    "mail.google.com", "com.google.android.gm", "outlook.live.com", "outlook.office.com",
                    "outlook.office365.com", "com.microsoft.office.outlook", "mail.yahoo.com", "mail.aol.com",
                ],
            },

            // Click ids that ad platforms append to landing pages.
            new() { Channel = Channels.PaidSearch, UrlParameters = ["gclid", "gbraid", "wbraid", "msclkid"] },
            new() { Channel = Channels.Display, UrlParameters = ["dclid"] },
            // Facebook also adds fbclid to organic links; tag paid campaigns with utm_medium to be exact.
            new() { Channel = Channels.PaidSocial, UrlParameters = ["fbclid", "ttclid", "li_fat_id", "twclid"] },

            new() { Channel = Channels.OrganicSearch, Sources = [Search] },
            new() { Channel = Channels.Social, Sources = [SocialSites] },
            new() { Channel = Channels.Email, Sources = ["newsletter", "email"] },
        ],
        SearchEngines =
        [
            "google", "bing", "duckduckgo", "yahoo", "baidu", "yandex", "ecosia", "ask.com", "naver",
            "seznam", "qwant", "startpage", "search.brave.com", "sogou", "so.com", "daum", "aol",
            "perplexity.ai",
        ],
        SocialNetworks =
        [
            "facebook", "fb", "instagram", "ig", "t.co", "twitter", "x.com", "linkedin", "lnkd.in",
            "pinterest", "pin.it", "tiktok", "reddit", "youtube", "youtu.be", "snapchat", "threads.net",
            "tumblr", "quora", "vk.com", "weibo", "bsky.app", "mastodon.social", "discord", "whatsapp",
            "telegram", "line.me",
        ],
        InternalHosts =
        [
            "paypal.com", "checkout.stripe.com", "pay.google.com", "accounts.google.com", "appleid.apple.com",
            "login.microsoftonline.com", "checkout.shopify.com", "klarna.com", "adyen.com", "3dsecure.io",
        ],
        ChannelAliases = new Dictionary<string, string>
        {
            ["pos"] = Channels.Store,
            ["in_store"] = Channels.Store,
            ["instore"] = Channels.Store,
            ["retail"] = Channels.Store,
            ["call_center"] = Channels.Phone,
            ["call_centre"] = Channels.Phone,
            ["callcenter"] = Channels.Phone,
            ["contact_center"] = Channels.Phone,
            ["contact_centre"] = Channels.Phone,
            ["telephone"] = Channels.Phone,
            ["support_desk"] = Channels.Support,
            ["helpdesk"] = Channels.Support,
            ["help_desk"] = Channels.Support,
            ["customer_service"] = Channels.Support,
            ["mail"] = Channels.DirectMail,
            ["postal"] = Channels.DirectMail,
            ["text"] = Channels.Sms,
            ["television"] = Channels.Tv,
        },
    };
}
