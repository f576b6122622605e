using System.Runtime.CompilerServices;

namespace Omnia.Core.Attribution;

/// <summary>
/// Collects buyer journeys into a <see cref="PathSet"/>: channels and campaigns are interned to small integers and
/// identical paths (same touches, same campaigns, milestones and timestamps) are merged by adding their conversions,
/// value and nulls, so the models work on distinct paths only. Not thread-safe.
/// </summary>
public sealed class PathSetBuilder
{
    internal const long NoTimestamp = long.MinValue;

    private readonly Dictionary<string, int> _channelIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _channelLookup;
    private readonly List<string> _channels = [];
    private readonly Dictionary<string, int> _campaignIds = new(StringComparer.Ordinal);
    private readonly List<string> _campaigns = [];

    private int[] _touchChannels = new int[1024];
    private int[]? _touchCampaigns;
    private byte[]? _touchMilestones;
    private long[]? _touchTicks;
    private int _touches;

    private int[] _pathStart = new int[257];
    private int[] _pathHash = new int[256];
    private double[] _conversions = new double[256];
    private double[] _values = new double[256];
    private double[] _nulls = new double[256];
    private int _paths;
    private long _journeys;
    private int[] _buckets = new int[512];

    public PathSetBuilder()
    {
        _channelLookup = _channelIds.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Channels interned so far, in order of first appearance.</summary>
    public int ChannelCount => _channels.Count;

    /// <summary>The id of a channel, interning it on first sight. Ids count from 0 in order of first appearance.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int ChannelId(ReadOnlySpan<char> channel)
    {
        if (_channelLookup.TryGetValue(channel, out int id))
        {
            return id;
        }

        if (channel.IsEmpty)
        {
            throw new ArgumentException("A channel name is empty.", nameof(channel));
        }

        id = _channels.Count;
        string name = channel.ToString();
        _channels.Add(name);
        _channelIds.Add(name, id);
        return id;
    }

    /// <summary>
    /// Adds a journey given as channel ids (from <see cref="ChannelId"/>), first touch first, that converted
    /// <paramref name="conversions"/> times for <paramref name="value"/> in total and ended without conversion
    /// <paramref name="nulls"/> times. The fast path for channel-only data such as ChannelAttribution's layout.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddPath(ReadOnlySpan<int> channelIds, double conversions, double value, double nulls)
    {
        CheckCounts(channelIds.Length, conversions, value, nulls);
        EnsureTouchCapacity(channelIds.Length);
        for (int i = 0; i < channelIds.Length; i++)
        {
            int id = channelIds[i];
            if ((uint)id >= (uint)_channels.Count)
            {
                throw new ArgumentException($"Channel id {id} was not interned with ChannelId.", nameof(channelIds));
            }

            _touchChannels[_touches + i] = id;
        }

        // Optional columns another journey introduced keep their defaults (no campaign, no milestone, no time).
        ResetOptional(_touches, channelIds.Length);
        Commit(channelIds.Length, conversions, value, nulls);
    }

    /// <summary>
    /// Adds a journey, first touch first, that converted <paramref name="conversions"/> times for
    /// <paramref name="value"/> in total and ended without conversion <paramref name="nulls"/> times. Timestamps, when
    /// given, must be on every touch of the path and never go backwards.
    /// </summary>
    public void Add(ReadOnlySpan<AttributionTouch> touches, double conversions, double value, double nulls)
    {
        CheckCounts(touches.Length, conversions, value, nulls);
        bool timed = touches[0].Timestamp is not null;
        for (int i = 0; i < touches.Length; i++)
        {
            var t = touches[i];
            if ((t.Timestamp is not null) != timed)
            {
                throw new ArgumentException("Either every touch of a path has a timestamp or none has.", nameof(touches));
            }

            if (timed && i > 0 && t.Timestamp < touches[i - 1].Timestamp)
            {
                throw new ArgumentException("The touches of a path must be in time order.", nameof(touches));
            }
        }

        EnsureTouchCapacity(touches.Length);
        ResetOptional(_touches, touches.Length);
        for (int i = 0; i < touches.Length; i++)
        {
            var t = touches[i];
            int at = _touches + i;
            _touchChannels[at] = ChannelId(t.Channel ?? throw new ArgumentException("A touch has no channel.", nameof(touches)));
            if (t.Campaign is { } campaign)
            {
                Campaigns()[at] = CampaignId(campaign);
            }

            if (t.Milestone != JourneyMilestone.None)
            {
                Milestones()[at] = (byte)t.Milestone;
            }

            if (t.Timestamp is { } time)
            {
                Ticks()[at] = time.UtcTicks;
            }
        }

        Commit(touches.Length, conversions, value, nulls);
    }

    /// <summary>The distinct paths collected so far, ready for <see cref="AttributionEngine"/>. The builder can go on collecting.</summary>
    public PathSet Build()
    {
        int touches = _pathStart[_paths];
        return new PathSet(
            [.. _channels],
            [.. _campaigns],
            _pathStart.AsSpan(0, _paths + 1).ToArray(),
            _touchChannels.AsSpan(0, touches).ToArray(),
            _touchCampaigns?.AsSpan(0, touches).ToArray(),
            _touchMilestones?.AsSpan(0, touches).ToArray(),
            _touchTicks?.AsSpan(0, touches).ToArray(),
            _conversions.AsSpan(0, _paths).ToArray(),
            _values.AsSpan(0, _paths).ToArray(),
            _nulls.AsSpan(0, _paths).ToArray(),
            _journeys);
    }

    private static void CheckCounts(int length, double conversions, double value, double nulls)
    {
        if (length == 0)
        {
            throw new ArgumentException("A path needs at least one touch.");
        }

        if (!(conversions >= 0) || !(nulls >= 0) || double.IsInfinity(conversions) || double.IsInfinity(nulls))
        {
            throw new ArgumentException("Conversions and nulls are finite numbers of at least 0.");
        }

        if (!(value >= 0) || double.IsInfinity(value))
        {
            throw new ArgumentException("A conversion value is a finite number of at least 0.");
        }
    }

    private int CampaignId(string campaign)
    {
        if (!_campaignIds.TryGetValue(campaign, out int id))
        {
            id = _campaigns.Count;
            _campaigns.Add(campaign);
            _campaignIds.Add(campaign, id);
        }

        return id;
    }

    private int[] Campaigns() => _touchCampaigns ??= NewFilled<int>(_touchChannels.Length, -1);

    private byte[] Milestones() => _touchMilestones ??= new byte[_touchChannels.Length];

    private long[] Ticks() => _touchTicks ??= NewFilled(_touchChannels.Length, NoTimestamp);

    private static T[] NewFilled<T>(int length, T value)
    {
        var array = new T[length];
        array.AsSpan().Fill(value);
        return array;
    }

    private void ResetOptional(int start, int length)
    {
        _touchCampaigns?.AsSpan(start, length).Fill(-1);
        _touchMilestones?.AsSpan(start, length).Clear();
        _touchTicks?.AsSpan(start, length).Fill(NoTimestamp);
    }

    private void EnsureTouchCapacity(int more)
    {
        int needed = _touches + more;
        if (needed <= _touchChannels.Length)
        {
            return;
        }

        int size = Math.Max(needed, _touchChannels.Length * 2);
        Array.Resize(ref _touchChannels, size);
        if (_touchCampaigns is not null)
        {
            int old = _touchCampaigns.Length;
            Array.Resize(ref _touchCampaigns, size);
            _touchCampaigns.AsSpan(old).Fill(-1);
        }

        if (_touchMilestones is not null)
        {
            Array.Resize(ref _touchMilestones, size);
        }

        if (_touchTicks is not null)
        {
            int old = _touchTicks.Length;
            Array.Resize(ref _touchTicks, size);
            _touchTicks.AsSpan(old).Fill(NoTimestamp);
        }
    }

    /// <summary>Merges the path just written at the end of the touch arrays into an equal one, or keeps it as a new path.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Commit(int length, double conversions, double value, double nulls)
    {
        _journeys++;
        int hash = Hash(_touches, length);
        int mask = _buckets.Length - 1;
        for (int slot = hash & mask; ; slot = (slot + 1) & mask)
        {
            int entry = _buckets[slot];
            if (entry == 0)
            {
                break;
            }

            int p = entry - 1;
            if (_pathHash[p] == hash && SameTouches(_pathStart[p], _pathStart[p + 1] - _pathStart[p], _touches, length))
            {
                _conversions[p] += conversions;
                _values[p] += value;
                _nulls[p] += nulls;
                return;
            }
        }

        if (_paths + 1 >= _pathHash.Length)
        {
            int size = _pathHash.Length * 2;
            Array.Resize(ref _pathHash, size);
            Array.Resize(ref _conversions, size);
            Array.Resize(ref _values, size);
            Array.Resize(ref _nulls, size);
            Array.Resize(ref _pathStart, size + 1);
        }

        int path = _paths++;
        _pathHash[path] = hash;
        _conversions[path] = conversions;
        _values[path] = value;
        _nulls[path] = nulls;
        _touches += length;
        _pathStart[_paths] = _touches;
        if (_paths * 2 > _buckets.Length)
        {
            Rehash();
        }
        else
        {
            Insert(_buckets, path);
        }
    }

    private void Insert(int[] buckets, int path)
    {
        int mask = buckets.Length - 1;
        int slot = _pathHash[path] & mask;
        while (buckets[slot] != 0)
        {
            slot = (slot + 1) & mask;
        }

        buckets[slot] = path + 1;
    }

    private void Rehash()
    {
        var buckets = new int[_buckets.Length * 2];
        for (int p = 0; p < _paths; p++)
        {
            Insert(buckets, p);
        }

        _buckets = buckets;
    }

    /// <summary>Hash of a path; optional columns at their defaults add nothing, so a path hashes the same before and
    /// after another journey introduced the column.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Hash(int start, int length)
    {
        ulong h = (ulong)length * 0x9E3779B97F4A7C15UL;
        for (int i = 0; i < length; i++)
        {
            h = Mix(h, (ulong)_touchChannels[start + i]);
        }

        for (int i = 0; i < length; i++)
        {
            int at = start + i;
            if (_touchCampaigns is not null && _touchCampaigns[at] >= 0)
            {
                h = Mix(h, ((ulong)i << 40) ^ (ulong)_touchCampaigns[at] ^ 0x1000000000UL);
            }

            if (_touchMilestones is not null && _touchMilestones[at] != 0)
            {
                h = Mix(h, ((ulong)i << 40) ^ _touchMilestones[at] ^ 0x2000000000UL);
            }

            if (_touchTicks is not null && _touchTicks[at] != NoTimestamp)
            {
                h = Mix(h, (ulong)_touchTicks[at] ^ (ulong)i);
            }
        }

        return (int)(h ^ (h >> 32)) & int.MaxValue;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mix(ulong h, ulong v)
    {
        h = (h ^ v) * 0x9E3779B97F4A7C15UL;
        return h ^ (h >> 31);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool SameTouches(int a, int aLength, int b, int bLength) =>
        aLength == bLength
        && _touchChannels.AsSpan(a, aLength).SequenceEqual(_touchChannels.AsSpan(b, bLength))
        && (_touchCampaigns is null || _touchCampaigns.AsSpan(a, aLength).SequenceEqual(_touchCampaigns.AsSpan(b, bLength)))
        && (_touchMilestones is null || _touchMilestones.AsSpan(a, aLength).SequenceEqual(_touchMilestones.AsSpan(b, bLength)))
        && (_touchTicks is null || _touchTicks.AsSpan(a, aLength).SequenceEqual(_touchTicks.AsSpan(b, bLength)));
}
