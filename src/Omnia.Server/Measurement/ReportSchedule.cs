using Omnia.Core.Goals;
using Omnia.Core.Users;

namespace Omnia.Server.Measurement;

/// <summary>
/// When the monthly cross-channel report is emailed and to whom: on <see cref="Day"/> of each month at
/// <see cref="HourUtc"/>, the report of the month before goes to every recipient.
/// </summary>
/// <param name="Enabled">Whether it is sent at all.</param>
/// <param name="Day">Day of the month, 1 to 28.</param>
/// <param name="HourUtc">Hour of the day (UTC), 0 to 23.</param>
/// <param name="Recipients">Email addresses, 1 to 50 when enabled.</param>
/// <param name="Goal">The goal the report measures (the first goal when null).</param>
public sealed record ReportSchedule(bool Enabled, int Day, int HourUtc, IReadOnlyList<string> Recipients, string? Goal = null)
{
    /// <summary>Not sent (the default).</summary>
    public static ReportSchedule Off { get; } = new(false, 1, 7, []);

    /// <summary>What is wrong, one sentence each; empty when valid.</summary>
    public IReadOnlyList<string> Problems(IReadOnlyList<ConversionGoal> goals)
    {
        ArgumentNullException.ThrowIfNull(goals);
        var problems = new List<string>();
        if (Day is < 1 or > 28)
            problems.Add($"day: {Day} is not a day every month has; use 1 to 28");
        if (HourUtc is < 0 or > 23)
            problems.Add($"hourUtc: {HourUtc} is not an hour; use 0 to 23");
        var recipients = Recipients ?? [];
        if (Enabled && recipients.Count == 0)
            problems.Add("recipients: list at least one email address to send the report to, or set enabled to false");
        if (recipients.Count > 50)
            problems.Add($"recipients: {recipients.Count} addresses; send to at most 50 (use a mailing list address for more)");
        for (var i = 0; i < recipients.Count; i++)
        {
            if (!EmailAddresses.IsValid(recipients[i]?.Trim()))
                problems.Add($"recipients[{i}]: '{recipients[i]}' is not an email address");
        }

        if (Goal is not null && goals.All(g => g.Slug != Goal))
            problems.Add($"goal: there is no goal '{Goal}'; use one of {string.Join(", ", goals.Select(g => g.Slug))}");
        return problems;
    }
}
