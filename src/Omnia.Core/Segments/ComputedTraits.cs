using System.Collections.Frozen;
using Omnia.Core.Profiles;

namespace Omnia.Core.Segments;

/// <summary>The kind of a computed trait, which decides the operators a condition may use on it.</summary>
public enum ComputedKind
{
    Number,
    Date,
    Text,
}

/// <summary>
/// The computed traits segments can use, by name, over <see cref="ProfileState"/>'s computed basics. Later
/// computed traits (RFM, preferred channel, …) are added here by name.
/// </summary>
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

    private static readonly FrozenDictionary<string, ComputedKind> Kinds = new Dictionary<string, ComputedKind>
    {
        [OrderCount] = ComputedKind.Number,
        [Revenue] = ComputedKind.Number,
        [EventCount] = ComputedKind.Number,
        [FirstSeen] = ComputedKind.Date,
        [LastSeen] = ComputedKind.Date,
        [LastOrderAt] = ComputedKind.Date,
        [AcquisitionChannel] = ComputedKind.Text,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Every name, in the order errors list them.</summary>
    public static IReadOnlyList<string> Names { get; } =
        [OrderCount, Revenue, EventCount, FirstSeen, LastSeen, LastOrderAt, AcquisitionChannel];

    /// <summary>The kind of computed trait <paramref name="name"/>; false for an unknown name.</summary>
    public static bool TryGetKind(string name, out ComputedKind kind) => Kinds.TryGetValue(name, out kind);

    /// <summary>The operators a condition may apply to a computed trait of <paramref name="kind"/>.</summary>
    public static IReadOnlyList<ComparisonOp> OperatorsFor(ComputedKind kind) => kind switch
    {
        ComputedKind.Number => NumberOps,
        ComputedKind.Date => DateOps,
        _ => TextOps,
    };

    private static readonly ComparisonOp[] NumberOps =
    [
        ComparisonOp.Equal, ComparisonOp.NotEqual, ComparisonOp.In, ComparisonOp.GreaterThan,
        ComparisonOp.GreaterOrEqual, ComparisonOp.LessThan, ComparisonOp.LessOrEqual,
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

    /// <summary>The number value of a number trait.</summary>
    internal static decimal Number(string name, ProfileState profile) => name switch
    {
        OrderCount => profile.OrderCount,
        Revenue => profile.Revenue,
        _ => profile.EventCount,
    };

    /// <summary>The value of a date trait, or null when the profile has none (no events, no orders).</summary>
    internal static DateTimeOffset? Date(string name, ProfileState profile) => name switch
    {
        FirstSeen => profile.FirstSeen == DateTimeOffset.MaxValue ? null : profile.FirstSeen,
        LastSeen => profile.LastSeen == DateTimeOffset.MinValue ? null : profile.LastSeen,
        _ => profile.LastOrderAt,
    };

    /// <summary>The value of a text trait, or null.</summary>
    internal static string? Text(string name, ProfileState profile) => name switch
    {
        AcquisitionChannel => profile.Acquisition?.Channel,
        _ => null,
    };
}
