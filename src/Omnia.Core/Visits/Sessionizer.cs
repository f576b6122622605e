using System.Runtime.InteropServices;
using Omnia.Core.Segments;
using Omnia.Core.Touchpoints;

namespace Omnia.Core.Visits;

/// <summary>
/// Cuts one profile's events (in time order) into visits at query time, as web analytics do: per device, a gap
/// longer than <see cref="VisitOptions.Gap"/> starts a new visit, and a visit's channel and campaign are those of its
/// first event. Events with no device (messages, store, support, imports) are cut per channel and campaign, so an
/// email open and a store purchase at the same minute stay apart. Then last non-direct: a direct web or app visit
/// within <see cref="VisitOptions.DirectLookback"/> of the last web or app visit with a known source keeps that
/// source. Pure; allocates nothing when the caller's list has room.
/// </summary>
public static class Sessionizer
{
    private static readonly ushort DirectId = ChannelIds.Of(Channels.Direct);

    // Each thread's scratch for the visits' ends and event counts while they grow.
    [ThreadStatic]
    private static long[]? _ends;

    [ThreadStatic]
    private static int[]? _counts;

    /// <summary>The visits of <paramref name="events"/>, in order of their start.</summary>
    public static Visit[] Of(ReadOnlySpan<ProfileEvent> events, VisitOptions? options = null)
    {
        var visits = new List<Visit>();
        Split(events, options ?? VisitOptions.Default, visits);
        return [.. visits];
    }

    /// <summary>
    /// Replaces the contents of <paramref name="visits"/> with the visits of <paramref name="events"/>, in order of
    /// their start; when <paramref name="visitOfEvent"/> is not empty (as long as the events) it receives each event's
    /// visit index.
    /// </summary>
    public static void Split(ReadOnlySpan<ProfileEvent> events, VisitOptions options, List<Visit> visits, Span<int> visitOfEvent = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(visits);
        visits.Clear();
        if (events.IsEmpty)
            return;
        var gap = options.Gap.Ticks;
        Span<int> openByDevice = stackalloc int[5];
        openByDevice.Fill(-1);
        // Visits without a device stay open per channel and campaign: few at a time, so a short list searched in turn.
        Span<(int Key, int Visit)> openOffline = stackalloc (int, int)[8];
        var offlineCount = 0;
        var recordIndex = !visitOfEvent.IsEmpty;
        var ends = _ends ??= new long[64];
        var counts = _counts ??= new int[64];

        for (var i = 0; i < events.Length; i++)
        {
            ref readonly var e = ref events[i];
            var ticks = e.UtcTicks;
            int open;
            int offlineSlot = -1;
            if (e.Device != DeviceType.Unknown)
            {
                open = openByDevice[(int)e.Device];
            }
            else
            {
                var key = (e.ChannelId << 20) ^ e.CampaignId;
                open = -1;
                for (var k = 0; k < offlineCount; k++)
                {
                    if (openOffline[k].Key == key)
                    {
                        offlineSlot = k;
                        open = openOffline[k].Visit;
                        break;
                    }
                }
            }

            if (open >= 0 && ticks - ends[open] <= gap)
            {
                // Millions of times a report only the end and the count change: kept aside, written into the visits once
                // at the end. A message visit (never on a device) may also grow stronger (delivered, then opened).
                ends[open] = ticks;
                counts[open]++;
                if (e.Device == DeviceType.Unknown)
                {
                    ref var visit = ref CollectionsMarshal.AsSpan(visits)[open];
                    if (visit.Kind == VisitKind.Message)
                    {
                        var engagement = Stronger(visit.Engagement, MessageEventKinds.KindOf(e.Name));
                        if (engagement != visit.Engagement)
                            visit = visit with { Engagement = engagement, IsTouchpoint = true };
                    }
                }
            }
            else
            {
                open = visits.Count;
                visits.Add(Start(in e, i));
                if (open == ends.Length)
                {
                    Array.Resize(ref _ends, ends.Length * 2);
                    Array.Resize(ref _counts, ends.Length * 2);
                    (ends, counts) = (_ends, _counts);
                }

                ends[open] = ticks;
                counts[open] = 1;
                if (e.Device != DeviceType.Unknown)
                {
                    openByDevice[(int)e.Device] = open;
                }
                else if (offlineSlot >= 0)
                {
                    openOffline[offlineSlot].Visit = open;
                }
                else
                {
                    var key = (e.ChannelId << 20) ^ e.CampaignId;
                    if (offlineCount == openOffline.Length)
                    {
                        // Many channels at once: forget the visit that ended longest ago.
                        var oldest = 0;
                        for (var k = 1; k < offlineCount; k++)
                        {
                            if (ends[openOffline[k].Visit] < ends[openOffline[oldest].Visit])
                                oldest = k;
                        }

                        openOffline[oldest] = (key, open);
                    }
                    else
                    {
                        openOffline[offlineCount++] = (key, open);
                    }
                }
            }

            if (recordIndex)
                visitOfEvent[i] = open;
        }

        var all = CollectionsMarshal.AsSpan(visits);
        for (var v = 0; v < all.Length; v++)
            all[v] = all[v] with { EndTicks = ends[v], EventCount = counts[v] };

        ApplyLastNonDirect(all, options.DirectLookback.Ticks);
    }

    private static Visit Start(in ProfileEvent e, int index)
    {
        var kind = e.Device switch
        {
            DeviceType.App => VisitKind.App,
            DeviceType.Unknown => MessageEventKinds.KindOf(e.Name) != MessageEventKind.None ? VisitKind.Message : VisitKind.Offline,
            _ => VisitKind.Web,
        };
        var channel = e.ChannelId == 0 ? DirectId : e.ChannelId;
        var engagement = kind == VisitKind.Message ? Stronger(MessageEventKind.None, MessageEventKinds.KindOf(e.Name)) : MessageEventKind.None;
        var isTouchpoint = kind switch
        {
            VisitKind.Web => true,
            VisitKind.Message => engagement != MessageEventKind.None,
            // The app opened by the person alone, or a server-side event with no source, is no touchpoint.
            _ => channel != DirectId,
        };
        return new Visit(e.UtcTicks, e.UtcTicks, index, 1, e.Device, kind, channel, e.CampaignId, engagement, isTouchpoint, Inherited: false);
    }

    /// <summary>The stronger engagement: clicked over opened over delivered over sent; unsubscribes and bounces add none.</summary>
    private static MessageEventKind Stronger(MessageEventKind current, MessageEventKind seen) =>
        seen is MessageEventKind.Sent or MessageEventKind.Delivered or MessageEventKind.Opened or MessageEventKind.Clicked && seen > current ? seen : current;

    private static void ApplyLastNonDirect(Span<Visit> visits, long lookback)
    {
        if (lookback <= 0)
            return;
        var known = -1;
        for (var v = 0; v < visits.Length; v++)
        {
            ref var visit = ref visits[v];
            if (visit.Kind is not (VisitKind.Web or VisitKind.App) || !visit.IsTouchpoint)
                continue;
            if (visit.ChannelId != DirectId)
            {
                known = v;
            }
            else if (known >= 0 && visit.StartTicks - visits[known].StartTicks <= lookback)
            {
                visit = visit with { ChannelId = visits[known].ChannelId, CampaignId = visits[known].CampaignId, Inherited = true };
            }
        }
    }
}
