using Omnia.Core.Segments;

namespace Omnia.Core.Goals;

/// <summary>
/// A conversion goal, defined as data: the events that convert (name and property filters, as in segment
/// conditions), the property that holds each conversion's value, how far back touchpoints count, and which
/// touchpoints count. The target of paths, attribution and channel KPIs:
/// <c>{"version":1,"name":"Purchase","event":{"name":"Order Completed"},"value":"revenue","lookback":"30d"}</c>.
/// </summary>
/// <param name="Slug">Lowercase letters, digits and hyphens: the goal's key in URLs.</param>
/// <param name="Name">What people read.</param>
/// <param name="Description">Optional.</param>
/// <param name="Event">The events that convert.</param>
/// <param name="ValueProperty">The number property that holds a conversion's value (<c>revenue</c>); null: conversions have no value.</param>
/// <param name="Lookback">How long before a conversion its touchpoints count (default 30 days).</param>
/// <param name="Touchpoints">Which touchpoints count.</param>
public sealed record ConversionGoal(
    string Slug,
    string Name,
    string? Description,
    EventFilter Event,
    string? ValueProperty,
    SegmentDuration Lookback,
    GoalTouchpoints Touchpoints)
{
    /// <summary>The format version this code reads and writes.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The lookback when none is given: 30 days.</summary>
    public static SegmentDuration DefaultLookback { get; } = SegmentDuration.Days(30);

    /// <summary>The goal every workspace has until it saves its own: an <c>Order Completed</c>, valued by its <c>revenue</c>.</summary>
    public static ConversionGoal Purchase { get; } = new(
        "purchase", "Purchase", "Every completed order, valued by its revenue.", new EventFilter("Order Completed"), "revenue", DefaultLookback, GoalTouchpoints.Default);

    /// <summary>The event property names the goal reads (its filters' and its value's): events must keep them.</summary>
    public IEnumerable<string> PropertyNames() =>
        [.. Event.Where.Select(w => w.Property), .. ValueProperty is { } value ? [value] : Array.Empty<string>()];

    /// <summary>
    /// Reads and checks a goal for <paramref name="slug"/>. Never throws for bad input: the result holds the goal or
    /// every problem, each with its JSON path (<c>event.where[0].op: …</c>, <c>touchpoints.messages: …</c>).
    /// </summary>
    public static GoalParseResult Parse(string json, string slug) => GoalJsonReader.Read(json, slug);

    /// <summary>Reads a list of saved goals (each with its <c>slug</c>) as <see cref="ToJson(IEnumerable{ConversionGoal})"/> wrote them.</summary>
    /// <exception cref="FormatException">A saved goal no longer reads.</exception>
    public static IReadOnlyList<ConversionGoal> ParseList(string json) => GoalJsonReader.ReadList(json);

    /// <summary>The goal as JSON, with its slug, in the canonical form <see cref="Parse"/> reads back to an equal goal.</summary>
    public string ToJson(bool indented = false) => GoalJsonWriter.Write(this, indented);

    /// <summary>A list of goals as one JSON array.</summary>
    public static string ToJson(IEnumerable<ConversionGoal> goals) => "[" + string.Join(",", goals.Select(g => g.ToJson())) + "]";

    public bool Equals(ConversionGoal? other) =>
        other is not null && Slug == other.Slug && Name == other.Name && Description == other.Description && Event.Equals(other.Event)
        && ValueProperty == other.ValueProperty && Lookback == other.Lookback && Touchpoints.Equals(other.Touchpoints);

    public override int GetHashCode() => HashCode.Combine(Slug, Name, Event, ValueProperty, Lookback);
}

/// <summary>Either a goal or every problem that keeps a document from being one.</summary>
public sealed record GoalParseResult(ConversionGoal? Goal, IReadOnlyList<SegmentError> Errors)
{
    public bool IsValid => Goal is not null;
}
