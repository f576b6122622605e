using System.Diagnostics;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Omnia.Bench.Baseline;

namespace Omnia.Bench.Recompute;

/// <summary>
/// PostgreSQL's side: the same events in one table, <c>events(profile_id, name, ts, properties jsonb, revenue numeric)</c>
/// (<c>revenue</c> is the typed copy of <c>properties.revenue</c> a DBA might add), loaded with binary COPY into a
/// table created in the same transaction (so <c>FREEZE</c>, and no WAL at <c>wal_level=minimal</c>), then one
/// covering B-tree index on <c>(name, ts) INCLUDE (profile_id, revenue)</c> — the access path of a windowed query
/// on one event name — and <c>VACUUM ANALYZE</c>.
/// </summary>
public static class RecomputePostgres
{
    /// <summary>The settings the cluster runs with, besides <see cref="PostgresCluster.NotDurable"/>.</summary>
    public static Dictionary<string, string> Settings(string sharedBuffers) => new(StringComparer.Ordinal)
    {
        ["shared_buffers"] = sharedBuffers,
        ["effective_cache_size"] = "12GB",
        ["work_mem"] = "256MB",
        ["maintenance_work_mem"] = "2GB",
        ["max_worker_processes"] = "8",
        ["max_parallel_workers"] = "8",
        ["max_parallel_workers_per_gather"] = "2",
        ["max_parallel_maintenance_workers"] = "2",
        ["random_page_cost"] = "1.1",
        ["wal_level"] = "minimal",
        ["max_wal_senders"] = "0",
        ["max_wal_size"] = "16GB",
        ["checkpoint_timeout"] = "30min",
        // Off so that no background vacuum runs during the timings; the load ends with an explicit VACUUM ANALYZE.
        ["autovacuum"] = "off",
    };

    /// <summary>Loads every event of <paramref name="data"/>; returns the time of each step and the sizes.</summary>
    public static async Task<PostgresLoad> LoadAsync(PostgresCluster cluster, RecomputeData data, Action<string> log)
    {
        await using var connection = new NpgsqlConnection(cluster.ConnectionString);
        await connection.OpenAsync().ConfigureAwait(false);

        var copy = Stopwatch.StartNew();
        await using (var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false))
        {
            await ExecuteAsync(connection, """
                CREATE TABLE events (
                  profile_id bigint NOT NULL,
                  name text NOT NULL,
                  ts timestamptz NOT NULL,
                  properties jsonb,
                  revenue numeric(12, 2))
                """).ConfigureAwait(false);
            Copy(connection, data, log);
            await transaction.CommitAsync().ConfigureAwait(false);
        }

        double copySeconds = copy.Elapsed.TotalSeconds;
        log($"COPY: {data.Events:N0} rows in {copySeconds:N1} s ({data.Events / copySeconds:N0} rows/s)");

        var index = Stopwatch.StartNew();
        await ExecuteAsync(connection, "CREATE INDEX events_name_ts ON events (name, ts) INCLUDE (profile_id, revenue)").ConfigureAwait(false);
        double indexSeconds = index.Elapsed.TotalSeconds;
        log($"index: {indexSeconds:N1} s");

        var vacuum = Stopwatch.StartNew();
        await ExecuteAsync(connection, "VACUUM ANALYZE events").ConfigureAwait(false);
        await ExecuteAsync(connection, "CHECKPOINT").ConfigureAwait(false);
        double vacuumSeconds = vacuum.Elapsed.TotalSeconds;
        log($"VACUUM ANALYZE + CHECKPOINT: {vacuumSeconds:N1} s");

        await using var sizes = new NpgsqlCommand("SELECT pg_table_size('events'), pg_indexes_size('events'), current_setting('jit')", connection);
        await using var reader = await sizes.ExecuteReaderAsync().ConfigureAwait(false);
        await reader.ReadAsync().ConfigureAwait(false);
        return new PostgresLoad(copySeconds, indexSeconds, vacuumSeconds, reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2));
    }

    /// <summary>Runs <paramref name="sql"/> once on an open connection; the time includes planning and the round trip.</summary>
    public static async Task<RecomputeAnswer> QueryAsync(NpgsqlConnection connection, string sql, DateTimeOffset now)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = now.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        var clock = Stopwatch.StartNew();
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        await reader.ReadAsync().ConfigureAwait(false);
        long members = reader.GetInt64(0);
        long idSum = (long)reader.GetDecimal(1);
        return new RecomputeAnswer(members, idSum, clock.Elapsed.TotalMilliseconds);
    }

    /// <summary>The plan PostgreSQL chose, one line per node, with actual times (run warm, after the timings).</summary>
    public static async Task<string> ExplainAsync(NpgsqlConnection connection, string sql, DateTimeOffset now)
    {
        await using var command = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + sql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = now.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        var lines = new List<string>();
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join('\n', lines);
    }

    private static void Copy(NpgsqlConnection connection, RecomputeData data, Action<string> log)
    {
        using var writer = connection.BeginBinaryImport("COPY events (profile_id, name, ts, properties, revenue) FROM STDIN (FORMAT BINARY, FREEZE)");
        long rows = 0, next = 5_000_000;
        var clock = Stopwatch.StartNew();
        foreach (var facts in data.Profiles)
        {
            long id = facts.Profile.Id;
            foreach (var e in facts.Events)
            {
                writer.StartRow();
                writer.Write(id, NpgsqlDbType.Bigint);
                writer.Write(e.Name!, NpgsqlDbType.Text);
                writer.Write(e.Timestamp.UtcDateTime, NpgsqlDbType.TimestampTz);
                if (e.Properties.Count > 0)
                {
                    writer.Write(PropertiesJson(e.Properties), NpgsqlDbType.Jsonb);
                    if (e.Properties["revenue"].TryGetDecimal(out var revenue))
                    {
                        writer.Write(revenue, NpgsqlDbType.Numeric);
                    }
                    else
                    {
                        writer.WriteNull();
                    }
                }
                else
                {
                    writer.WriteNull();
                    writer.WriteNull();
                }

                if (++rows == next)
                {
                    log($"COPY: {rows:N0} rows, {rows / clock.Elapsed.TotalSeconds:N0} rows/s");
                    next += 5_000_000;
                }
            }
        }

        writer.Complete();
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    private static string PropertiesJson(Omnia.Core.Events.EventProperties properties)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(128);
        using (var json = new Utf8JsonWriter(buffer))
        {
            properties.WriteTo(json);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}

/// <summary>How long the PostgreSQL load took, step by step, and what it occupies.</summary>
public sealed record PostgresLoad(double CopySeconds, double IndexSeconds, double VacuumSeconds, long TableBytes, long IndexBytes, string Jit);
