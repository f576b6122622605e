using System.Globalization;
using System.Text;
using Omnia.Core.Kpis;

namespace Omnia.Server.Measurement;

/// <summary>The monthly report's numbers as one CSV: every channel, then every campaign, then every device.</summary>
public static class ReportCsv
{
    public const string Header = "section,channel,campaign,reach,sends,delivered,opens,clicks,ctr,unsubscribes,visits,conversions,conversion_rate,revenue,cost,cpa,roas,roi";

    public static string Write(MonthlyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder().Append(Header).Append('\n');
        foreach (var row in report.Channels)
            Row(text, "channel", row);
        foreach (var row in report.Social.Campaigns.Concat(report.PaidSearch.Campaigns).Concat(report.Email.Campaigns))
            Row(text, "campaign", row);
        foreach (var device in report.Devices)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"device,{device.Device},,,,,,,,,{device.Visits},{device.Conversions},{Number(device.ConversionRate)},{Number(device.Revenue)},,,,\n");
        }

        return text.ToString();
    }

    private static void Row(StringBuilder text, string section, KpiRow r) => text.Append(CultureInfo.InvariantCulture,
        $"{section},{r.Channel},{Quote(r.Campaign)},{r.Reach},{r.Sends},{r.Delivered},{r.Opens},{r.Clicks},{Number(r.Ctr)},{r.Unsubscribes},{r.Visits},{r.Conversions},{Number(r.ConversionRate)},{Number(r.Revenue)},{Number(r.Cost)},{Number(r.Cpa)},{Number(r.Roas)},{Number(r.Roi)}\n");

    private static string Number(double? value) => value is { } v ? Math.Round(v, 4).ToString(CultureInfo.InvariantCulture) : "";

    private static string Quote(string? text) =>
        text is null ? "" : text.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
}
