using System.Globalization;
using Omnia.Core.Attribution;
using Omnia.Core.Audiences;
using Omnia.Core.Goals;
using Omnia.Core.Kpis;
using Omnia.Core.Paths;
using Omnia.Core.Segments;
using Omnia.Core.Visits;

namespace Omnia.Server.Measurement;

/// <summary>
/// Reads the query parameters the measurement endpoints share (<c>goal</c>, <c>from</c>/<c>to</c> or <c>month</c>,
/// <c>level</c>, <c>breakdown</c>, <c>segment</c>, …), collecting one sentence per problem so a request is answered
/// with every mistake at once.
/// </summary>
public sealed class MeasurementParameters(HttpRequest request, TimeProvider clock)
{
    private readonly List<string> _errors = [];

    /// <summary>What is wrong with the query so far.</summary>
    public IReadOnlyList<string> Errors => _errors;

    private string? Get(string name) => request.Query.TryGetValue(name, out var values) && values.Count > 0 && !string.IsNullOrWhiteSpace(values[0]) ? values[0]!.Trim() : null;

    /// <summary>
    /// The days covered: <c>month=2026-11</c>, or <c>from</c> (inclusive) and <c>to</c> (exclusive) as ISO dates; by
    /// default the last <paramref name="defaultDays"/> days up to today included.
    /// </summary>
    public (DateOnly From, DateOnly To) Days(int defaultDays = 30)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (Get("month") is { } month)
        {
            if (Get("from") is not null || Get("to") is not null)
                _errors.Add("month: give either month or from/to, not both");
            if (ParseMonth(month) is { } first)
                return (first, first.AddMonths(1));
            _errors.Add($"month: '{month}' is not a month; use 2026-11");
            return (today, today.AddDays(1));
        }

        var to = Date("to") ?? today.AddDays(1);
        var from = Date("from") ?? to.AddDays(-defaultDays);
        if (from >= to)
            _errors.Add($"from ({from:yyyy-MM-dd}) must be before to ({to:yyyy-MM-dd}); to is the day after the last one counted");
        else if (to.DayNumber - from.DayNumber > 3 * 366)
            _errors.Add("from/to: cover at most three years");
        return (from, to);
    }

    /// <summary>The days as instants (UTC midnight to UTC midnight).</summary>
    public (DateTimeOffset From, DateTimeOffset To) Range(int defaultDays = 30)
    {
        var (from, to) = Days(defaultDays);
        return (Instant(from), Instant(to));
    }

    public static DateTimeOffset Instant(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>Reads <c>2026-11</c> as its first day.</summary>
    public static DateOnly? ParseMonth(string text) =>
        DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first) ? first : null;

    private DateOnly? Date(string name)
    {
        if (Get(name) is not { } text)
            return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return day;
        _errors.Add($"{name}: '{text}' is not a date; use 2026-11-01");
        return null;
    }

    /// <summary>The goal named by <c>goal</c> (the workspace's first goal without it).</summary>
    public ConversionGoal? Goal(IReadOnlyList<ConversionGoal> goals)
    {
        var slug = Get("goal");
        var goal = slug is null ? goals.FirstOrDefault() : goals.FirstOrDefault(g => g.Slug == slug);
        if (goal is null)
            _errors.Add($"goal: there is no goal '{slug}'; use one of {string.Join(", ", goals.Select(g => g.Slug))}");
        return goal;
    }

    public AttributionLevel Level() => Word("level", AttributionLevel.Channel, ("channel", AttributionLevel.Channel), ("campaign", AttributionLevel.Campaign));

    public PathBreakdown Breakdown() => Word("breakdown", PathBreakdown.None, ("none", PathBreakdown.None), ("acquisition", PathBreakdown.Acquisition),
        ("persona", PathBreakdown.Persona), ("device", PathBreakdown.Device), ("segment", PathBreakdown.Segment));

    public KpiPeriod Period() => Word("period", KpiPeriod.Day, ("day", KpiPeriod.Day), ("week", KpiPeriod.Week), ("month", KpiPeriod.Month));

    public bool Flag(string name, bool fallback) => Word(name, fallback, ("true", true), ("false", false));

    public int Number(string name, int fallback, int min, int max)
    {
        if (Get(name) is not { } text)
            return fallback;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max)
            return number;
        _errors.Add($"{name}: '{text}' is not a whole number from {min} to {max}");
        return fallback;
    }

    /// <summary>The segment named by <c>segment</c> (required with <c>breakdown=segment</c>).</summary>
    public async Task<long?> SegmentAsync(ISegmentStore segments, int workspaceId, bool required, CancellationToken ct)
    {
        if (Get("segment") is not { } slug)
        {
            if (required)
                _errors.Add("segment: name the segment to break down by, e.g. segment=cart-abandoners");
            return null;
        }

        if (await segments.FindSegmentAsync(workspaceId, slug, ct) is { } segment)
            return segment.Id;
        _errors.Add($"segment: there is no segment '{slug}'");
        return null;
    }

    /// <summary>The models named by <c>models</c> (comma-separated), or <paramref name="fallback"/>.</summary>
    public IReadOnlyList<AttributionModel> Models(IReadOnlyList<AttributionModel> fallback)
    {
        if (Get("models") is not { } text)
            return fallback;
        var models = new List<AttributionModel>();
        foreach (var name in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (AttributionModel.TryParse(name, out var model))
                models.Add(model);
            else
                _errors.Add($"models: '{name}' is not a model; use {string.Join(", ", AttributionModel.All.Select(m => m.Name))} or markov_o1 to markov_o{AttributionModel.MaxMarkovOrder}");
        }

        return models.Count > 0 ? models.Distinct().ToList() : fallback;
    }

    /// <summary>One model named by <paramref name="name"/>, or <paramref name="fallback"/>.</summary>
    public AttributionModel Model(string name, AttributionModel fallback)
    {
        if (Get(name) is not { } text)
            return fallback;
        if (AttributionModel.TryParse(text, out var model))
            return model;
        _errors.Add($"{name}: '{text}' is not a model; use {string.Join(", ", AttributionModel.All.Select(m => m.Name))}");
        return fallback;
    }

    /// <summary>A duration such as <c>7d</c> or <c>12h</c>.</summary>
    public TimeSpan Duration(string name, TimeSpan fallback)
    {
        if (Get(name) is not { } text)
            return fallback;
        if (SegmentDuration.TryParse(text, out var duration) && duration.Amount > 0 && duration.IsInRange)
            return duration.ToTimeSpan();
        _errors.Add($"{name}: '{text}' is not a duration; use 7d, 12h or 30m");
        return fallback;
    }

    /// <summary>Visit options: the workspace's, with <c>gap</c> (minutes) overriding the gap for this request.</summary>
    public VisitOptions Visits(VisitSettings settings)
    {
        var options = settings.ToOptions();
        var gap = Number("gap", settings.GapMinutes, 1, 1440);
        return options with { Gap = TimeSpan.FromMinutes(gap) };
    }

    public T Word<T>(string name, T fallback, params (string Word, T Value)[] words)
    {
        if (Get(name) is not { } text)
            return fallback;
        foreach (var (word, value) in words)
        {
            if (string.Equals(word, text, StringComparison.Ordinal))
                return value;
        }

        _errors.Add($"{name}: '{text}' is not one of {string.Join(", ", words.Select(w => w.Word))}");
        return fallback;
    }
}
