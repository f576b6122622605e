using Omnia.Core.Segments;

namespace Omnia.Core.Journeys;

/// <summary>
/// What the engine hands an instance: the clock reached an instant, an event of the profile arrived, the profile
/// entered or left a segment, or the engine stops it. <see cref="At"/> is the input's instant (an event's
/// timestamp); the runtime never reads a clock.
/// </summary>
public abstract record JourneyInput(DateTimeOffset At)
{
    /// <summary>The clock reached <paramref name="now"/>: fires every wake-up due by then.</summary>
    public static JourneyInput Time(DateTimeOffset now) => new TimeInput(now);

    /// <summary>An event of the profile (for waits, goals and exit criteria), at its timestamp.</summary>
    public static JourneyInput Event(ProfileEvent e) => new EventInput(e);

    /// <summary>The profile entered (<paramref name="entered"/>) or left segment <paramref name="slug"/> at <paramref name="at"/>.</summary>
    public static JourneyInput Segment(string slug, bool entered, DateTimeOffset at) => new SegmentInput(slug, entered, at);

    /// <summary>The engine ends the instance at <paramref name="at"/> (journey stopped, profile deleted or merged away).</summary>
    public static JourneyInput Stop(DateTimeOffset at) => new StopInput(at);
}

/// <summary>See <see cref="JourneyInput.Time"/>.</summary>
public sealed record TimeInput(DateTimeOffset Now) : JourneyInput(Now);

/// <summary>See <see cref="JourneyInput.Event"/>.</summary>
public sealed record EventInput(ProfileEvent Received) : JourneyInput(Received.Timestamp);

/// <summary>See <see cref="JourneyInput.Segment"/>.</summary>
public sealed record SegmentInput(string Slug, bool Entered, DateTimeOffset When) : JourneyInput(When);

/// <summary>See <see cref="JourneyInput.Stop"/>.</summary>
public sealed record StopInput(DateTimeOffset When) : JourneyInput(When);
