using System.Diagnostics;
using System.Runtime;
using Npgsql;
using Omnia.Bench.Baseline;
using Omnia.Bench.Load;
using Omnia.Core.Segments;

namespace Omnia.Bench.Recompute;

/// <summary>
/// <c>recompute</c>: a full recompute of behavioural windowed segments over every profile (default 1,000,000
/// profiles, 50,000,000 events; target ≤ 2 s), side by side with the same query in PostgreSQL on the same data in
/// the same run. The data is generated once (seeded) into memory as Omnia's evaluator takes it and copied from
/// there into a throwaway PostgreSQL cluster; each segment is then timed on both sides, alternately, and both
/// must return the same members.
/// </summary>
public static class RecomputeCommand
{
    public static async Task<int> RunAsync(string[] rawArgs)
    {
        var args = new BenchArgs(rawArgs);
        string[] known = ["profiles", "events", "seed", "runs", "postgres", "shared-buffers"];
        if (args.Unknown(known).FirstOrDefault() is { } unknown)
        {
            Console.Error.WriteLine($"Unknown option --{unknown}. Options: {string.Join(", ", known.Select(k => "--" + k))}");
            return 2;
        }

        int profiles = args.Int("profiles", 1_000_000), runs = args.Int("runs", 5);
        long events = args.Long("events", 50_000_000);
        ulong seed = (ulong)args.Long("seed", 1);
        bool withPostgres = args.Bool("postgres", true);
        if (profiles < 1 || events < 0 || runs < 1)
        {
            Console.Error.WriteLine("--profiles and --runs must be at least 1, --events at least 0.");
            return 2;
        }

        string sharedBuffers = rawArgs.SkipWhile(a => a != "--shared-buffers").Skip(1).FirstOrDefault() ?? "4GB";
        Console.WriteLine($"# recompute: {profiles:N0} profiles, {events:N0} events, seed {seed}, {runs} timed runs per query");
        Console.WriteLine(Machine.Describe());
        Console.WriteLine($"command: dotnet Omnia.Bench.dll recompute {string.Join(' ', rawArgs)}");
        Console.WriteLine($"GC: {(GCSettings.IsServerGC ? "server" : "workstation")}, {GCSettings.LatencyMode}");
        Console.WriteLine($"events: {RecomputeData.Describe()}");
        Console.WriteLine($"segments evaluated at {RecomputeData.Now:O}");

        using var memory = new RecomputeMemory();
        long heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var generate = Stopwatch.StartNew();
        var data = RecomputeData.Generate(profiles, events, seed);
        double generateSeconds = generate.Elapsed.TotalSeconds;
        long dataBytes = GC.GetTotalMemory(forceFullCollection: true) - heapBefore;
        long rssWithData = ProcessStats.Memory(Environment.ProcessId).Rss;
        Log($"generated in {generateSeconds:N1} s; managed heap +{dataBytes / 1e9:N2} GB ({dataBytes / (double)events:N0} bytes/event), process RSS {rssWithData / 1e9:N2} GB");

        var report = new RecomputeReport(profiles, events, data, generateSeconds, dataBytes, rssWithData, sharedBuffers);
        var errors = new List<string>();
        PostgresCluster? cluster = null;
        try
        {
            if (withPostgres)
            {
                var settings = new Dictionary<string, string>(PostgresCluster.NotDurable);
                foreach (var (name, value) in RecomputePostgres.Settings(sharedBuffers))
                {
                    settings[name] = value;
                }

                cluster = await PostgresCluster.StartAsync(settings).ConfigureAwait(false);
                Log($"PostgreSQL started on port {cluster.Port}, data in {cluster.DataDirectory}; fsync, synchronous_commit and full_page_writes are off (bench load only)");
                report.Load = await RecomputePostgres.LoadAsync(cluster, data, Log).ConfigureAwait(false);
                report.PostgresDiskBytes = cluster.DiskBytes();
            }

            var product = RecomputeProduct.Load(data.Profiles);
            long nextSegment = 1;
            foreach (var recomputeCase in RecomputeCase.All)
            {
                string loadAverage = LoadAverage();
                Log($"{recomputeCase.Label}: load average {loadAverage}");
                var segment = CompiledSegment.Compile(SegmentDefinition.Parse(recomputeCase.SegmentJson).Definition
                    ?? throw new InvalidOperationException($"The segment of '{recomputeCase.Label}' does not parse."));
                // Measured next to each segment, so that both see the same machine (it is shared and its load moves).
                var scan = Enumerable.Range(0, runs + 1).Select(_ => RecomputeOmnia.ScanMilliseconds(data.Profiles)).Skip(1).Order().ToList();
                var omnia = Enumerable.Range(0, runs + 1).Select(_ => RecomputeOmnia.Recompute(segment, data.Profiles, RecomputeData.Now)).ToList();
                var row = new RecomputeReport.Row(recomputeCase.Label, loadAverage, scan[scan.Count / 2], omnia[0], omnia.Skip(1).ToList(), []);
                // The product's path: the segment saved in a running server's derived state, recomputed in chunks.
                var products = Enumerable.Range(0, runs).Select(_ => RecomputeProduct.Recompute(product, nextSegment++, recomputeCase.SegmentJson)).ToList();
                row.Product.AddRange(products);
                Log($"{recomputeCase.Label}: product path (segment saved in the derived state) {products[0].Members:N0} members, median {RecomputeReport.Median(products):N0} ms");
                foreach (var answer in products.Where(a => a.Members != omnia[0].Members || a.IdSum != omnia[0].IdSum))
                {
                    errors.Add($"{recomputeCase.Label}: the product path found {answer.Members:N0} members but the evaluator {omnia[0].Members:N0}");
                }

                Log($"{recomputeCase.Label}: Omnia {row.Omnia.Members:N0} members, first {omnia[0].Milliseconds:N0} ms, median {RecomputeReport.Median(row.OmniaWarm):N0} ms (reading every event's timestamp once: {row.ScanMilliseconds:N0} ms)");
                if (row.Omnia.Members == 0)
                {
                    Log("warning: no members, so agreeing on them proves little; use more profiles or events");
                }

                foreach (var answer in omnia.Where(a => a.Members != omnia[0].Members || a.IdSum != omnia[0].IdSum))
                {
                    errors.Add($"{recomputeCase.Label}: Omnia runs disagree ({answer.Members} vs {omnia[0].Members} members)");
                }

                foreach (var query in recomputeCase.Postgres)
                {
                    if (cluster is null)
                    {
                        break;
                    }

                    var postgres = await TimePostgresAsync(cluster, query, runs).ConfigureAwait(false);
                    row.Postgres.Add(postgres);
                    Log($"{recomputeCase.Label}, PostgreSQL {query.Variant}: {postgres.Cold.Members:N0} members, cold {postgres.Cold.Milliseconds:N0} ms, warm median {RecomputeReport.Median(postgres.Warm):N0} ms");
                    foreach (var answer in postgres.Warm.Prepend(postgres.Cold).Where(a => a.Members != row.Omnia.Members || a.IdSum != row.Omnia.IdSum))
                    {
                        errors.Add($"{recomputeCase.Label}, PostgreSQL {query.Variant}: {answer.Members:N0} members (id sum {answer.IdSum}) but Omnia found {row.Omnia.Members:N0} (id sum {row.Omnia.IdSum})");
                    }
                }

                report.Rows.Add(row);
            }
        }
        finally
        {
            if (cluster is not null)
            {
                await cluster.DisposeAsync().ConfigureAwait(false);
                Log("PostgreSQL stopped and its directory deleted");
            }
        }

        report.Print(memory);
        foreach (string error in errors.Distinct())
        {
            Console.WriteLine($"MISMATCH: {error}");
        }

        GC.KeepAlive(data);
        return errors.Count == 0 ? 0 : 1;
    }

    private static async Task<RecomputeReport.PostgresTiming> TimePostgresAsync(PostgresCluster cluster, RecomputeSql query, int runs)
    {
        // Cold: a restart empties shared_buffers; the kernel's page cache is not dropped (that would disturb the machine).
        await cluster.RestartAsync().ConfigureAwait(false);
        await using var connection = new NpgsqlConnection(cluster.ConnectionString);
        await connection.OpenAsync().ConfigureAwait(false);
        await using (var ping = new NpgsqlCommand("SELECT 1", connection))
        {
            await ping.ExecuteScalarAsync().ConfigureAwait(false);
        }

        var cold = await RecomputePostgres.QueryAsync(connection, query.Sql, RecomputeData.Now).ConfigureAwait(false);
        var warm = new List<RecomputeAnswer>();
        for (int i = 0; i < runs; i++)
        {
            warm.Add(await RecomputePostgres.QueryAsync(connection, query.Sql, RecomputeData.Now).ConfigureAwait(false));
        }

        string plan = await RecomputePostgres.ExplainAsync(connection, query.Sql, RecomputeData.Now).ConfigureAwait(false);
        return new RecomputeReport.PostgresTiming(query.Variant, cold, warm, plan);
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    private static void Log(string message) => Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");

}
