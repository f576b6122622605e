using System.Globalization;
using System.Text;
using Omnia.Core.Kpis;
using Omnia.Core.Touchpoints;
using static System.Net.WebUtility;

namespace Omnia.Server.Measurement;

/// <summary>
/// The monthly report as one self-contained HTML file: its styles inline, its charts as inline SVG, its numbers as a
/// CSV both inside the file (a download link) and as a table; no script and nothing fetched, so it reads the same in a
/// browser, a mail client or an archive.
/// </summary>
public static class ReportHtml
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private const string Style = """
        body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;color:#1f2937;margin:0;background:#f9fafb}
        main{max-width:980px;margin:0 auto;padding:24px}
        h1{font-size:24px;margin:0 0 4px} h2{font-size:18px;margin:32px 0 8px;border-bottom:1px solid #e5e7eb;padding-bottom:4px}
        h3{font-size:15px;margin:16px 0 6px} p.muted,.muted{color:#6b7280;font-size:13px}
        table{border-collapse:collapse;width:100%;font-size:13px;background:#fff;margin:6px 0 12px}
        th,td{padding:5px 8px;border-bottom:1px solid #e5e7eb;text-align:right;white-space:nowrap} th{background:#f3f4f6;font-weight:600}
        th:first-child,td:first-child,td.text{text-align:left;white-space:normal}
        .tiles{display:flex;flex-wrap:wrap;gap:12px;margin:12px 0}
        .tile{background:#fff;border:1px solid #e5e7eb;border-radius:8px;padding:10px 14px;min-width:130px}
        .tile b{display:block;font-size:20px} .up{color:#047857} .down{color:#b91c1c}
        .missed{color:#b91c1c;font-weight:600} .met{color:#047857}
        nav a{margin-right:10px;font-size:13px} svg{max-width:100%;height:auto;background:#fff}
        """;

    /// <summary>The report as an HTML document.</summary>
    public static string Write(MonthlyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var csv = ReportCsv.Write(report);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append(Invariant, $"<title>Cross-channel report {report.Month} · {HtmlEncode(report.Workspace)}</title><style>{Style}</style></head><body><main>")
            .Append(Invariant, $"<h1>Cross-channel report: {MonthName(report.Month)}</h1>")
            .Append(Invariant, $"<p class=\"muted\">{HtmlEncode(report.Workspace)} · goal: {HtmlEncode(report.GoalName)} · generated {report.GeneratedAt:yyyy-MM-dd HH:mm} UTC · ")
            .Append(Invariant, $"<a download=\"report-{report.Month}.csv\" href=\"data:text/csv;charset=utf-8;base64,{Convert.ToBase64String(Encoding.UTF8.GetBytes(csv))}\">Download the numbers (CSV)</a></p>")
            .Append("<nav aria-label=\"Sections\"><a href=\"#overview\">Overview</a><a href=\"#channels\">All channels</a><a href=\"#goals\">Goals</a><a href=\"#organic\">Organic search</a>")
            .Append("<a href=\"#social\">Social</a><a href=\"#paid-search\">Paid search</a><a href=\"#email\">Email</a><a href=\"#devices\">Devices</a><a href=\"#targets\">Targets</a></nav>");
        Overview(html, report);
        ChannelsSection(html, report);
        Goals(html, report);
        Organic(html, report.OrganicSearch);
        Section(html, "social", report.Social);
        Section(html, "paid-search", report.PaidSearch);
        Section(html, "email", report.Email);
        Devices(html, report);
        Targets(html, report);
        html.Append("<h2 id=\"csv\">The numbers</h2><p class=\"muted\">The same as the CSV download.</p><details><summary>Show the CSV</summary><pre>")
            .Append(HtmlEncode(csv)).Append("</pre></details>");
        return html.Append("</main></body></html>").ToString();
    }

    private static void Overview(StringBuilder html, MonthlyReport r)
    {
        html.Append("<h2 id=\"overview\">Overview</h2><div class=\"tiles\">");
        Tile(html, "Visits", Count(r.Current.Visits), Change(r.Current.Visits, r.Previous.Visits));
        Tile(html, "Conversions", Count(r.Current.Conversions), Change(r.Current.Conversions, r.Previous.Conversions));
        Tile(html, "Revenue", Money(r.Current.Revenue), Change(r.Current.Revenue, r.Previous.Revenue));
        Tile(html, "Cost", Money(r.Current.Cost), Change(r.Current.Cost, r.Previous.Cost));
        Tile(html, "Revenue per cost", Ratio(r.Current.Roas), Change(r.Current.Roas ?? 0, r.Previous.Roas ?? 0));
        Tile(html, "Conversion rate", Percent(r.Current.ConversionRate), null);
        html.Append("</div><p class=\"muted\">Changes compare with the month before. Conversions and revenue include conversions no touchpoint led to.</p>");
        html.Append(SvgCharts.Columns($"Revenue per day in {r.Month}", [.. r.Days.Select(d => (d.Day, d.Revenue))], Money));
        html.Append("<h3>Where 80 % of revenue comes from</h3>")
            .Append(Invariant, $"<p>{r.RevenuePareto.CoreCount} of {r.RevenuePareto.Items.Count(i => i.Value > 0)} channels bring {Percent(r.RevenuePareto.CoreCumulative)} of revenue (linear attribution): ")
            .Append(HtmlEncode(string.Join(", ", r.RevenuePareto.Items.Where(i => i.InCore).Select(i => Channels.DisplayName(i.Key))))).Append(".</p>")
            .Append(SvgCharts.Pareto("Revenue by channel, largest first, with the cumulative share", r.RevenuePareto, Channels.DisplayName));
    }

    private static void ChannelsSection(StringBuilder html, MonthlyReport r)
    {
        html.Append("<h2 id=\"channels\">All channels</h2><p class=\"muted\">Conversions and revenue credited to the last non-direct touchpoint; the attribution table below compares models.</p>");
        KpiTable(html, r.Channels, campaigns: false);
        html.Append(SvgCharts.Bars("Revenue by channel", [.. r.Channels.Where(c => c.Revenue > 0).OrderByDescending(c => c.Revenue).Select(c => (Channels.DisplayName(c.Channel), c.Revenue))], Money));
        if (r.Attribution.Count == 0)
            return;
        var models = r.Attribution[0].Conversions.Keys.ToList();
        html.Append("<h3>Conversions by attribution model</h3><table><thead><tr><th>Channel</th>");
        foreach (var model in models)
            html.Append("<th>").Append(HtmlEncode(model)).Append("</th>");
        html.Append("<th>Cost</th></tr></thead><tbody>");
        foreach (var row in r.Attribution)
        {
            html.Append("<tr><td>").Append(HtmlEncode(Channels.DisplayName(row.Channel))).Append("</td>");
            foreach (var model in models)
                html.Append("<td>").Append(row.Conversions[model].ToString("0.0", Invariant)).Append("</td>");
            html.Append("<td>").Append(row.Cost is { } c ? Money(c) : "–").Append("</td></tr>");
        }

        html.Append("</tbody></table>");
    }

    private static void Goals(StringBuilder html, MonthlyReport r)
    {
        html.Append("<h2 id=\"goals\">Goals and conversions</h2>");
        foreach (var goal in r.Goals)
        {
            html.Append(Invariant, $"<h3>{HtmlEncode(goal.Name)}</h3><p>{Count(goal.Conversions)} conversions worth {Money(goal.Revenue)} from {Count(goal.Journeys)} journeys ({Percent(goal.ConversionRate)} converted).</p>");
            if (goal.TopJourneys.Count == 0)
                continue;
            html.Append("<table><thead><tr><th>Most common journeys to conversion</th><th>Conversions</th><th>Share</th><th>Conversion rate</th><th>Revenue</th><th>Touchpoints</th><th>Median time to convert</th></tr></thead><tbody>");
            foreach (var path in goal.TopJourneys)
            {
                html.Append(Invariant, $"<tr><td>{HtmlEncode(string.Join(" → ", path.Touches.Select(t => Channels.DisplayName(t.Channel) + (t.Campaign is null ? "" : $" ({t.Campaign})"))))}</td>")
                    .Append(Invariant, $"<td>{Count(path.Conversions)}</td><td>{Percent(path.Share)}</td><td>{Percent(path.ConversionRate)}</td><td>{Money(path.Revenue)}</td><td>{path.Length}</td><td>{Duration(path.MedianTimeToConvert)}</td></tr>");
            }

            html.Append("</tbody></table>");
        }
    }

    private static void Organic(StringBuilder html, SearchSection s)
    {
        html.Append("<h2 id=\"organic\">Organic search</h2>");
        if (s.Channel is { } row)
            html.Append(Invariant, $"<p>{Count(row.Visits)} visits from search engines by {Count(row.Reach)} people; {Count(row.Conversions)} conversions worth {Money(row.Revenue)} had search as their last non-direct touchpoint.</p>");
        else
            html.Append("<p>No visits came from search engines this month.</p>");
        html.Append(Invariant, $"<p>Search touched {Count(s.WithSearch)} of {Count(s.ConvertingJourneys)} converting journeys ({Percent(s.ConvertingJourneys == 0 ? null : (double)s.WithSearch / s.ConvertingJourneys)}); ")
            .Append(Invariant, $"it was the last touchpoint of {Count((long)s.LastTouch)} and earns {s.Linear.ToString("0.0", Invariant)} conversions under linear attribution.</p>");
        if (s.LandingPages.Count == 0)
            return;
        html.Append("<table><thead><tr><th>Landing page</th><th>Visits</th><th>Converted in the visit</th><th>Revenue</th></tr></thead><tbody>");
        foreach (var page in s.LandingPages)
            html.Append(Invariant, $"<tr><td>{HtmlEncode(page.Page)}</td><td>{Count(page.Visits)}</td><td>{Count(page.Conversions)}</td><td>{Money(page.Revenue)}</td></tr>");
        html.Append("</tbody></table>");
    }

    private static void Section(StringBuilder html, string id, ChannelSection section)
    {
        html.Append(Invariant, $"<h2 id=\"{id}\">{HtmlEncode(section.Title)}</h2>");
        if (section.Channels.Count == 0)
        {
            html.Append("<p>Nothing this month.</p>");
            return;
        }

        KpiTable(html, section.Channels, campaigns: false);
        if (section.Campaigns.Count > 0)
        {
            html.Append("<h3>Campaigns</h3>");
            KpiTable(html, section.Campaigns, campaigns: true);
        }
    }

    private static void Devices(StringBuilder html, MonthlyReport r)
    {
        html.Append("<h2 id=\"devices\">Devices</h2><table><thead><tr><th>Device</th><th>People</th><th>Visits</th><th>Conversions</th><th>Conversion rate</th><th>Revenue</th></tr></thead><tbody>");
        foreach (var d in r.Devices)
            html.Append(Invariant, $"<tr><td>{HtmlEncode(d.Device)}</td><td>{Count(d.People)}</td><td>{Count(d.Visits)}</td><td>{Count(d.Conversions)}</td><td>{Percent(d.ConversionRate)}</td><td>{Money(d.Revenue)}</td></tr>");
        html.Append("</tbody></table>")
            .Append(SvgCharts.Bars("Visits by device", [.. r.Devices.Select(d => (d.Device, (double)d.Visits))], v => Count((long)v)));
    }

    private static void Targets(StringBuilder html, MonthlyReport r)
    {
        html.Append("<h2 id=\"targets\">KPI targets</h2>");
        if (r.Targets.Count == 0)
        {
            html.Append("<p>No targets are set; add them under Analytics → KPIs.</p>");
            return;
        }

        html.Append("<table><thead><tr><th>Channel</th><th>KPI</th><th>Target</th><th>Period</th><th>Value</th><th>Status</th></tr></thead><tbody>");
        foreach (var t in r.Targets)
        {
            var kpi = KpiCatalog.Find(t.Kpi)!;
            html.Append(Invariant, $"<tr><td>{HtmlEncode(Channels.DisplayName(t.Channel))}</td><td class=\"text\">{HtmlEncode(t.Label)}</td>")
                .Append(Invariant, $"<td>{(t.Op == "atLeast" ? "≥" : "≤")} {Value(kpi.Unit, t.Target)}</td><td>{t.Period} of {t.PeriodStart:MMM d}</td>")
                .Append(Invariant, $"<td>{(t.Value is { } v ? Value(kpi.Unit, v) : "–")}</td><td class=\"{StatusClass(t.Status)}\">{StatusText(t.Status)}</td></tr>");
        }

        html.Append("</tbody></table>");
    }

    private static void KpiTable(StringBuilder html, IReadOnlyList<KpiRow> rows, bool campaigns)
    {
        html.Append("<table><thead><tr><th>").Append(campaigns ? "Campaign" : "Channel")
            .Append("</th><th>Reach</th><th>Sends</th><th>Opens</th><th>Clicks</th><th>CTR</th><th>Unsubscribes</th><th>Visits</th><th>Conversions</th><th>Conv. rate</th><th>Revenue</th><th>Cost</th><th>CPA</th><th>ROAS</th><th>ROI</th></tr></thead><tbody>");
        foreach (var r in rows)
        {
            var name = campaigns ? $"{r.Campaign ?? "(no campaign)"} · {Channels.DisplayName(r.Channel)}" : Channels.DisplayName(r.Channel);
            html.Append(Invariant, $"<tr><td>{HtmlEncode(name)}</td><td>{Count(r.Reach)}</td><td>{Count(r.Sends)}</td><td>{Count(r.Opens)}</td><td>{Count(r.Clicks)}</td>")
                .Append(Invariant, $"<td>{Percent(r.Ctr)}</td><td>{Count(r.Unsubscribes)}</td><td>{Count(r.Visits)}</td><td>{Count(r.Conversions)}</td><td>{Percent(r.ConversionRate)}</td>")
                .Append(Invariant, $"<td>{Money(r.Revenue)}</td><td>{(r.Cost is { } c ? Money(c) : "–")}</td><td>{(r.Cpa is { } cpa ? Money(cpa) : "–")}</td><td>{Ratio(r.Roas)}</td><td>{Percent(r.Roi)}</td></tr>");
        }

        html.Append("</tbody></table>");
    }

    private static void Tile(StringBuilder html, string label, string value, double? change)
    {
        html.Append(Invariant, $"<div class=\"tile\"><span class=\"muted\">{HtmlEncode(label)}</span><b>{value}</b>");
        if (change is { } c)
            html.Append(Invariant, $"<span class=\"{(c >= 0 ? "up" : "down")}\">{(c >= 0 ? "+" : "−")}{Math.Abs(c):P0} vs previous month</span>");
        html.Append("</div>");
    }

    private static double? Change(double current, double previous) => previous > 0 ? (current - previous) / previous : null;

    private static string MonthName(string month) =>
        DateOnly.ParseExact(month + "-01", "yyyy-MM-dd", Invariant).ToString("MMMM yyyy", Invariant);

    internal static string Count(long value) => value.ToString("N0", Invariant);

    internal static string Money(double value) => value.ToString("N2", Invariant);

    internal static string Percent(double? value) => value is { } v ? v.ToString("P1", Invariant) : "–";

    internal static string Ratio(double? value) => value is { } v ? v.ToString("0.00", Invariant) + "×" : "–";

    private static string Value(KpiUnit unit, double value) => unit switch
    {
        KpiUnit.Rate => Percent(value),
        KpiUnit.Money => Money(value),
        KpiUnit.Ratio => Ratio(value),
        _ => Count((long)Math.Round(value)),
    };

    private static string Duration(TimeSpan? value) => value is not { } d ? "–"
        : d.TotalDays >= 1 ? d.TotalDays.ToString("0.0", Invariant) + " days"
        : d.TotalHours >= 1 ? d.TotalHours.ToString("0.0", Invariant) + " hours"
        : Math.Max(0, d.TotalMinutes).ToString("0", Invariant) + " min";

    private static string StatusClass(TargetStatus status) => status == TargetStatus.Missed ? "missed" : status == TargetStatus.Met ? "met" : "muted";

    internal static string StatusText(TargetStatus status) => status switch
    {
        TargetStatus.Met => "Met",
        TargetStatus.Missed => "Missed",
        _ => "No data",
    };
}
