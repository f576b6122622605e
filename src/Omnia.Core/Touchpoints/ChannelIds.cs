namespace Omnia.Core.Touchpoints;

/// <summary>
/// Small numbers for channel names, so that each of millions of events in memory carries its channel in two bytes.
/// Shared by the process and append-only; safe to read from any thread. Id 0 is "no channel".
/// </summary>
public static class ChannelIds
{
    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, ushort> Ids = new(StringComparer.Ordinal);
    private static volatile string?[] _names = [null];

    /// <summary>The id of a channel name, given one the first time it is seen.</summary>
    public static ushort Of(string? channel)
    {
        if (channel is null)
            return 0;
        lock (Gate)
        {
            if (Ids.TryGetValue(channel, out var id))
                return id;
            if (_names.Length > ushort.MaxValue)
                throw new InvalidOperationException("More than 65,535 distinct channel names.");
            id = (ushort)_names.Length;
            var interned = string.Intern(channel);
            Ids.Add(interned, id);
            _names = [.. _names, interned];
            return id;
        }
    }

    /// <summary>The channel name of an id (null for 0).</summary>
    public static string? Name(ushort id)
    {
        var names = _names;
        return id < names.Length ? names[id] : null;
    }
}
