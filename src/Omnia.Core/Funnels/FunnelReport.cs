using Omnia.Core.Paths;

namespace Omnia.Core.Funnels;

/// <summary>One step of a funnel report.</summary>
/// <param name="Step">1-based.</param>
/// <param name="Title">The step's label or event name.</param>
/// <param name="People">People who reached it.</param>
/// <param name="FromStart">People / people at step 1.</param>
/// <param name="FromPrevious">People / people at the step before (1 for step 1).</param>
/// <param name="DroppedAfter">People who reached it and not the next (0 for the last step).</param>
/// <param name="MedianFromPrevious">The median time from the step before, over the people who reached this one; null for step 1.</param>
public sealed record FunnelStepRow(int Step, string Title, long People, double FromStart, double FromPrevious, long DroppedAfter, TimeSpan? MedianFromPrevious)
{
    /// <summary>Share of the people at this step who did not reach the next.</summary>
    public double DropOffRate => People == 0 ? 0 : (double)DroppedAfter / People;
}

/// <summary>A funnel's steps for one breakdown group.</summary>
public sealed record FunnelGroup(string Name, IReadOnlyList<FunnelStepRow> Steps)
{
    /// <summary>People who did every step / people who did the first.</summary>
    public double Conversion => Steps[0].People == 0 ? 0 : (double)Steps[^1].People / Steps[0].People;
}

/// <summary>A survey answer and how many people gave it (each person's latest answer).</summary>
public sealed record SurveyAnswerCount(string Answer, long People);

/// <summary>
/// A funnel over a period: people per step, conversion from the start and from the step before, drop-off, median
/// time between steps; per breakdown group; and the survey's answers.
/// </summary>
public sealed record FunnelReport(
    DateTimeOffset From,
    DateTimeOffset To,
    FunnelOrder Order,
    string Within,
    PathBreakdown Breakdown,
    FunnelGroup Total,
    IReadOnlyList<FunnelGroup> Groups,
    IReadOnlyList<SurveyAnswerCount> Answers)
{
    /// <summary>Merges the accumulators of one scan.</summary>
    public static FunnelReport Build(IReadOnlyList<FunnelAccumulator> accumulators)
    {
        ArgumentNullException.ThrowIfNull(accumulators);
        var first = accumulators[0];
        var spec = first.Matcher.Spec;
        var n = spec.Steps.Count;
        var merged = new SortedDictionary<string, (long[] Depths, List<long>[] Durations)>(StringComparer.Ordinal);
        var answers = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var accumulator in accumulators)
        {
            foreach (var (name, stats) in accumulator.Groups)
            {
                if (!merged.TryGetValue(name, out var into))
                {
                    into = (new long[n], Enumerable.Range(0, n).Select(_ => new List<long>()).ToArray());
                    merged[name] = into;
                }

                for (var k = 0; k < n; k++)
                {
                    into.Depths[k] += stats.Depths[k];
                    into.Durations[k].AddRange(stats.Durations[k]);
                }
            }

            foreach (var (answer, count) in accumulator.Answers)
                answers[answer] = answers.GetValueOrDefault(answer) + count;
        }

        var totalDepths = new long[n];
        var totalDurations = Enumerable.Range(0, n).Select(_ => new List<long>()).ToArray();
        foreach (var (depths, durations) in merged.Values)
        {
            for (var k = 0; k < n; k++)
            {
                totalDepths[k] += depths[k];
                totalDurations[k].AddRange(durations[k]);
            }
        }

        var groups = first.Query.Breakdown == PathBreakdown.None
            ? []
            : merged.Select(g => Group(g.Key, spec, g.Value.Depths, g.Value.Durations)).OrderByDescending(g => g.Steps[0].People).ThenBy(g => g.Name, StringComparer.Ordinal).ToList();
        return new FunnelReport(first.Query.From, first.Query.To, spec.Order, spec.Within.ToString(), first.Query.Breakdown,
            Group("all", spec, totalDepths, totalDurations), groups,
            [.. answers.OrderByDescending(a => a.Value).ThenBy(a => a.Key, StringComparer.Ordinal).Select(a => new SurveyAnswerCount(a.Key, a.Value))]);
    }

    private static FunnelGroup Group(string name, FunnelSpec spec, long[] depths, List<long>[] durations)
    {
        var n = spec.Steps.Count;
        var reached = new long[n];
        long atLeast = 0;
        for (var k = n - 1; k >= 0; k--)
        {
            atLeast += depths[k];
            reached[k] = atLeast;
        }

        var rows = new FunnelStepRow[n];
        for (var k = 0; k < n; k++)
        {
            rows[k] = new FunnelStepRow(
                k + 1,
                spec.Steps[k].Title,
                reached[k],
                reached[0] == 0 ? 0 : (double)reached[k] / reached[0],
                k == 0 ? 1 : reached[k - 1] == 0 ? 0 : (double)reached[k] / reached[k - 1],
                k == n - 1 ? 0 : reached[k] - reached[k + 1],
                k == 0 ? null : PathReport.Median(durations[k]));
        }

        return new FunnelGroup(name, rows);
    }
}
