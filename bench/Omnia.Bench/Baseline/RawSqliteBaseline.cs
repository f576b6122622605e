using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Omnia.Core.Events;

namespace Omnia.Bench.Baseline;

/// <summary>
/// The ceiling for the event log on this disk: the same rows Omnia stores (parsed from the same batch
/// bodies by Omnia's own parser, untimed) inserted with Microsoft.Data.Sqlite directly into a table with
/// the same columns and unique message-id index, WAL, <c>synchronous=FULL</c>, one transaction per batch,
/// one prepared statement. Single writer, no HTTP, no group commit, no profiles.
/// </summary>
public static class RawSqliteBaseline
{
    private const string Schema = """
        PRAGMA journal_mode = WAL;
        PRAGMA synchronous = FULL;
        PRAGMA cache_size = -65536;
        PRAGMA temp_store = MEMORY;
        CREATE TABLE events (
            seq INTEGER PRIMARY KEY,
            workspace_id INTEGER NOT NULL,
            source_id INTEGER NOT NULL,
            message_id TEXT NOT NULL,
            type INTEGER NOT NULL,
            name TEXT,
            user_id TEXT,
            anonymous_id TEXT,
            timestamp INTEGER NOT NULL,
            received_at INTEGER NOT NULL,
            json TEXT NOT NULL);
        CREATE UNIQUE INDEX events_message ON events (workspace_id, message_id);
        """;

    /// <summary>Inserts <paramref name="batches"/> batches from <paramref name="body"/>; returns insert and parse rates.</summary>
    public static BaselineResult Run(long batches, Func<long, byte[]> body)
    {
        string directory = Directory.CreateTempSubdirectory("omnia-bench-sqlite-").FullName;
        try
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(directory, "raw.db"), Pooling = false }.ToString());
            connection.Open();
            using (var schema = connection.CreateCommand())
            {
                schema.CommandText = Schema;
                schema.ExecuteNonQuery();
            }

            using var insert = connection.CreateCommand();
            insert.CommandText = """
                INSERT INTO events (workspace_id, source_id, message_id, type, name, user_id, anonymous_id, timestamp, received_at, json)
                VALUES ($ws, $source, $mid, $type, $name, $uid, $aid, $ts, $recv, $json)
                """;
            var p = new[] { "$ws", "$source", "$mid", "$type", "$name", "$uid", "$aid", "$ts", "$recv", "$json" }
                .Select(name => insert.Parameters.Add(name, name is "$mid" or "$name" or "$uid" or "$aid" or "$json" ? SqliteType.Text : SqliteType.Integer))
                .ToArray();

            long rows = 0;
            var insertTime = TimeSpan.Zero;
            var insertCpu = TimeSpan.Zero;
            using var self = System.Diagnostics.Process.GetCurrentProcess();
            var parseTime = TimeSpan.Zero;
            var batchTimes = new List<double>((int)batches);
            for (long b = 0; b < batches; b++)
            {
                byte[] bytes = body(b);
                long parseStart = Stopwatch.GetTimestamp();
                IReadOnlyList<LogEvent> events;
                using (var request = SegmentRequest.Parse(bytes))
                {
                    events = request.Extract(null, 1, 1, DateTimeOffset.UtcNow).Accepted;
                }

                parseTime += Stopwatch.GetElapsedTime(parseStart);
                self.Refresh();
                var cpuStart = self.TotalProcessorTime;
                long start = Stopwatch.GetTimestamp();
                using (var transaction = connection.BeginTransaction())
                {
                    insert.Transaction = transaction;
                    if (b == 0)
                    {
                        insert.Prepare();
                    }

                    foreach (var e in events)
                    {
                        p[0].Value = e.WorkspaceId;
                        p[1].Value = e.SourceId;
                        p[2].Value = e.MessageId;
                        p[3].Value = (int)e.Type;
                        p[4].Value = (object?)e.Name ?? DBNull.Value;
                        p[5].Value = (object?)e.UserId ?? DBNull.Value;
                        p[6].Value = (object?)e.AnonymousId ?? DBNull.Value;
                        p[7].Value = e.Timestamp.ToUnixTimeMilliseconds();
                        p[8].Value = e.ReceivedAt.ToUnixTimeMilliseconds();
                        p[9].Value = e.JsonText;
                        insert.ExecuteNonQuery();
                    }

                    transaction.Commit();
                }

                var elapsed = Stopwatch.GetElapsedTime(start);
                insertTime += elapsed;
                self.Refresh();
                insertCpu += self.TotalProcessorTime - cpuStart;
                batchTimes.Add(elapsed.TotalMilliseconds);
                rows += events.Count;
            }

            batchTimes.Sort();
            long bytesOnDisk = Directory.EnumerateFiles(directory).Sum(f => new FileInfo(f).Length);
            return new BaselineResult(rows, insertTime.TotalSeconds, insertCpu.TotalSeconds, parseTime.TotalSeconds, Load.Percentiles.Of(batchTimes, 50), Load.Percentiles.Of(batchTimes, 99), bytesOnDisk);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }
}

/// <summary>Raw insert rate, and the single-threaded parse rate of Omnia's Segment parser on the same bodies.</summary>
public sealed record BaselineResult(long Rows, double InsertSeconds, double InsertCpuSeconds, double ParseSeconds, double P50TransactionMs, double P99TransactionMs, long BytesOnDisk)
{
    public double InsertsPerSecond => Rows / InsertSeconds;

    public double ParsedPerSecond => Rows / ParseSeconds;

    /// <summary>Process CPU (all threads) per inserted row, in microseconds.</summary>
    public double InsertCpuMicroseconds => InsertCpuSeconds * 1e6 / Rows;
}
