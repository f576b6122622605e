namespace Omnia.Core.Kpis;

/// <summary>Whether a target is a floor or a ceiling.</summary>
public enum TargetDirection : byte
{
    /// <summary>The KPI must reach the value (conversions, ROAS).</summary>
    AtLeast,

    /// <summary>The KPI must stay at or under it (CPA, unsubscribes).</summary>
    AtMost,
}

/// <summary>How a KPI stands against its target in one period.</summary>
public enum TargetStatus : byte
{
    Met,
    Missed,

    /// <summary>The KPI has no value in the period (no sends to rate, no cost recorded).</summary>
    NoData,
}

/// <summary>A target for one channel's KPI per day, week or month: <c>{"channel":"email","kpi":"ctr","op":"atLeast","value":0.02,"period":"week"}</c>.</summary>
public sealed record KpiTarget(string Channel, string Kpi, TargetDirection Direction, double Value, KpiPeriod Period)
{
    /// <summary>Whether <paramref name="actual"/> meets the target.</summary>
    public TargetStatus Judge(double? actual) => actual is not { } value
        ? TargetStatus.NoData
        : (Direction == TargetDirection.AtLeast ? value >= Value : value <= Value) ? TargetStatus.Met : TargetStatus.Missed;

    /// <summary>Reads and checks a list of targets: every problem with its JSON path (<c>[1].kpi: …</c>).</summary>
    public static KpiTargetParseResult ParseList(string json) => KpiTargetReader.Read(json);

    /// <summary>Targets as one JSON array, as <see cref="ParseList"/> reads them.</summary>
    public static string ToJson(IEnumerable<KpiTarget> targets) => KpiTargetReader.Write(targets);
}

/// <summary>Targets, or every problem that keeps a document from being a list of them.</summary>
public sealed record KpiTargetParseResult(IReadOnlyList<KpiTarget>? Targets, IReadOnlyList<Segments.SegmentError> Errors);
