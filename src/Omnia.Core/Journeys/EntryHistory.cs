namespace Omnia.Core.Journeys;

/// <summary>One earlier entry of a profile into a journey (any version): its key, when it entered, when it left the steps (null: still in progress).</summary>
public sealed record EntryRecord(string? Key, DateTimeOffset EnteredAt, DateTimeOffset? ExitedAt)
{
    /// <summary>The record of an instance: in progress while it is waiting at a step.</summary>
    public static EntryRecord Of(JourneyInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return new EntryRecord(instance.EntryKey, instance.EnteredAt, instance.InProgress ? null : instance.ExitedAt ?? instance.UpdatedAt);
    }
}

/// <summary>
/// A profile's entries into one journey, which the entry rules look at. For a keyed trigger the engine may pass
/// only the records with the key at hand; records with other keys are ignored anyway.
/// </summary>
public sealed record EntryHistory(IReadOnlyList<EntryRecord> Entries)
{
    /// <summary>A profile that never entered.</summary>
    public static EntryHistory Empty { get; } = new([]);
}
