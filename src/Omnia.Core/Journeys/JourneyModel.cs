namespace Omnia.Core.Journeys;

/// <summary>
/// What a workspace's journey engine runs: the live version of every live journey (new entries start on it), and
/// every version that running instances may still be on (an instance finishes on the version it started on).
/// Immutable and safe to share between threads.
/// </summary>
public sealed class JourneyModel
{
    private readonly Dictionary<(long JourneyId, int Version), CompiledJourney> _versions;

    public JourneyModel(int workspaceId, IReadOnlyList<CompiledJourney> live, IEnumerable<CompiledJourney> otherVersions)
    {
        ArgumentNullException.ThrowIfNull(live);
        ArgumentNullException.ThrowIfNull(otherVersions);
        WorkspaceId = workspaceId;
        Live = live;
        _versions = live.Concat(otherVersions).DistinctBy(j => (j.JourneyId, j.Version)).ToDictionary(j => (j.JourneyId, j.Version));
    }

    /// <summary>A workspace with no journeys.</summary>
    public static JourneyModel Empty(int workspaceId) => new(workspaceId, [], []);

    public int WorkspaceId { get; }

    /// <summary>The workspace's contact policy, whose consent rules decide who choose-channel steps can reach.</summary>
    public Messaging.ContactPolicy Policy { get; init; } = Messaging.ContactPolicy.Default;

    /// <summary>The journeys people can enter now, each at its latest published version.</summary>
    public IReadOnlyList<CompiledJourney> Live { get; }

    /// <summary>A version of a journey, or null when it is unknown (deleted).</summary>
    public CompiledJourney? Version(long journeyId, int version) => _versions.GetValueOrDefault((journeyId, version));
}
