namespace Omnia.Core.Attribution;

/// <summary>
/// Distinct buyer journeys with their conversions, conversion value and nulls (journeys that ended without
/// converting), as built by <see cref="PathSetBuilder"/> or read by <see cref="PathsCsvReader"/>. Immutable; the
/// input of <see cref="AttributionEngine.Run"/>.
/// </summary>
public sealed class PathSet
{
    private readonly string[] _channels;
    private readonly string[] _campaigns;
    private (int[] TouchKeys, AttributionKey[] Keys)? _campaignKeys;

    internal PathSet(
        string[] channels, string[] campaigns, int[] pathStart, int[] touchChannels, int[]? touchCampaigns,
        byte[]? touchMilestones, long[]? touchTicks, double[] conversions, double[] values, double[] nulls, long journeys)
    {
        _channels = channels;
        _campaigns = campaigns;
        PathStart = pathStart;
        TouchChannels = touchChannels;
        TouchCampaigns = touchCampaigns;
        TouchMilestones = touchMilestones;
        TouchTicks = touchTicks;
        Conversions = conversions;
        Values = values;
        Nulls = nulls;
        Journeys = journeys;
        foreach (double c in conversions)
        {
            TotalConversions += c;
        }

        foreach (double v in values)
        {
            TotalValue += v;
        }

        foreach (double n in nulls)
        {
            TotalNulls += n;
        }
    }

    /// <summary>The channels, in order of first appearance.</summary>
    public IReadOnlyList<string> Channels => _channels;

    /// <summary>The number of distinct paths.</summary>
    public int Count => Conversions.Length;

    /// <summary>The number of journeys added before identical ones were merged.</summary>
    public long Journeys { get; }

    /// <summary>The number of touches over the distinct paths.</summary>
    public int TouchCount => TouchChannels.Length;

    /// <summary>Conversions over all paths.</summary>
    public double TotalConversions { get; }

    /// <summary>Conversion value over all paths.</summary>
    public double TotalValue { get; }

    /// <summary>Journeys that ended without converting, over all paths.</summary>
    public double TotalNulls { get; }

    /// <summary>Path p's touches are [PathStart[p], PathStart[p + 1]).</summary>
    internal int[] PathStart { get; }

    internal int[] TouchChannels { get; }

    /// <summary>Campaign name ids per touch (-1: none), or null when no touch has a campaign.</summary>
    internal int[]? TouchCampaigns { get; }

    /// <summary><see cref="JourneyMilestone"/> flags per touch, or null when no touch has one.</summary>
    internal byte[]? TouchMilestones { get; }

    /// <summary>UTC ticks per touch (<see cref="PathSetBuilder.NoTimestamp"/>: none), or null when no path has timestamps.</summary>
    internal long[]? TouchTicks { get; }

    internal double[] Conversions { get; }

    internal double[] Values { get; }

    internal double[] Nulls { get; }

    /// <summary>The credited key of every touch and the keys themselves (first appearance first) at a level.</summary>
    internal (int[] TouchKeys, AttributionKey[] Keys) KeysFor(AttributionLevel level)
    {
        if (level == AttributionLevel.Channel || TouchCampaigns is null)
        {
            return (TouchChannels, [.. _channels.Select(c => new AttributionKey(c))]);
        }

        return _campaignKeys ??= CampaignKeys(TouchCampaigns);
    }

    private (int[] TouchKeys, AttributionKey[] Keys) CampaignKeys(int[] touchCampaigns)
    {
        var ids = new Dictionary<long, int>();
        var keys = new List<AttributionKey>();
        var touchKeys = new int[TouchChannels.Length];
        for (int t = 0; t < touchKeys.Length; t++)
        {
            long pair = ((long)TouchChannels[t] << 32) | (uint)touchCampaigns[t];
            if (!ids.TryGetValue(pair, out int id))
            {
                id = keys.Count;
                keys.Add(new AttributionKey(_channels[TouchChannels[t]], touchCampaigns[t] < 0 ? null : _campaigns[touchCampaigns[t]]));
                ids.Add(pair, id);
            }

            touchKeys[t] = id;
        }

        return (touchKeys, [.. keys]);
    }
}
