using Omnia.Core.Attribution;
using Omnia.Core.Audiences;
using Omnia.Core.Goals;
using Omnia.Core.Paths;
using Omnia.Core.Profiles;
using Omnia.Core.Segments;
using Omnia.Core.Touchpoints;
using Omnia.Core.Visits;

namespace Omnia.Core.Kpis;

/// <summary>
/// Counts channel KPIs over the profiles it is shown (one accumulator per worker of a scan): reach, message events,
/// visits, and conversions credited to the last non-direct touchpoint, per period and over the whole range.
/// <see cref="KpiReport.Build"/> merges the accumulators and adds the costs.
/// </summary>
public sealed class KpiAccumulator
{
    private static readonly ushort DirectId = ChannelIds.Of(Channels.Direct);

    private readonly KpiQuery _query;
    private readonly JourneyWalker _walker;
    private readonly long _from;
    private readonly long _to;
    private readonly HashSet<KpiCell> _reached = [];

    public KpiAccumulator(KpiQuery query, GoalMatcher goal)
    {
        ArgumentNullException.ThrowIfNull(query);
        _query = query;
        _from = query.FromInstant.UtcTicks;
        _to = query.ToInstant.UtcTicks;
        _walker = new JourneyWalker(goal, query.Visits, query.FromInstant, query.ToInstant);
    }

    internal Dictionary<KpiCell, KpiCounts> Cells { get; } = [];

    /// <summary>Conversions no touchpoint led to, and their value.</summary>
    internal (long Conversions, decimal Revenue) WithoutTouchpoint { get; private set; }

    internal KpiQuery Query => _query;

    /// <summary>Adds one person (the signature of a <c>DerivedState.Scan</c> visitor).</summary>
    public void Add(ProfileState profile, ReadOnlySpan<ProfileEvent> events, StoredAudience? audience)
    {
        _reached.Clear();
        _walker.Walk(events, this, static (self, in journey) => self.Credit(in journey));
        foreach (ref readonly var visit in _walker.Visits)
        {
            if (!visit.IsTouchpoint || visit.StartTicks < _from || visit.StartTicks >= _to)
                continue;
            if (visit.Kind != VisitKind.Message)
                Count(visit.StartTicks, visit.ChannelId, visit.CampaignId, (ref KpiCounts c) => c.Visits++);
            Reach(visit.StartTicks, visit.ChannelId, visit.CampaignId);
        }

        foreach (ref readonly var e in events)
        {
            if (e.UtcTicks < _from || e.UtcTicks >= _to)
                continue;
            var kind = MessageEventKinds.KindOf(e.Name);
            if (kind == MessageEventKind.None)
                continue;
            var channel = e.ChannelId == 0 ? DirectId : e.ChannelId;
            switch (kind)
            {
                case MessageEventKind.Sent:
                    Count(e.UtcTicks, channel, e.CampaignId, (ref KpiCounts c) => c.Sent++);
                    break;
                case MessageEventKind.Delivered:
                    Count(e.UtcTicks, channel, e.CampaignId, (ref KpiCounts c) => c.Delivered++);
                    break;
                case MessageEventKind.Opened:
                    Count(e.UtcTicks, channel, e.CampaignId, (ref KpiCounts c) => c.Opens++);
                    break;
                case MessageEventKind.Clicked:
                    Count(e.UtcTicks, channel, e.CampaignId, (ref KpiCounts c) => c.Clicks++);
                    break;
                case MessageEventKind.Unsubscribed:
                    Count(e.UtcTicks, channel, e.CampaignId, (ref KpiCounts c) => c.Unsubscribes++);
                    break;
            }
        }
    }

    private void Credit(in Journey journey)
    {
        if (!journey.Converted)
            return;
        if (journey.Touches.IsEmpty)
        {
            WithoutTouchpoint = (WithoutTouchpoint.Conversions + 1, WithoutTouchpoint.Revenue + journey.Value);
            return;
        }

        var credited = journey.Touches[^1];
        for (var t = journey.Touches.Length - 1; t >= 0; t--)
        {
            if (journey.Touches[t].ChannelId != DirectId)
            {
                credited = journey.Touches[t];
                break;
            }
        }

        var value = journey.Value;
        Count(journey.EndTicks, credited.ChannelId, credited.CampaignId, (ref KpiCounts c) =>
        {
            c.Conversions++;
            c.Revenue += value;
        });
    }

    private delegate void Change(ref KpiCounts counts);

    private void Count(long ticks, ushort channel, int campaign, Change change)
    {
        var day = KpiPeriods.DayOf(ticks);
        var key = _query.Level == AttributionLevel.Campaign ? campaign : -1;
        foreach (var cell in new[] { new KpiCell(KpiPeriods.Start(day, _query.Period), channel, key), new KpiCell(null, channel, key) })
        {
            var counts = Cells.GetValueOrDefault(cell);
            change(ref counts);
            Cells[cell] = counts;
        }
    }

    private void Reach(long ticks, ushort channel, int campaign)
    {
        var day = KpiPeriods.DayOf(ticks);
        var key = _query.Level == AttributionLevel.Campaign ? campaign : -1;
        foreach (var cell in new[] { new KpiCell(KpiPeriods.Start(day, _query.Period), channel, key), new KpiCell(null, channel, key) })
        {
            if (_reached.Add(cell))
                Count(cell, (ref KpiCounts c) => c.Reach++);
        }
    }

    private void Count(KpiCell cell, Change change)
    {
        var counts = Cells.GetValueOrDefault(cell);
        change(ref counts);
        Cells[cell] = counts;
    }
}

/// <summary>A period (null: the whole range), channel and campaign (-1 at channel level).</summary>
internal readonly record struct KpiCell(DateOnly? Period, ushort Channel, int Campaign);

/// <summary>What one cell counts so far.</summary>
internal struct KpiCounts
{
    public long Reach;
    public long Sent;
    public long Delivered;
    public long Opens;
    public long Clicks;
    public long Unsubscribes;
    public long Visits;
    public long Conversions;
    public decimal Revenue;

    public void Add(in KpiCounts other)
    {
        Reach += other.Reach;
        Sent += other.Sent;
        Delivered += other.Delivered;
        Opens += other.Opens;
        Clicks += other.Clicks;
        Unsubscribes += other.Unsubscribes;
        Visits += other.Visits;
        Conversions += other.Conversions;
        Revenue += other.Revenue;
    }
}
