namespace Omnia.Core.Segments;

/// <summary>The function an <see cref="AggregateRule"/> applies to the matching events.</summary>
public enum AggregateFunction
{
    Sum,
    Average,
    Min,
    Max,
    Count,
}

/// <summary>
/// A comparison of a number computed over the matching events, such as "sum of revenue ≥ 500". Events whose
/// <see cref="Property"/> is missing or not a number are left out of sum, average, min and max (a string holding
/// a number counts); <c>count</c> counts every matching event and needs no property. Average, min and max of
/// no values are undefined and never match; the sum of no values is 0.
/// </summary>
/// <param name="Op">One of equals, notEquals, gt, gte, lt, lte.</param>
public sealed record AggregateRule(AggregateFunction Function, string? Property, ComparisonOp Op, decimal Value);
