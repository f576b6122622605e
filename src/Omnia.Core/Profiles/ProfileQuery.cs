using Omnia.Core.Audiences;
using Omnia.Core.Events;
using Omnia.Core.Identity;
using Omnia.Core.Lifecycle;

namespace Omnia.Core.Profiles;

/// <summary>How a list of profiles is ordered.</summary>
public enum ProfileSort
{
    LastSeen,
    FirstSeen,
    Events,
    Orders,
    Revenue,
}

/// <summary>
/// Which profiles a list shows, and in what order: every filter given must hold (none: everybody). Text matches an
/// identifier's start or a trait value anywhere, ignoring case; a trait filter without a value asks that the profile
/// has the trait; a channel filter asks for at least one touchpoint on that channel.
/// </summary>
public sealed record ProfileQuery
{
    public string? Text { get; init; }

    /// <summary>Members of this segment.</summary>
    public long? SegmentId { get; init; }

    /// <summary>Assigned to this persona (its key).</summary>
    public string? Persona { get; init; }

    public LifecycleStage? Stage { get; init; }

    public string? Trait { get; init; }

    /// <summary>With <see cref="Trait"/>: its value contains this (ignoring case).</summary>
    public string? TraitValue { get; init; }

    /// <summary>Has at least one touchpoint on this channel.</summary>
    public string? Channel { get; init; }

    /// <summary>Was acquired through this channel (first touch).</summary>
    public string? AcquisitionChannel { get; init; }

    public ProfileSort Sort { get; init; } = ProfileSort.LastSeen;

    public bool Descending { get; init; } = true;

    /// <summary>Whether a profile passes every filter.</summary>
    public bool Matches(ProfileState profile, IReadOnlyList<Identifier> identifiers, StoredAudience? audience)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(identifiers);
        if (SegmentId is { } segment && (audience is null || !audience.Segments.Contains(segment)))
            return false;
        if (Persona is not null && audience?.Persona != Persona)
            return false;
        if (Stage is { } stage && audience?.LifecycleStage != stage)
            return false;
        if (Channel is not null && profile.ChannelCounts.GetValueOrDefault(Channel) == 0)
            return false;
        if (AcquisitionChannel is not null && profile.Acquisition?.Channel != AcquisitionChannel)
            return false;
        if (Trait is not null)
        {
            if (!profile.Traits.TryGetValue(Trait, out var value) || !value.Value.IsPresent)
                return false;
            if (!string.IsNullOrEmpty(TraitValue) && !Contains(value.Value, TraitValue))
                return false;
        }

        if (string.IsNullOrWhiteSpace(Text))
            return true;
        var text = Text.Trim();
        foreach (var identifier in identifiers)
        {
            if (identifier.Value.StartsWith(text, StringComparison.OrdinalIgnoreCase))
                return true;
        }

        foreach (var value in profile.Traits.Values)
        {
            if (Contains(value.Value, text))
                return true;
        }

        return false;
    }

    /// <summary>The sort key: a number that orders profiles as <see cref="Sort"/> asks (ascending).</summary>
    public decimal SortKey(ProfileState profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return Sort switch
        {
            ProfileSort.FirstSeen => profile.EventCount == 0 ? 0 : profile.FirstSeen.UtcTicks,
            ProfileSort.Events => profile.EventCount,
            ProfileSort.Orders => profile.OrderCount,
            ProfileSort.Revenue => profile.Revenue,
            _ => profile.EventCount == 0 ? 0 : profile.LastSeen.UtcTicks,
        };
    }

    /// <summary>Whether a value (its text, a number as written, any item of a list) contains the text, ignoring case.</summary>
    public static bool Contains(EventValue value, string text) => value.Kind switch
    {
        EventValueKind.String => value.String!.Contains(text, StringComparison.OrdinalIgnoreCase),
        EventValueKind.Number => value.ToJson().Contains(text, StringComparison.OrdinalIgnoreCase),
        EventValueKind.True or EventValueKind.False => value.ToJson().Equals(text, StringComparison.OrdinalIgnoreCase),
        EventValueKind.Array => value.Items.Any(item => Contains(item, text)),
        _ => false,
    };
}
