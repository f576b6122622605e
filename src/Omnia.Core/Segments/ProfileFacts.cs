using System.Runtime.InteropServices;
using Omnia.Core.Lifecycle;
using Omnia.Core.Profiles;

namespace Omnia.Core.Segments;

/// <summary>
/// Everything a segment is evaluated over for one profile: its state (traits, computed basics, consent) and
/// its events in timestamp order (equal timestamps in log order). Events count as they are given: the
/// caller passes what the log holds, and an event stamped after now (clock skew) counts as recent.
/// </summary>
/// <remarks>
/// The optional parts default to "none": no persona, no lifecycle stage, and <see cref="AudienceContext.Default"/>
/// (default RFM breakpoints, no data-defined computed traits), so <c>new ProfileFacts(profile, events)</c> works.
/// </remarks>
public sealed record ProfileFacts(ProfileState Profile, IReadOnlyList<ProfileEvent> Events)
{
    /// <summary>The profile's persona key (<c>"p1"</c>), for <c>{"persona":…}</c> conditions; null when it has none.</summary>
    public string? Persona { get; init; }

    /// <summary>
    /// The profile's lifecycle stage (from <see cref="LifecycleEvaluator"/>), for <c>{"lifecycleStage":…}</c>
    /// conditions; null when it has none.
    /// </summary>
    public LifecycleStage? LifecycleStage { get; init; }

    /// <summary>The workspace's RFM breakpoints and data-defined computed traits.</summary>
    public AudienceContext Audience { get; init; } = AudienceContext.Default;

    /// <summary>The events as a span: without copying for arrays, array segments and lists.</summary>
    internal ReadOnlySpan<ProfileEvent> EventSpan => Events switch
    {
        ProfileEvent[] array => array,
        ArraySegment<ProfileEvent> segment => segment.AsSpan(),
        List<ProfileEvent> list => CollectionsMarshal.AsSpan(list),
        _ => Events.ToArray(),
    };

    /// <summary>Throws unless the events are in timestamp order, which every evaluator relies on.</summary>
    internal void CheckEventOrder(string paramName)
    {
        var events = EventSpan;
        for (var i = 1; i < events.Length; i++)
        {
            if (events[i].UtcTicks < events[i - 1].UtcTicks)
                throw new ArgumentException($"Events must be in timestamp order; event {i} is earlier than event {i - 1}.", paramName);
        }
    }
}
