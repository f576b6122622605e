using System.Runtime.CompilerServices;
using Omnia.Core.Events;
using Omnia.Core.Processing;
using Omnia.Core.Segments;

namespace Omnia.Bench.Rebuild;

/// <summary>
/// Where the derived state's memory goes, estimated from its contents: the per-profile event arrays (their capacity,
/// not only their length), the kept properties of each event (arrays and the strings they hold, each distinct string
/// counted once) and everything else (profile state, identity, audiences, dictionaries) as the remainder.
/// </summary>
internal static class StateBreakdown
{
    public static string Describe(DerivedState state, long stateBytes, long events)
    {
        long eventArrays = 0, slack = 0, propertyArrays = 0, propertyCount = 0, eventsWithProperties = 0, stringBytes = 0, profiles = 0;
        var strings = new HashSet<string>(ReferenceEqualityComparer.Instance);
        int eventSize = Unsafe.SizeOf<ProfileEvent>(), propertySize = Unsafe.SizeOf<EventProperty>();
        foreach (var partition in state.Partitions)
        {
            foreach (var entry in partition.Values)
            {
                profiles++;
                var list = entry.EventList;
                if (list.Array is { Length: > 0 } array)
                {
                    eventArrays += 24 + (long)array.Length * eventSize;
                    slack += (long)(array.Length - list.Count) * eventSize;
                }

                foreach (var e in list)
                {
                    var items = e.Properties.Items;
                    if (items.Length == 0)
                        continue;
                    eventsWithProperties++;
                    propertyCount += items.Length;
                    propertyArrays += 24 + (long)items.Length * propertySize;
                    foreach (var p in items)
                    {
                        if (p.Value.String is { } s && strings.Add(s))
                            stringBytes += (22 + 2L * s.Length + 7) / 8 * 8;
                    }
                }
            }
        }

        long rest = stateBytes - eventArrays - propertyArrays - stringBytes;
        double per(long bytes) => bytes / (double)Math.Max(1, events);
        return $"where it goes: event arrays {eventArrays / 1e6:N0} MB ({per(eventArrays):N0} B/event at {eventSize} B each, {slack / 1e6:N0} MB of it unused capacity); "
            + $"kept properties {propertyArrays / 1e6:N0} MB in arrays ({eventsWithProperties:N0} events with {propertyCount:N0} values, {propertySize} B each) "
            + $"+ {stringBytes / 1e6:N0} MB of {strings.Count:N0} distinct string values; "
            + $"the rest (profile state, identity, audiences, indexes) {rest / 1e6:N0} MB ({rest / (double)Math.Max(1, profiles):N0} B/profile)";
    }
}
