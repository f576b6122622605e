using Omnia.Core.Audiences;
using Omnia.Core.Goals;
using Omnia.Core.Paths;
using Omnia.Core.Profiles;
using Omnia.Core.Segments;
using Omnia.Core.Touchpoints;
using Omnia.Core.Visits;

namespace Omnia.Core.Kpis;

/// <summary>Counts people, visits, conversions and revenue per kind of device over a period (one accumulator per worker of a scan).</summary>
public sealed class DeviceAccumulator(GoalMatcher goal, VisitOptions options, DateTimeOffset from, DateTimeOffset to)
{
    private readonly JourneyWalker _walker = new(goal, options, from, to);
    private readonly long[] _people = new long[5];
    private readonly long[] _visits = new long[5];
    private readonly long[] _conversions = new long[5];
    private readonly decimal[] _revenue = new decimal[5];
    private readonly long _from = from.UtcTicks;
    private readonly long _to = to.UtcTicks;

    /// <summary>Adds one person (the signature of a <c>DerivedState.Scan</c> visitor).</summary>
    public void Add(ProfileState profile, ReadOnlySpan<ProfileEvent> events, StoredAudience? audience)
    {
        _walker.Walk(events, this, static (self, in journey) =>
        {
            if (!journey.Converted)
                return;
            self._conversions[(int)journey.ConversionDevice]++;
            self._revenue[(int)journey.ConversionDevice] += journey.Value;
        });
        Span<bool> seen = stackalloc bool[5];
        foreach (ref readonly var visit in _walker.Visits)
        {
            if (visit.Kind is not (VisitKind.Web or VisitKind.App) || visit.StartTicks < _from || visit.StartTicks >= _to)
                continue;
            _visits[(int)visit.Device]++;
            if (!seen[(int)visit.Device])
            {
                seen[(int)visit.Device] = true;
                _people[(int)visit.Device]++;
            }
        }
    }

    /// <summary>Merges accumulators into one row per device that saw anything, most visits first.</summary>
    public static IReadOnlyList<DeviceRow> Rows(IEnumerable<DeviceAccumulator> accumulators)
    {
        ArgumentNullException.ThrowIfNull(accumulators);
        var all = accumulators.ToList();
        var rows = new List<DeviceRow>();
        for (var d = 0; d < 5; d++)
        {
            var row = new DeviceRow(DeviceTypes.Name((DeviceType)d), all.Sum(a => a._people[d]), all.Sum(a => a._visits[d]), all.Sum(a => a._conversions[d]), (double)all.Sum(a => a._revenue[d]));
            if (row.Visits > 0 || row.Conversions > 0)
                rows.Add(row);
        }

        return [.. rows.OrderByDescending(r => r.Visits).ThenByDescending(r => r.Conversions)];
    }
}
