using System.Collections.Frozen;
using Omnia.Core.Touchpoints;

namespace Omnia.Server.Dashboard.Shared;

/// <summary>How a channel looks everywhere in the dashboard: its icon (in icons.svg) and colour, one place for badges, charts and the live stream.</summary>
public static class ChannelLook
{
    private static readonly FrozenDictionary<string, (string Icon, string Color)> Looks = new Dictionary<string, (string, string)>
    {
        [Channels.OrganicSearch] = ("search", "#2f9e44"),
        [Channels.PaidSearch] = ("search", "#e67700"),
        [Channels.Social] = ("share", "#1c7ed6"),
        [Channels.PaidSocial] = ("share", "#7048e8"),
        [Channels.Email] = ("mail", "#d6336c"),
        [Channels.Sms] = ("message", "#0ca678"),
        [Channels.Push] = ("bell", "#f59f00"),
        [Channels.Display] = ("megaphone", "#ae3ec9"),
        [Channels.Video] = ("megaphone", "#e03131"),
        [Channels.Affiliate] = ("link", "#5c940d"),
        [Channels.Referral] = ("link", "#1098ad"),
        [Channels.Direct] = ("globe", "#495057"),
        [Channels.Store] = ("store", "#9c5b1f"),
        [Channels.Phone] = ("phone", "#364fc7"),
        [Channels.DirectMail] = ("inbox", "#a61e4d"),
        [Channels.Tv] = ("tv", "#862e9c"),
        [Channels.InApp] = ("app", "#4263eb"),
        [Channels.Support] = ("support", "#0b7285"),
        [Channels.Other] = ("dot", "#868e96"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static string Icon(string channel) => Looks.TryGetValue(channel, out var look) ? look.Icon : "dot";

    public static string Color(string channel) => Looks.TryGetValue(channel, out var look) ? look.Color : "#868e96";

    /// <summary>Every channel's name, icon and colour, for scripts (the overview chart and live stream).</summary>
    public static IReadOnlyDictionary<string, object> ForScripts() =>
        Channels.All.ToDictionary(c => c, c => (object)new { name = Channels.DisplayName(c), icon = Icon(c), color = Color(c) });
}
