using Omnia.Core.Identity;

namespace Omnia.Core.Profiles;

/// <summary>
/// The derived-state changes from one run of the profile processor over a stretch of the log,
/// persisted in one transaction together with the checkpoint, so a crash replays from the last
/// checkpoint and never applies an event twice.
/// </summary>
public sealed class ProjectionBatch
{
    /// <summary>Profiles created or changed, as they are now.</summary>
    public List<ProfileState> Profiles { get; } = [];

    /// <summary>Identifiers newly attached to a profile (or moved to it by a merge).</summary>
    public List<ProfileIdentifier> Identifiers { get; } = [];

    /// <summary>Which profile each new event belongs to, in log order.</summary>
    public List<EventLink> Links { get; } = [];

    /// <summary>Merges in the order they happened; applied after <see cref="Links"/>.</summary>
    public List<MergeRecord> Merges { get; } = [];

    /// <summary>Events per (workspace, day, channel) added by this batch, for channel KPIs over time.</summary>
    public Dictionary<(int WorkspaceId, DateOnly Day, string Channel), long> ChannelDays { get; } = [];

    /// <summary>Counts one event of a channel on its (UTC) day.</summary>
    public void CountChannelDay(int workspaceId, DateTimeOffset timestamp, string channel)
    {
        var key = (workspaceId, DateOnly.FromDateTime(timestamp.UtcDateTime), channel);
        ChannelDays[key] = ChannelDays.GetValueOrDefault(key) + 1;
    }

    /// <summary>The last log position this batch covers.</summary>
    public long Checkpoint { get; set; }

    /// <summary>The id the next new profile will get.</summary>
    public long NextProfileId { get; set; }
}

/// <summary>
/// Event <see cref="Seq"/> (at <see cref="Timestamp"/>, named <see cref="Name"/>: the track event, page or screen
/// name) belongs to profile <see cref="ProfileId"/>. The name lets readers fetch only the events they look at.
/// </summary>
public readonly record struct EventLink(long ProfileId, long Seq, DateTimeOffset Timestamp, string? Name = null);

/// <summary>An identifier of a profile in a workspace.</summary>
public readonly record struct ProfileIdentifier(int WorkspaceId, Identifier Identifier, long ProfileId);

/// <summary>A recorded merge: profile <see cref="From"/> became part of <see cref="Into"/> at log position <see cref="Seq"/>.</summary>
public sealed record MergeRecord(int WorkspaceId, long From, long Into, long Seq, DateTimeOffset At, IReadOnlyList<Identifier> Moved);

/// <summary>Where the profile processor stopped, and the next profile id it will hand out.</summary>
public readonly record struct ProjectionCheckpoint(long Seq, long NextProfileId);
