using System.Diagnostics;
using DuckDB.NET.Data;
using Omnia.Core.Touchpoints;

namespace Omnia.Bench.Measurement;

/// <summary>
/// The same events in DuckDB (in memory, one row per event: profile, time, event, device, channel, campaign, revenue)
/// and the same two questions in SQL: sessionisation with a window function, then each order's touchpoints in the 30
/// days before it, grouped into paths; and a 5-step funnel, each step the first event of its kind within 7 days after
/// the step before (of each person's first landing). Both do less than Omnia's code (no last non-direct, no repeats
/// collapsed, no "since the previous order", only the first attempt), so their times are a lower bound for DuckDB.
/// </summary>
internal static class DuckDbBaseline
{
    public static void Run(MeasureData data, int runs, int threads)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        Execute(connection, $"SET threads = {threads}; CREATE TABLE events (profile BIGINT, ts BIGINT, event UTINYINT, device UTINYINT, channel USMALLINT, campaign INTEGER, revenue DOUBLE);");
        var codes = new Dictionary<string, byte>(StringComparer.Ordinal)
        {
            [MeasureData.PageName] = 0, [MeasureData.Viewed] = 1, [MeasureData.Added] = 2, [MeasureData.Checkout] = 3, [MeasureData.Ordered] = 4,
            ["Email Delivered"] = 5, ["Email Opened"] = 6, ["Email Link Clicked"] = 7,
        };
        var clock = Stopwatch.StartNew();
        using (var appender = connection.CreateAppender("events"))
        {
            foreach (var (state, events) in data.Profiles)
            {
                foreach (var e in events)
                {
                    appender.CreateRow().AppendValue(state.Id).AppendValue(e.UtcTicks).AppendValue(codes[e.Name!]).AppendValue((byte)e.Device)
                        .AppendValue(e.ChannelId).AppendValue(e.CampaignId).AppendValue(e.Properties["revenue"].TryGetDouble(out var r) ? r : (double?)null).EndRow();
                }
            }
        }

        Console.WriteLine($"duckdb: appended {data.Events:N0} rows in {clock.Elapsed.TotalSeconds:0.0} s ({threads} threads)");
        var direct = ChannelIds.Of(Channels.Direct);
        var gap = TimeSpan.FromMinutes(30).Ticks;
        var lookback = TimeSpan.FromDays(30).Ticks;
        var paths = $"""
            WITH marked AS (
                SELECT profile, ts, channel,
                       coalesce(ts - lag(ts) OVER (PARTITION BY profile, device ORDER BY ts) > {gap}, true) AS starts
                FROM events WHERE device > 0),
            visits AS (SELECT profile, ts, channel FROM marked WHERE starts),
            orders AS (SELECT profile, ts FROM events WHERE event = 4),
            journeys AS (
                SELECT o.profile, o.ts, string_agg(v.channel::VARCHAR, '>' ORDER BY v.ts) AS path
                FROM orders o JOIN visits v ON v.profile = o.profile AND v.ts <= o.ts AND v.ts > o.ts - {lookback}
                GROUP BY o.profile, o.ts)
            SELECT path, count(*) AS conversions FROM journeys GROUP BY path ORDER BY conversions DESC LIMIT 10
            """;
        var week = TimeSpan.FromDays(7).Ticks;
        var funnel = $"""
            WITH s1 AS (SELECT profile, min(ts) AS t1 FROM events WHERE event = 0 GROUP BY profile),
            s2 AS (SELECT e.profile, any_value(s1.t1) AS t1, min(e.ts) AS t2 FROM events e JOIN s1 USING (profile) WHERE e.event = 1 AND e.ts >= s1.t1 AND e.ts <= s1.t1 + {week} GROUP BY e.profile),
            s3 AS (SELECT e.profile, any_value(s2.t1) AS t1, min(e.ts) AS t3 FROM events e JOIN s2 USING (profile) WHERE e.event = 2 AND e.ts >= s2.t2 AND e.ts <= s2.t1 + {week} GROUP BY e.profile),
            s4 AS (SELECT e.profile, any_value(s3.t1) AS t1, min(e.ts) AS t4 FROM events e JOIN s3 USING (profile) WHERE e.event = 3 AND e.ts >= s3.t3 AND e.ts <= s3.t1 + {week} GROUP BY e.profile),
            s5 AS (SELECT e.profile, min(e.ts) AS t5 FROM events e JOIN s4 USING (profile) WHERE e.event = 4 AND e.ts >= s4.t4 AND e.ts <= s4.t1 + {week} GROUP BY e.profile)
            SELECT (SELECT count(*) FROM s1), (SELECT count(*) FROM s2), (SELECT count(*) FROM s3), (SELECT count(*) FROM s4), (SELECT count(*) FROM s5)
            """;
        string top = "";
        var pathTimes = MeasureCommand.Time(runs, () => top = FirstRow(connection, paths));
        Console.WriteLine($"duckdb top paths: {MeasureCommand.Describe(pathTimes)}; first {top} (channel ids; direct is {direct})");
        string steps = "";
        var funnelTimes = MeasureCommand.Time(runs, () => steps = FirstRow(connection, funnel));
        Console.WriteLine($"duckdb 5-step funnel (first attempt only): {MeasureCommand.Describe(funnelTimes)}; {steps}");
    }

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string FirstRow(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        if (!reader.Read())
            return "";
        return string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetValue(i)?.ToString()));
    }
}
