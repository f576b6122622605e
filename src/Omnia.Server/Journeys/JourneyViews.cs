using System.Text.Json;
using Omnia.Core.Journeys;

namespace Omnia.Server.Journeys;

/// <summary>A journey in the list: where it stands and its headline counts.</summary>
/// <param name="History">What it did over the history recorded before it went live (replayed, nothing sent), when that was stored.</param>
public sealed record JourneySummary(string Slug, string Name, string Status, int LiveVersion, DateTimeOffset UpdatedAt, long Entered, long Active, long Converted, RecordedHistory? History = null);

/// <summary>
/// One journey: its draft (as saved, even when invalid), the draft's problems (each <c>path: what to do</c>), whether
/// the draft differs from the live version, and its counts.
/// </summary>
public sealed record JourneyView(
    string Slug, string Name, string Status, int LiveVersion, DateTimeOffset UpdatedAt, JsonElement Draft, IReadOnlyList<string> Errors,
    bool UnpublishedChanges, JourneyCounts Counts, RecordedHistory? History = null);

/// <summary>Live counts: entries, instances at a step now, conversions, arrivals per step, exits per reason, and per split variant.</summary>
public sealed record JourneyCounts(
    long Entered, long Active, long Converted, IReadOnlyDictionary<string, long> Steps, IReadOnlyDictionary<string, long> Exits, IReadOnlyList<VariantCount> Variants)
{
    public static JourneyCounts None { get; } = new(0, 0, 0, new Dictionary<string, long>(), new Dictionary<string, long>(), []);

    public static JourneyCounts Of(JourneyCounters? counters) => counters is null ? None : new(
        counters.Entries, counters.Active, counters.Conversions,
        new SortedDictionary<string, long>(counters.StepArrivals, StringComparer.Ordinal),
        counters.Exits.ToDictionary(e => JsonNamingPolicy.CamelCase.ConvertName(e.Key.ToString()), e => e.Value),
        counters.Variants.OrderBy(v => v.Key.Split, StringComparer.Ordinal).ThenBy(v => v.Key.Variant, StringComparer.Ordinal)
            .Select(v => new VariantCount(v.Key.Split, v.Key.Variant, v.Value.Assigned, v.Value.Converted, Uplift(counters, v.Key.Split, v.Key.Variant, v.Value)))
            .ToList());

    /// <summary>A treated variant against its split's control group; null for the control group itself or a split without one.</summary>
    private static UpliftView? Uplift(JourneyCounters counters, string split, string variant, (long Assigned, long Converted) treated)
    {
        if (variant == SplitStep.ControlName || !counters.Variants.TryGetValue((split, SplitStep.ControlName), out var control) || control.Assigned == 0 || treated.Assigned == 0)
            return null;
        var e = UpliftEstimate.Compare((int)treated.Converted, (int)treated.Assigned, (int)control.Converted, (int)control.Assigned);
        return new UpliftView(e.Absolute, e.AbsoluteLow, e.AbsoluteHigh, e.Relative, e.RelativeLow, e.RelativeHigh, e.IsSignificantlyPositive);
    }
}

/// <summary>A split's variant (or <c>control</c>): instances assigned, how many of them converted, and the uplift over the control group.</summary>
public sealed record VariantCount(string Split, string Variant, long Assigned, long Converted, UpliftView? Uplift);

/// <summary>Uplift over the control group: absolute (difference of rates) and relative, each with its 95% interval.</summary>
public sealed record UpliftView(double Absolute, double AbsoluteLow, double AbsoluteHigh, double? Relative, double? RelativeLow, double? RelativeHigh, bool SignificantlyPositive);

/// <summary>A draft's check: valid, or every problem.</summary>
public sealed record ValidationView(bool Valid, IReadOnlyList<string> Errors);

/// <summary>A published version.</summary>
public sealed record VersionView(int Version, DateTimeOffset PublishedAt, string? PublishedBy, bool Live, JsonElement Definition);

/// <summary>What a dry run would have done: totals and, per message, to whom and when (at most 500 listed).</summary>
public sealed record DryRunView(
    DateTimeOffset From, DateTimeOffset To, int Profiles, int Entered, int InProgress, int MessageCount,
    IReadOnlyList<DryRunMessage> Messages, IReadOnlyDictionary<string, int> Exits, IReadOnlyDictionary<string, int> Refused, int Converted);

/// <summary>One message a dry run would have sent.</summary>
public sealed record DryRunMessage(string ProfileId, DateTimeOffset At, string Step, string Content, string Channel, string? EntryKey);
