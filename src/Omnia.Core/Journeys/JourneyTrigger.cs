using Omnia.Core.Segments;

namespace Omnia.Core.Journeys;

/// <summary>
/// What starts an instance of a journey for a profile. In JSON an object with exactly one key naming its kind:
/// <c>event</c>, <c>segmentEntry</c>, <c>segmentExit</c>, <c>date</c>, <c>schedule</c> or <c>api</c>.
/// Whether the profile then enters is the <see cref="EntryRules"/>' call (<see cref="JourneyEntry.Decide"/>).
/// </summary>
public abstract record JourneyTrigger
{
    private protected JourneyTrigger()
    {
    }

    /// <summary>
    /// Whether instances are told apart by a key (an event's <c>cart_id</c>, a birthday's date, a broadcast's
    /// instant), so that the entry rules apply per key rather than per profile.
    /// </summary>
    public abstract bool IsKeyed { get; }
}

/// <summary>
/// An event matching <see cref="Event"/> (<c>{"event":{"name":"Product Added","where":[…],"key":"cart_id"}}</c>).
/// With <see cref="Key"/>, the instance is keyed by that property's value: the entry rules apply per key, and
/// steps may require later events to carry the same value.
/// </summary>
public sealed record EventTrigger(EventFilter Event, string? Key = null) : JourneyTrigger
{
    public override bool IsKeyed => Key is not null;
}

/// <summary>Whether a segment trigger fires when a profile enters the segment or when it leaves it.</summary>
public enum SegmentEdge
{
    /// <summary><c>segmentEntry</c>.</summary>
    Entry,

    /// <summary><c>segmentExit</c>.</summary>
    Exit,
}

/// <summary>
/// A profile entering (<c>{"segmentEntry":"lapsed-vips"}</c>) or leaving (<c>{"segmentExit":"trial-users"}</c>) a
/// segment. <see cref="EntryRules.EdgeTriggered"/> decides whether profiles already in it when the journey starts
/// enter too.
/// </summary>
public sealed record SegmentTrigger(string Slug, SegmentEdge Edge) : JourneyTrigger
{
    public override bool IsKeyed => false;
}

/// <summary>
/// A date held in a trait, shifted by <see cref="Offset"/>, at <see cref="At"/> in the profile's time zone:
/// <c>{"date":{"trait":"birthday","yearly":true,"at":"09:00"}}</c>,
/// <c>{"date":{"trait":"renewal_date","offset":"-7d","at":"09:00"}}</c>. Keyed by the date's occurrence, so the
/// entry rules apply per birthday. See <see cref="DateTraitSchedule"/> for how occurrences are found.
/// </summary>
/// <param name="Yearly">Every year on the date's month and day (29 February falls on 28 February in other years).</param>
public sealed record DateTrigger(string Trait, DateOffset Offset, TimeOnly At, bool Yearly) : JourneyTrigger
{
    public override bool IsKeyed => true;

    /// <summary>
    /// The first occurrence strictly after <paramref name="after"/> for a profile whose trait holds
    /// <paramref name="traitValue"/> and who lives in <paramref name="zone"/>; null when the trait holds no date or
    /// (not yearly) its one occurrence has passed.
    /// </summary>
    public DateOccurrence? NextOccurrence(Omnia.Core.Events.EventValue traitValue, TimeZoneInfo zone, DateTimeOffset after) =>
        DateTraitSchedule.Next(this, traitValue, zone, after);
}

/// <summary>
/// A broadcast to the members of <see cref="Segment"/>: once at <see cref="At"/>
/// (<c>{"schedule":{"segment":"newsletter","at":"2025-12-01T09:00:00Z"}}</c>), or at every occurrence of a cron
/// expression in <see cref="TimeZone"/> (<c>{"schedule":{"segment":"newsletter","cron":"0 9 * * MON","timeZone":"Europe/Berlin"}}</c>).
/// Keyed by the occurrence's instant.
/// </summary>
/// <param name="Cron">Five fields (minute hour day-of-month month day-of-week), read by Cronos.</param>
/// <param name="TimeZone">An IANA time zone id for <see cref="Cron"/> (<c>UTC</c> by default); null with <see cref="At"/>.</param>
public sealed record ScheduleTrigger(string Segment, DateTimeOffset? At, string? Cron, string? TimeZone) : JourneyTrigger
{
    public override bool IsKeyed => true;

    /// <summary>The first broadcast strictly after <paramref name="after"/>, or null when there is none.</summary>
    public DateTimeOffset? NextOccurrence(DateTimeOffset after) => BroadcastSchedule.Next(this, after);

    /// <summary>Every broadcast in [<paramref name="from"/>, <paramref name="to"/>), in order.</summary>
    public IReadOnlyList<DateTimeOffset> Occurrences(DateTimeOffset from, DateTimeOffset to) => BroadcastSchedule.Between(this, from, to);
}

/// <summary>
/// An API call naming the profile (<c>{"api":{}}</c>, or <c>{"api":{"key":"order_id"}}</c> to key instances by a
/// property of the call).
/// </summary>
public sealed record ApiTrigger(string? Key = null) : JourneyTrigger
{
    public override bool IsKeyed => Key is not null;
}
