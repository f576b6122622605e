using Omnia.Core.Segments;

namespace Omnia.Core.Journeys;

/// <summary>Wait for a length of time (<c>{"type":"wait","duration":"2d","next":"…"}</c>).</summary>
public sealed record WaitStep(string Id, SegmentDuration Duration, string Next) : JourneyStep(Id)
{
    public override string Type => "wait";

    public override IEnumerable<StepEdge> Edges => [new("next", Next)];

    public override bool AlwaysPauses => true;
}

/// <summary>
/// Wait until a time on the profile's clock: the next <see cref="Time"/> of day (<c>{"type":"waitUntil","time":"09:00","next":"…"}</c>),
/// or the date in trait <see cref="Trait"/> shifted by <see cref="Offset"/>, at <see cref="Time"/> (midnight when left out)
/// (<c>{"type":"waitUntil","trait":"renewal_date","offset":"-7d","time":"09:00","next":"…","missed":"…"}</c>). When that
/// moment has passed, or the trait holds no date, the instance goes to <see cref="Missed"/> (or <see cref="Next"/>) at once.
/// </summary>
/// <param name="Time">Required without a trait.</param>
/// <param name="Missed">Where to go when the trait's moment has passed or the trait holds no date; null: <see cref="Next"/>.</param>
public sealed record WaitUntilStep(string Id, TimeOnly? Time, string? Trait, DateOffset Offset, string Next, string? Missed = null) : JourneyStep(Id)
{
    public override string Type => "waitUntil";

    public override IEnumerable<StepEdge> Edges => Missed is null ? [new("next", Next)] : [new("next", Next), new("missed", Missed)];
}

/// <summary>
/// Wait for an event matching <see cref="Event"/>, at most <see cref="Timeout"/>
/// (<c>{"type":"waitForEvent","event":{"name":"Order Completed"},"matchKey":"cart_id","timeout":"1h","onEvent":"…","onTimeout":"…"}</c>).
/// Only events stamped at or after the moment the instance arrived here count.
/// </summary>
/// <param name="MatchKey">When given, the event's property of this name must equal the entry key (the same cart).</param>
public sealed record WaitForEventStep(string Id, EventFilter Event, string? MatchKey, SegmentDuration Timeout, string OnEvent, string OnTimeout)
    : JourneyStep(Id)
{
    public override string Type => "waitForEvent";

    public override IEnumerable<StepEdge> Edges => [new("onEvent", OnEvent), new("onTimeout", OnTimeout)];

    public override bool AlwaysPauses => true;
}
