namespace Omnia.Core.Touchpoints;

/// <summary>Reads <c>context.channel</c>: a channel code, an alias of one, an SDK transport name, or anything else.</summary>
internal static class ExplicitChannel
{
    // Transport names that some SDKs and pipelines put in "channel" (Segment's top-level field says how an
    // event was sent, not how the person came). They carry no marketing meaning, so UTM tags and the
    // referrer decide instead of the event landing in "other".
    private static readonly string[] TransportNames = ["browser", "server", "mobile", "web", "client"];

    /// <summary>
    /// The channel <paramref name="value"/> names and the reason to show, or false when it names only a
    /// transport and the other signals should decide. Unknown values are <see cref="Channels.Other"/>.
    /// </summary>
    public static bool TryResolve(string value, ChannelRules rules, out string channel, out string reason)
    {
        if (Channels.IsKnown(value))
        {
            (channel, reason) = (value, "context.channel");
            return true;
        }
        for (var i = 0; i < Channels.All.Count; i++)
        {
            var code = Channels.All[i];
            if (LooseText.AreEqual(value, code))
            {
                (channel, reason) = (code, "context.channel");
                return true;
            }
        }
        foreach (var (alias, target) in rules.ChannelAliases)
        {
            if (alias is not null && LooseText.AreEqual(value, alias) && Channels.IsKnown(target))
            {
                (channel, reason) = (target, $"context.channel={value}");
                return true;
            }
        }
        if (LooseText.EqualsAny(value, TransportNames))
        {
            (channel, reason) = ("", "");
            return false;
        }
        (channel, reason) = (Channels.Other, $"unknown context.channel={value}");
        return true;
    }
}
