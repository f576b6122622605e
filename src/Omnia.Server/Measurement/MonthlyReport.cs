using Omnia.Core.Analytics;
using Omnia.Core.Kpis;
using Omnia.Core.Paths;

namespace Omnia.Server.Measurement;

/// <summary>The headline figures of a month.</summary>
/// <param name="Visits">Visits a source brought (web, app, store).</param>
/// <param name="Conversions">Conversions of the goal.</param>
/// <param name="Revenue">Their value.</param>
/// <param name="Cost">Recorded spend.</param>
public sealed record ReportTotals(long Visits, long Conversions, double Revenue, double Cost)
{
    public double? ConversionRate => Visits > 0 ? (double)Conversions / Visits : null;

    public double? Roas => Cost > 0 ? Revenue / Cost : null;

    public double? Cpa => Conversions > 0 && Cost > 0 ? Cost / Conversions : null;
}

/// <summary>One goal's month: conversions, value and its three most common journeys.</summary>
public sealed record GoalSummary(string Slug, string Name, long Conversions, double Revenue, long Journeys, IReadOnlyList<PathRow> TopJourneys)
{
    /// <summary>Conversions / journeys.</summary>
    public double? ConversionRate => Journeys > 0 ? (double)Conversions / Journeys : null;
}

/// <summary>How organic search did: its visits, landing pages, and how often search touched the journeys that converted.</summary>
/// <param name="Channel">Organic search's KPIs (null without any).</param>
/// <param name="LandingPages">The pages organic search visits landed on, most visited first.</param>
/// <param name="ConvertingJourneys">Converting journeys of the month.</param>
/// <param name="WithSearch">Of those, the ones with an organic search touchpoint.</param>
/// <param name="LastTouch">Conversions whose last touchpoint was organic search.</param>
/// <param name="Linear">Conversions organic search earns under the linear model.</param>
public sealed record SearchSection(KpiRow? Channel, IReadOnlyList<PageRow> LandingPages, long ConvertingJourneys, long WithSearch, double LastTouch, double Linear);

/// <summary>A group of channels (social, paid search, email) and their campaigns.</summary>
public sealed record ChannelSection(string Title, IReadOnlyList<KpiRow> Channels, IReadOnlyList<KpiRow> Campaigns);

/// <summary>A day of the month's trend.</summary>
public sealed record DayTotal(DateOnly Day, long Visits, long Conversions, double Revenue, double Cost);

/// <summary>Conversions each model credits a channel with, for the report's attribution summary.</summary>
public sealed record AttributionSummaryRow(string Channel, double? Cost, IReadOnlyDictionary<string, double> Conversions, IReadOnlyDictionary<string, double> Revenue);

/// <summary>
/// The monthly cross-channel report: the month against the one before, every channel, goals and their journeys,
/// organic search, social, paid search, email, devices, the channels that bring 80 % of revenue, and the KPI targets.
/// </summary>
public sealed record MonthlyReport(
    string Workspace,
    string Month,
    string Goal,
    string GoalName,
    DateTimeOffset GeneratedAt,
    ReportTotals Current,
    ReportTotals Previous,
    IReadOnlyList<DayTotal> Days,
    IReadOnlyList<KpiRow> Channels,
    IReadOnlyList<GoalSummary> Goals,
    SearchSection OrganicSearch,
    ChannelSection Social,
    ChannelSection PaidSearch,
    ChannelSection Email,
    IReadOnlyList<DeviceRow> Devices,
    ParetoResult RevenuePareto,
    IReadOnlyList<AttributionSummaryRow> Attribution,
    IReadOnlyList<TargetCheck> Targets);
