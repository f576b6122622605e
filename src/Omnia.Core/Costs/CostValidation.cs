using Omnia.Core.Touchpoints;

namespace Omnia.Core.Costs;

/// <summary>The checks every cost row passes before it is saved, from a CSV file or the API.</summary>
public static class CostValidation
{
    /// <summary>The most money one row may hold (±10^13, well within a decimal and a SQLite integer of cents).</summary>
    public const decimal MaxSpend = 10_000_000_000_000m;

    /// <summary>What is wrong with a row, one sentence each; empty when it is valid.</summary>
    public static IReadOnlyList<string> Problems(CostRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var problems = new List<string>();
        if (!Channels.IsKnown(row.Channel))
            problems.Add($"channel '{row.Channel}' is not a channel code; use one of {string.Join(", ", Channels.All)}");
        if (row.Campaign is { } campaign && (campaign.Length == 0 || campaign.Length > 200 || campaign.Trim() != campaign))
            problems.Add("campaign must be 1 to 200 characters without leading or trailing spaces (leave it empty for the whole channel)");
        if (row.Spend < 0 || row.Spend > MaxSpend)
            problems.Add($"spend {row.Spend} must be between 0 and {MaxSpend:0}");
        if (decimal.Round(row.Spend, 2) != row.Spend)
            problems.Add($"spend {row.Spend} has more than two decimals; round it to cents");
        if (row.Impressions < 0)
            problems.Add($"impressions {row.Impressions} must be 0 or more");
        if (row.Clicks < 0)
            problems.Add($"clicks {row.Clicks} must be 0 or more");
        if (row.Day.Year is < 2000 or > 2100)
            problems.Add($"date {row.Day:yyyy-MM-dd} must be between 2000 and 2100");
        return problems;
    }
}
