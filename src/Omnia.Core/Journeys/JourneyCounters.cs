namespace Omnia.Core.Journeys;

/// <summary>
/// Live counts of one journey (all versions): entries, instances still at a step, arrivals per step, exits per
/// reason, conversions, and per split variant how many were assigned and how many converted — what the journey's
/// page shows and what uplift against the control group is computed from. Derived state: kept by the engine.
/// </summary>
public sealed class JourneyCounters
{
    public long Entries { get; set; }

    /// <summary>Instances waiting at a step now.</summary>
    public long Active { get; set; }

    public long Conversions { get; set; }

    public Dictionary<string, long> StepArrivals { get; } = new(StringComparer.Ordinal);

    public Dictionary<ExitReason, long> Exits { get; } = [];

    /// <summary>Per (split, variant): instances assigned to it, and those of them that converted.</summary>
    public Dictionary<(string Split, string Variant), (long Assigned, long Converted)> Variants { get; } = [];

    /// <summary>A copy, for readers on other threads.</summary>
    public JourneyCounters Copy()
    {
        var copy = new JourneyCounters { Entries = Entries, Active = Active, Conversions = Conversions };
        foreach (var (k, v) in StepArrivals)
            copy.StepArrivals[k] = v;
        foreach (var (k, v) in Exits)
            copy.Exits[k] = v;
        foreach (var (k, v) in Variants)
            copy.Variants[k] = v;
        return copy;
    }
}
