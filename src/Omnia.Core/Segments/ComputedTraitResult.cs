namespace Omnia.Core.Segments;

/// <summary>
/// A computed trait's value for one profile at the evaluated instant, and <see cref="ChangesAt"/>: the earliest
/// later instant at which the value changes from the passage of time alone (an event ageing out of a moving
/// window, another whole day since the last order), or null for never. Exact: the value is the same at every
/// instant in [now, ChangesAt) and differs at ChangesAt.
/// </summary>
/// <param name="Value">
/// A <see cref="decimal"/> (number), <see cref="string"/> (text), <see cref="DateTimeOffset"/> (a date, including
/// an event property holding an ISO-8601 date), <see cref="bool"/> (a boolean property), or null when the profile
/// has none.
/// </param>
public readonly record struct ComputedTraitResult(object? Value, DateTimeOffset? ChangesAt);
