using System.Globalization;
using Microsoft.Data.Sqlite;
using Omnia.Core.Costs;

namespace Omnia.Storage.Sqlite;

/// <summary>Costs in <c>omnia.db</c> (source data, like settings): one row per workspace, day, channel and campaign, spend in cents.</summary>
public sealed class SqliteCostStore(SqliteDatabase database) : ICostStore
{
    public ValueTask<int> PutAsync(int workspaceId, IReadOnlyList<CostRow> rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return ValueTask.FromResult(0);
        }

        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO costs (workspace_id, day, channel, campaign, spend_cents, impressions, clicks)
            VALUES ($ws, $day, $channel, $campaign, $spend, $impressions, $clicks)
            ON CONFLICT (workspace_id, day, channel, campaign)
            DO UPDATE SET spend_cents = excluded.spend_cents, impressions = excluded.impressions, clicks = excluded.clicks
            """;
        var ws = command.Parameters.Add("$ws", SqliteType.Integer);
        var day = command.Parameters.Add("$day", SqliteType.Text);
        var channel = command.Parameters.Add("$channel", SqliteType.Text);
        var campaign = command.Parameters.Add("$campaign", SqliteType.Text);
        var spend = command.Parameters.Add("$spend", SqliteType.Integer);
        var impressions = command.Parameters.Add("$impressions", SqliteType.Integer);
        var clicks = command.Parameters.Add("$clicks", SqliteType.Integer);
        command.Prepare();
        ws.Value = workspaceId;
        foreach (var row in rows)
        {
            day.Value = Day(row.Day);
            channel.Value = row.Channel;
            campaign.Value = row.Campaign ?? "";
            spend.Value = (long)decimal.Round(row.Spend * 100m);
            impressions.Value = row.Impressions;
            clicks.Value = row.Clicks;
            command.ExecuteNonQuery();
        }

        transaction.Commit();
        return ValueTask.FromResult(rows.Count);
    }

    public ValueTask<IReadOnlyList<CostRow>> ListAsync(int workspaceId, DateOnly from, DateOnly to, string? channel = null, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT day, channel, campaign, spend_cents, impressions, clicks FROM costs
            WHERE workspace_id = $ws AND day >= $from AND day <= $to {(channel is null ? "" : "AND channel = $channel")}
            ORDER BY day, channel, campaign
            """;
        Bind(command, workspaceId, from, to, channel);
        var rows = new List<CostRow>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var campaign = reader.GetString(2);
            rows.Add(new CostRow(DateOnly.ParseExact(reader.GetString(0), "yyyy-MM-dd", CultureInfo.InvariantCulture), reader.GetString(1),
                campaign.Length == 0 ? null : campaign, reader.GetInt64(3) / 100m, reader.GetInt64(4), reader.GetInt64(5)));
        }

        return ValueTask.FromResult<IReadOnlyList<CostRow>>(rows);
    }

    public ValueTask<int> DeleteAsync(int workspaceId, DateOnly from, DateOnly to, string? channel = null, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"DELETE FROM costs WHERE workspace_id = $ws AND day >= $from AND day <= $to {(channel is null ? "" : "AND channel = $channel")}";
        Bind(command, workspaceId, from, to, channel);
        return ValueTask.FromResult(command.ExecuteNonQuery());
    }

    private static void Bind(SqliteCommand command, int workspaceId, DateOnly from, DateOnly to, string? channel)
    {
        command.Parameters.AddWithValue("$ws", workspaceId);
        command.Parameters.AddWithValue("$from", Day(from));
        command.Parameters.AddWithValue("$to", Day(to));
        if (channel is not null)
        {
            command.Parameters.AddWithValue("$channel", channel);
        }
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
