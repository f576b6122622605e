using System.Collections.Frozen;
using Omnia.Core.Profiles;

namespace Omnia.Core.Segments;

/// <summary>The kind of a computed trait, which decides the operators a condition may use on it.</summary>
public enum ComputedKind
{
    /// <summary>A number.</summary>
    Number,

    /// <summary>An instant.</summary>
    Date,

    /// <summary>Text.</summary>
    Text,

    /// <summary>
    /// An event property's own value (text, number, boolean or ISO-8601 date), from a data-defined first, last or
    /// mostFrequent trait; compared the way trait values are, with every trait operator but withinLast and inNext.
    /// </summary>
    Any,
}

/// <summary>
/// The built-in computed traits segments can use, by name, over <see cref="ProfileState"/>'s computed basics and
/// the workspace's <see cref="RfmBreakpoints"/>. A workspace adds its own with <see cref="ComputedTraitDefinition"/>.
/// </summary>
/// <remarks>
/// "None": a trait the profile has no value for (days since the last purchase of someone who never bought,
/// the RFM scores of a non-customer) matches only <c>notEquals</c> and <c>notExists</c>; every other comparison is
/// false. So <c>daysSinceLastPurchase gt 90</c> leaves out people who never bought; add
/// <c>{"computed":{"name":"daysSinceLastPurchase","op":"notExists"}}</c> under an <c>or</c> to include them.
/// </remarks>
public static class ComputedTraits
{
    /// <summary>Number of <c>Order Completed</c> events.</summary>
    public const string OrderCount = "orderCount";

    /// <summary>Total revenue of those orders.</summary>
    public const string Revenue = "revenue";

    /// <summary>Number of events of any kind.</summary>
    public const string EventCount = "eventCount";

    /// <summary>Time of the earliest event; none before the first event.</summary>
    public const string FirstSeen = "firstSeen";

    /// <summary>Time of the latest event; none before the first event.</summary>
    public const string LastSeen = "lastSeen";

    /// <summary>Time of the latest order; none before the first order.</summary>
    public const string LastOrderAt = "lastOrderAt";

    /// <summary>The channel code of the first-touch touchpoint (<see cref="Touchpoints.Channels"/>).</summary>
    public const string AcquisitionChannel = "acquisitionChannel";

    /// <summary>The channel with the most events; ties go to the channel code first in ordinal order; none without events.</summary>
    public const string PreferredChannel = "preferredChannel";

    /// <summary>Whole days since the latest order (rounded down, 0 for an order stamped in the future); none before the first order.</summary>
    public const string DaysSinceLastPurchase = "daysSinceLastPurchase";

    /// <summary>Whole days since the latest event, as <see cref="DaysSinceLastPurchase"/>; none before the first event.</summary>
    public const string DaysSinceLastSeen = "daysSinceLastSeen";

    /// <summary>Revenue divided by order count; none before the first order.</summary>
    public const string AverageOrderValue = "averageOrderValue";

    /// <summary>RFM recency score 1–5 of <see cref="DaysSinceLastPurchase"/> (<see cref="RfmBreakpoints.RecencyScore"/>); none before the first order.</summary>
    public const string RfmRecency = "rfmRecency";

    /// <summary>RFM frequency score 1–5 of <see cref="OrderCount"/>; none before the first order.</summary>
    public const string RfmFrequency = "rfmFrequency";

    /// <summary>RFM monetary score 1–5 of <see cref="Revenue"/>; none before the first order.</summary>
    public const string RfmMonetary = "rfmMonetary";

    /// <summary>The <see cref="RfmSegments"/> name of the recency and frequency scores; none before the first order.</summary>
    public const string RfmSegment = "rfmSegment";

    private static readonly BuiltInTrait[] All =
    [
        Number(OrderCount, optional: false, static (p, _) => (decimal)p.OrderCount),
        Number(Revenue, optional: false, static (p, _) => p.Revenue),
        Number(EventCount, optional: false, static (p, _) => (decimal)p.EventCount),
        Date(FirstSeen, static p => p.FirstSeen == DateTimeOffset.MaxValue ? null : p.FirstSeen),
        Date(LastSeen, static p => p.LastSeen == DateTimeOffset.MinValue ? null : p.LastSeen),
        Date(LastOrderAt, static p => p.LastOrderAt),
        ProfileTrait.Text(AcquisitionChannel, static p => p.Acquisition?.Channel),
        ProfileTrait.Text(PreferredChannel, static p => Preferred(p.ChannelCounts)),
        new DayCountTrait(DaysSinceLastPurchase, ComputedKind.Number, static p => p.LastOrderAt, static (days, _, _) => (decimal)days, isDayCount: true),
        new DayCountTrait(DaysSinceLastSeen, ComputedKind.Number, static p => p.LastSeen == DateTimeOffset.MinValue ? null : p.LastSeen,
            static (days, _, _) => (decimal)days, isDayCount: true),
        Number(AverageOrderValue, optional: true, static (p, _) => p.OrderCount > 0 ? p.Revenue / p.OrderCount : null),
        new DayCountTrait(RfmRecency, ComputedKind.Number, static p => p.OrderCount > 0 ? p.LastOrderAt : null,
            static (days, _, rfm) => (decimal)rfm.RecencyScore(days), isDayCount: false),
        Number(RfmFrequency, optional: true, static (p, rfm) => p.OrderCount > 0 ? rfm.FrequencyScore(p.OrderCount) : null),
        Number(RfmMonetary, optional: true, static (p, rfm) => p.OrderCount > 0 ? rfm.MonetaryScore((double)p.Revenue) : null),
        new DayCountTrait(RfmSegment, ComputedKind.Text, static p => p.OrderCount > 0 ? p.LastOrderAt : null,
            static (days, p, rfm) => RfmSegments.Of(rfm.RecencyScore(days), rfm.FrequencyScore(p.OrderCount)), isDayCount: false),
    ];

    private static readonly FrozenDictionary<string, BuiltInTrait> ByName = All.ToFrozenDictionary(t => t.Name, StringComparer.Ordinal);

    /// <summary>Every name, in the order errors list them.</summary>
    public static IReadOnlyList<string> Names { get; } = Array.ConvertAll(All, t => t.Name);

    /// <summary>The kind of built-in computed trait <paramref name="name"/>; false for any other name.</summary>
    public static bool TryGetKind(string name, out ComputedKind kind)
    {
        var found = ByName.TryGetValue(name, out var trait);
        kind = found ? trait!.Kind : default;
        return found;
    }

    /// <summary>
    /// The operators a condition may apply to a computed trait of <paramref name="kind"/>. Numbers that can be
    /// none (<see cref="DaysSinceLastPurchase"/>, avg of nothing, …) also allow exists and notExists.
    /// </summary>
    public static IReadOnlyList<ComparisonOp> OperatorsFor(ComputedKind kind) => kind switch
    {
        ComputedKind.Number => NumberOps,
        ComputedKind.Date => DateOps,
        ComputedKind.Text => TextOps,
        _ => AnyOps,
    };

    /// <summary>
    /// The value of computed trait <paramref name="name"/>, built in or defined in <see cref="ProfileFacts.Audience"/>,
    /// for one profile at <paramref name="now"/>, and when time alone next changes it.
    /// </summary>
    /// <exception cref="ArgumentException">No such trait, or the events are not in timestamp order.</exception>
    public static ComputedTraitResult Evaluate(string name, ProfileFacts facts, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(facts);
        facts.CheckEventOrder(nameof(facts));
        var scope = new EvaluationScope(facts, null);
        if (ByName.TryGetValue(name, out var builtIn))
            return builtIn.Value(scope, now);
        return scope.Audience.Find(name) is { } defined
            ? defined.Value(scope.Events, now)
            : throw new ArgumentException($"'{name}' is neither a built-in computed trait nor defined in the facts' audience.", nameof(name));
    }

    internal static BuiltInTrait? Find(string name) => ByName.GetValueOrDefault(name);

    /// <summary>The operators for a trait that may have no value: those of its kind, plus exists and notExists for numbers.</summary>
    internal static IReadOnlyList<ComparisonOp> OperatorsFor(ComputedKind kind, bool optional) =>
        kind == ComputedKind.Number && optional ? OptionalNumberOps : OperatorsFor(kind);

    private static readonly ComparisonOp[] NumberOps =
    [
        ComparisonOp.Equal, ComparisonOp.NotEqual, ComparisonOp.In, ComparisonOp.GreaterThan,
        ComparisonOp.GreaterOrEqual, ComparisonOp.LessThan, ComparisonOp.LessOrEqual,
    ];

    private static readonly ComparisonOp[] OptionalNumberOps =
    [
        ComparisonOp.Equal, ComparisonOp.NotEqual, ComparisonOp.In, ComparisonOp.Exists, ComparisonOp.NotExists,
        ComparisonOp.GreaterThan, ComparisonOp.GreaterOrEqual, ComparisonOp.LessThan, ComparisonOp.LessOrEqual,
    ];

    private static readonly ComparisonOp[] DateOps =
    [
        ComparisonOp.Exists, ComparisonOp.NotExists, ComparisonOp.GreaterThan, ComparisonOp.GreaterOrEqual,
        ComparisonOp.LessThan, ComparisonOp.LessOrEqual, ComparisonOp.WithinLast, ComparisonOp.InNext,
        ComparisonOp.Before, ComparisonOp.After,
    ];

    private static readonly ComparisonOp[] TextOps =
    [
        ComparisonOp.Equal, ComparisonOp.NotEqual, ComparisonOp.Contains, ComparisonOp.StartsWith,
        ComparisonOp.In, ComparisonOp.Exists, ComparisonOp.NotExists,
    ];

    private static readonly ComparisonOp[] AnyOps =
        Array.FindAll(Enum.GetValues<ComparisonOp>(), op => op is not (ComparisonOp.WithinLast or ComparisonOp.InNext));

    private static ProfileTrait Number(string name, bool optional, Func<ProfileState, RfmBreakpoints, decimal?> read) =>
        ProfileTrait.Number(name, optional, read);

    private static ProfileTrait Date(string name, Func<ProfileState, DateTimeOffset?> read) => ProfileTrait.Date(name, read);

    /// <summary>The channel with the most events, ties to the first code in ordinal order; null when there are none.</summary>
    private static string? Preferred(Dictionary<string, int> channelCounts)
    {
        string? best = null;
        var bestCount = 0;
        foreach (var (channel, count) in channelCounts)
        {
            if (count > bestCount || (count == bestCount && count > 0 && string.CompareOrdinal(channel, best) < 0))
                (best, bestCount) = (channel, count);
        }
        return best;
    }
}
