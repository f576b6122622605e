using Omnia.Core.Visits;

namespace Omnia.Server.Measurement;

/// <summary>A workspace's visit settings as JSON: <c>{"gapMinutes":30,"directLookbackDays":30}</c>.</summary>
/// <param name="GapMinutes">Minutes of inactivity on a device that end a visit (1 to 1440).</param>
/// <param name="DirectLookbackDays">Days a known source outlives direct visits (0 to 365; 0 turns last non-direct off).</param>
public sealed record VisitSettings(int GapMinutes, int DirectLookbackDays)
{
    public static VisitSettings Default { get; } = new(30, 30);

    /// <summary>The sessionisation options these settings stand for.</summary>
    public VisitOptions ToOptions() => new() { Gap = TimeSpan.FromMinutes(GapMinutes), DirectLookback = TimeSpan.FromDays(DirectLookbackDays) };

    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (GapMinutes is < 1 or > 1440)
            problems.Add($"gapMinutes: {GapMinutes} is outside 1 to 1440 (a day); web analytics use 30");
        if (DirectLookbackDays is < 0 or > 365)
            problems.Add($"directLookbackDays: {DirectLookbackDays} is outside 0 to 365; 0 turns last non-direct off");
        return problems;
    }
}
