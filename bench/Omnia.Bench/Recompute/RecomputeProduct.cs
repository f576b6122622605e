using System.Diagnostics;
using Omnia.Core.Audiences;
using Omnia.Core.Processing;
using Omnia.Core.Profiles;
using Omnia.Core.Segments;

namespace Omnia.Bench.Recompute;

/// <summary>
/// The product's own recompute path on the same data: the generated profiles are put into a
/// <see cref="DerivedState"/> (as the log would have built it), membership is decided for a workspace with no
/// segments, then a segment is saved (a new model) and <see cref="DerivedProcessor.RunAudiences"/> runs until the
/// recompute is done — deciding, recording entries, updating member lists and timers, in chunks, as a running server
/// does after a segment edit.
/// </summary>
public static class RecomputeProduct
{
    public static (DerivedState State, DerivedProcessor Processor) Load(ProfileFacts[] profiles)
    {
        var state = new DerivedState(null!, null!);
        // The generated events carry every property, so the state needs no backfill from a log.
        var kept = RecomputeCase.All.SelectMany(c => SegmentDefinition.Parse(c.SegmentJson).Definition!.PropertyNames([]));
        state.Load(profiles.Select(f => (f.Profile, (ProfileEvent[])f.Events)), kept);
        var processor = new DerivedProcessor(state, _ => ProcessingRules.Default);
        var empty = AudienceModel.Empty(1);
        while (processor.RunAudiences([empty], RecomputeData.Now) > 0)
        {
            processor.DrainTransitions();
        }

        return (state, processor);
    }

    /// <summary>Times the recompute after <paramref name="json"/> is saved as a new segment; returns its members and time.</summary>
    public static RecomputeAnswer Recompute((DerivedState State, DerivedProcessor Processor) loaded, long segmentId, string json)
    {
        var definition = SegmentDefinition.Parse(json).Definition!;
        var segment = new StoredSegment(segmentId, 1, $"bench-{segmentId}", definition, 1, RecomputeData.Now, RecomputeData.Now);
        var model = AudienceModel.Build(1, [segment], AudienceSettings.Default);
        var clock = Stopwatch.StartNew();
        long transitions = 0;
        while (loaded.Processor.RunAudiences([model], RecomputeData.Now) > 0)
        {
            transitions += loaded.Processor.DrainTransitions().Count;
        }

        double milliseconds = clock.Elapsed.TotalMilliseconds;
        var members = loaded.State.MemberIds(segmentId);
        return new RecomputeAnswer(members.Count, members.Sum(), milliseconds);
    }
}
