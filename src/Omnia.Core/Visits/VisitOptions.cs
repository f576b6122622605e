namespace Omnia.Core.Visits;

/// <summary>How a profile's events are cut into visits (<see cref="Sessionizer"/>); the defaults are web analytics' usual ones.</summary>
public sealed record VisitOptions
{
    /// <summary>30 minutes of inactivity per device, and 30 days for last non-direct.</summary>
    public static VisitOptions Default { get; } = new();

    /// <summary>A gap longer than this between two events on one device starts a new visit. Default 30 minutes.</summary>
    public TimeSpan Gap { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// How long a known source outlives a direct visit: a direct web or app visit that starts within this time of the
    /// start of the last web or app visit with a known source keeps that source (last non-direct). Default 30 days;
    /// zero turns it off.
    /// </summary>
    public TimeSpan DirectLookback { get; init; } = TimeSpan.FromDays(30);
}
