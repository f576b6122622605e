using System.Globalization;
using System.Text;
using System.Text.Json;
using Omnia.Core.Workspaces;

namespace Omnia.Server.Measurement;

/// <summary>What the last scheduled send did: the month it sent and when.</summary>
public sealed record ReportSendState(string? LastMonth, DateTimeOffset? SentAt);

/// <summary>
/// Emails the monthly report to a workspace's recipients: on demand, or when its schedule is due (the day and hour of
/// the month the schedule names, for the month before), once per month.
/// </summary>
public sealed class ReportMailing(MonthlyReportBuilder builder, MeasurementSettings settings, IWorkspaceStore workspaces, IReportMailer mailer, TimeProvider clock)
{
    public const string StateSetting = "report-schedule-state";

    /// <summary>Builds the report of <paramref name="month"/> and sends it to <paramref name="recipients"/> (the schedule's when null).</summary>
    public async Task<Answer<ReportEmail>> SendAsync(Workspace workspace, DateOnly month, IReadOnlyList<string>? recipients, string? goal, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        var schedule = await settings.ScheduleAsync(workspace.Id, ct);
        var to = recipients ?? schedule.Recipients;
        if (to.Count == 0)
            return Answer<ReportEmail>.Refused(["recipients: nobody to send to; set the report schedule's recipients or name them"]);
        var answer = await builder.BuildAsync(workspace.Id, workspace.Name, month, goal ?? schedule.Goal, ct);
        if (answer.View is not { } report)
            return Answer<ReportEmail>.Refused(answer.Errors);
        var email = Email(report, to);
        await mailer.SendAsync(email, ct);
        return Answer<ReportEmail>.Of(email);
    }

    /// <summary>Sends the reports whose schedule is due at the clock's now and that were not sent for that month yet; returns how many.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var thisMonth = new DateOnly(now.Year, now.Month, 1);
        var sent = 0;
        foreach (var workspace in await workspaces.ListWorkspacesAsync(ct))
        {
            var schedule = await settings.ScheduleAsync(workspace.Id, ct);
            if (!schedule.Enabled || schedule.Recipients.Count == 0 || now < MeasurementParameters.Instant(thisMonth.AddDays(schedule.Day - 1)).AddHours(schedule.HourUtc))
                continue;
            var month = thisMonth.AddMonths(-1);
            var key = month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
            var state = await workspaces.GetSettingAsync(workspace.Id, StateSetting, ct) is { } json
                ? JsonSerializer.Deserialize<ReportSendState>(json, MeasurementSettings.Json)
                : null;
            if (state?.LastMonth == key)
                continue;
            var answer = await SendAsync(workspace, month, schedule.Recipients, schedule.Goal, ct);
            if (answer.View is null)
                continue;
            await workspaces.PutSettingAsync(workspace.Id, StateSetting, JsonSerializer.Serialize(new ReportSendState(key, now), MeasurementSettings.Json), ct);
            sent++;
        }

        return sent;
    }

    /// <summary>The email of a report: the HTML file as body, its CSV attached, a plain-text summary for text-only readers.</summary>
    public static ReportEmail Email(MonthlyReport report, IReadOnlyList<string> to)
    {
        ArgumentNullException.ThrowIfNull(report);
        var c = report.Current;
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"Cross-channel report {report.Month} for {report.Workspace}\n\n")
            .Append(CultureInfo.InvariantCulture, $"Visits: {ReportHtml.Count(c.Visits)}\nConversions ({report.GoalName}): {ReportHtml.Count(c.Conversions)}\n")
            .Append(CultureInfo.InvariantCulture, $"Revenue: {ReportHtml.Money(c.Revenue)}\nCost: {ReportHtml.Money(c.Cost)}\nROAS: {ReportHtml.Ratio(c.Roas)}\n\n")
            .Append("The full report is the HTML part of this email; its numbers are attached as CSV.\n")
            .ToString();
        return new ReportEmail(to, $"Cross-channel report {report.Month}: {report.Workspace}", ReportHtml.Write(report), text,
            [new ReportAttachment($"report-{report.Month}.csv", "text/csv", Encoding.UTF8.GetBytes(ReportCsv.Write(report)))]);
    }
}
