namespace Omnia.Core.Journeys;

/// <summary>
/// Replays a journey over recorded history and reports what it would have done, without doing any of it: the
/// same entry decisions and the same <see cref="JourneyRuntime"/>, driven by a simulated clock that jumps from one
/// happening to the next (an event, a segment change, a trait change, a date or broadcast occurrence, an instance's
/// wake-up). Pure: history in, report out.
/// </summary>
/// <remarks>
/// What a replay cannot know: engagement with messages it only imagines (a last-message test is always false), and
/// the contact policy's verdicts (it reports what the journey asks to send). Computed basics (orders, revenue) stay
/// as the profile had them at the start; traits follow the snapshots.
/// </remarks>
public static class JourneyDryRun
{
    /// <summary>Replays the journey over each profile's history.</summary>
    public static DryRunReport Run(CompiledJourney journey, IEnumerable<ProfileHistory> profiles, DryRunOptions options)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        var results = new List<ProfileDryRun>();
        var nextId = options.FirstInstanceId;
        foreach (var profile in profiles)
        {
            var result = new DryRunSimulation(journey, profile, options, nextId).Run();
            nextId += result.Instances.Count;
            results.Add(result);
        }
        return new DryRunReport(results);
    }

    /// <summary>Replays the journey over one profile's history.</summary>
    public static ProfileDryRun Run(CompiledJourney journey, ProfileHistory profile, DryRunOptions options) =>
        new DryRunSimulation(journey, profile, options, options.FirstInstanceId).Run();
}
