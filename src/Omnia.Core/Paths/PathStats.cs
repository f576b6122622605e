namespace Omnia.Core.Paths;

/// <summary>What the journeys that took one path add up to (mutable; one per path per worker, then merged).</summary>
internal sealed class PathStats
{
    public long Journeys;
    public long Conversions;
    public decimal Revenue;
    public List<long>? DurationTicks;

    public void Merge(PathStats other)
    {
        Journeys += other.Journeys;
        Conversions += other.Conversions;
        Revenue += other.Revenue;
        if (other.DurationTicks is { } durations)
            (DurationTicks ??= []).AddRange(durations);
    }
}
