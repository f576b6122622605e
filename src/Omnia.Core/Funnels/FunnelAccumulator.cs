using Omnia.Core.Audiences;
using Omnia.Core.Events;
using Omnia.Core.Paths;
using Omnia.Core.Profiles;
using Omnia.Core.Segments;
using Omnia.Core.Touchpoints;

namespace Omnia.Core.Funnels;

/// <summary>
/// Counts how far each person it is shown got into a funnel (one accumulator per worker of a scan), per breakdown
/// group, with the times between steps; and the answers to the funnel's survey. <see cref="FunnelReport.Build"/>
/// merges the accumulators.
/// </summary>
public sealed class FunnelAccumulator
{
    private readonly FunnelMatcher _matcher;
    private readonly FunnelQuery _query;
    private readonly long[] _reached;
    private readonly string? _surveySlug;
    private readonly string _surveyProperty = string.Intern(FunnelSurvey.SurveyProperty);
    private readonly string _answerProperty = string.Intern(FunnelSurvey.AnswerProperty);

    /// <param name="matcher">The funnel.</param>
    /// <param name="query">The period and breakdown.</param>
    /// <param name="surveySlug">The survey whose answers to count (the funnel's slug), or null.</param>
    public FunnelAccumulator(FunnelMatcher matcher, FunnelQuery query, string? surveySlug = null)
    {
        ArgumentNullException.ThrowIfNull(matcher);
        ArgumentNullException.ThrowIfNull(query);
        (_matcher, _query, _surveySlug) = (matcher, query, surveySlug);
        _reached = new long[matcher.StepCount];
    }

    /// <summary>Per group: people per depth reached (index 0: started, never got further…), and the step-to-step durations.</summary>
    internal Dictionary<string, (long[] Depths, List<long>[] Durations)> Groups { get; } = new(StringComparer.Ordinal);

    /// <summary>Each person's latest survey answer, counted per answer.</summary>
    internal Dictionary<string, long> Answers { get; } = new(StringComparer.Ordinal);

    internal FunnelMatcher Matcher => _matcher;

    internal FunnelQuery Query => _query;

    /// <summary>Adds one person (the signature of a <c>DerivedState.Scan</c> visitor).</summary>
    public void Add(ProfileState profile, ReadOnlySpan<ProfileEvent> events, StoredAudience? audience)
    {
        if (_surveySlug is not null)
            CountAnswer(events);
        var depth = _matcher.Match(events, _query.From.UtcTicks, _query.To.UtcTicks, _reached);
        if (depth == 0)
            return;
        var group = GroupOf(events, audience, profile);
        if (!Groups.TryGetValue(group, out var stats))
        {
            stats = (new long[_matcher.StepCount], Enumerable.Range(0, _matcher.StepCount).Select(_ => new List<long>()).ToArray());
            Groups[group] = stats;
        }

        stats.Depths[depth - 1]++;
        for (var k = 1; k < depth; k++)
            stats.Durations[k].Add(_reached[k] - _reached[k - 1]);
    }

    private void CountAnswer(ReadOnlySpan<ProfileEvent> events)
    {
        for (var i = events.Length - 1; i >= 0; i--)
        {
            ref readonly var e = ref events[i];
            if (e.Name != FunnelSurvey.AnswerEvent || e.Properties[_surveyProperty].String != _surveySlug)
                continue;
            if (e.Properties[_answerProperty] is { Kind: EventValueKind.String } answer)
                Answers[answer.String!] = Answers.GetValueOrDefault(answer.String!) + 1;
            return;
        }
    }

    private string GroupOf(ReadOnlySpan<ProfileEvent> events, StoredAudience? audience, ProfileState profile) => _query.Breakdown switch
    {
        PathBreakdown.None => "all",
        PathBreakdown.Persona => audience?.Persona ?? "none",
        PathBreakdown.Segment => _query.SegmentId is { } segment && audience is not null && audience.Segments.Contains(segment) ? "member" : "not member",
        PathBreakdown.Device => DeviceTypes.Name(FirstStepDevice(events)),
        _ => Acquisition(events),
    };

    private DeviceType FirstStepDevice(ReadOnlySpan<ProfileEvent> events)
    {
        foreach (ref readonly var e in events)
        {
            if (e.UtcTicks > _reached[0])
                break;
            if (e.UtcTicks == _reached[0] && e.Device != DeviceType.Unknown)
                return e.Device;
        }

        return DeviceType.Unknown;
    }

    private static string Acquisition(ReadOnlySpan<ProfileEvent> events)
    {
        foreach (var visit in Visits.Sessionizer.Of(events))
        {
            if (visit.IsTouchpoint)
                return visit.Channel;
        }

        return "none";
    }
}
