using Omnia.Bench.Load;

namespace Omnia.Bench.Recompute;

/// <summary>What a <c>recompute</c> run measured, printed as Markdown tables in the format of docs/benchmarks.md.</summary>
public sealed class RecomputeReport(int profiles, long events, RecomputeData data, double generateSeconds, long dataBytes, long rssWithData, string sharedBuffers)
{
    public List<Row> Rows { get; } = [];

    public PostgresLoad? Load { get; set; }

    public long PostgresDiskBytes { get; set; }

    /// <summary>Prints the tables and PostgreSQL's plans.</summary>
    public void Print(RecomputeMemory memory)
    {
        var load = Load;
        var results = Rows;
        bool full = profiles >= 1_000_000 && events >= 50_000_000;
        Console.WriteLine();
        Console.WriteLine($"## Full recompute, {profiles:N0} profiles / {events:N0} events (Omnia: {Environment.ProcessorCount} threads; PostgreSQL: up to 2 parallel workers per query)");
        Console.WriteLine();
        Console.WriteLine("| segment | members | Omnia first / median (min) | read every event once | PostgreSQL query | PostgreSQL cold / warm median (min) | PostgreSQL warm ÷ Omnia | load average |");
        Console.WriteLine("|---|---:|---:|---:|---|---:|---:|---|");
        foreach (var row in results)
        {
            string omnia = $"{row.Omnia.Milliseconds:N0} / **{Median(row.OmniaWarm):N0} ms** ({row.OmniaWarm.Min(a => a.Milliseconds):N0}) | {row.ScanMilliseconds:N0} ms";
            if (row.Postgres.Count == 0)
            {
                Console.WriteLine($"| {row.Label} | {row.Omnia.Members:N0} | {omnia} | not run | | | {row.LoadAverage} |");
            }

            foreach (var pg in row.Postgres)
            {
                Console.WriteLine($"| {row.Label} | {row.Omnia.Members:N0} | {omnia} | {pg.Variant} | {pg.Cold.Milliseconds:N0} / **{Median(pg.Warm):N0} ms** ({pg.Warm.Min(a => a.Milliseconds):N0}) | {Median(pg.Warm) / Median(row.OmniaWarm):N1}× | {row.LoadAverage} |");
            }
        }

        Console.WriteLine();
        Console.WriteLine("| segment | product path: segment saved in a running derived state, recompute until done (median, min) |");
        Console.WriteLine("|---|---:|");
        foreach (var row in results.Where(r => r.Product.Count > 0))
        {
            Console.WriteLine($"| {row.Label} | **{Median(row.Product):N0} ms** ({row.Product.Min(a => a.Milliseconds):N0}) |");
        }

        Console.WriteLine();
        double slowest = results.Max(r => r.Product.Count > 0 ? Median(r.Product) : Median(r.OmniaWarm));
        Console.WriteLine(full
            ? $"Target ≤ 2,000 ms for a segment edit's recompute in a running server: slowest product-path median {slowest:N0} ms, **{(slowest <= 2000 ? "met" : "missed")}**."
            : $"Target ≤ 2,000 ms applies at 1,000,000 profiles / 50,000,000 events; this run is smaller (slowest product-path median {slowest:N0} ms).");
        Console.WriteLine($"Read every event once = the same {Environment.ProcessorCount}-thread loop over all profiles reading each event's timestamp, with no segment logic (the order check `CompiledSegment.Evaluate` makes on each call), median, measured just before that segment: the floor for an evaluator that touches every event.");
        Console.WriteLine("First = the first evaluation after compiling (includes JIT); median and min over the next runs. " +
            "PostgreSQL cold = first query after a server restart (empty shared_buffers; OS page cache not dropped); warm = the next runs on the same connection; times include planning and the loopback round trip.");

        (long _, long selfPeak) = ProcessStats.Memory(Environment.ProcessId);
        Console.WriteLine();
        Console.WriteLine("| figure | result |");
        Console.WriteLine("|---|---:|");
        Console.WriteLine($"| generate into memory (Omnia's form, untimed for the target) | {generateSeconds:N1} s ({events / generateSeconds:N0} events/s) |");
        Console.WriteLine($"| Omnia data in the managed heap | {dataBytes / 1e9:N2} GB ({dataBytes / (double)Math.Max(1, events):N0} bytes/event; {data.PropertyObjects} shared property objects) |");
        Console.WriteLine($"| bench process RSS with the data / peak (VmHWM) | {rssWithData / 1e9:N2} / {selfPeak / 1e9:N2} GB |");
        if (load is not null)
        {
            Console.WriteLine($"| PostgreSQL binary COPY (table created in the same transaction, FREEZE) | {load.CopySeconds:N1} s ({events / load.CopySeconds:N0} rows/s) |");
            Console.WriteLine($"| PostgreSQL CREATE INDEX (name, ts) INCLUDE (profile_id, revenue) | {load.IndexSeconds:N1} s |");
            Console.WriteLine($"| PostgreSQL VACUUM ANALYZE + CHECKPOINT | {load.VacuumSeconds:N1} s |");
            Console.WriteLine($"| PostgreSQL table / index / data directory | {load.TableBytes / 1e9:N2} / {load.IndexBytes / 1e9:N2} / {PostgresDiskBytes / 1e9:N2} GB ({load.TableBytes / (double)Math.Max(1, events):N0} + {load.IndexBytes / (double)Math.Max(1, events):N0} bytes/row) |");
            Console.WriteLine($"| PostgreSQL settings | shared_buffers {sharedBuffers}, work_mem 256MB, max_parallel_workers_per_gather 2, jit {load.Jit}, fsync off (bench load only), autovacuum off |");
        }

        Console.WriteLine($"| machine memory in use (MemTotal − MemAvailable), at start / peak | {memory.Baseline / 1e9:N2} / {memory.Peak / 1e9:N2} GB |");

        foreach (var pg in results.SelectMany(r => r.Postgres.Select(p => (r.Label, p))))
        {
            Console.WriteLine();
            Console.WriteLine($"PostgreSQL plan, {pg.Label}, {pg.p.Variant} (EXPLAIN ANALYZE, warm):");
            Console.WriteLine("```");
            Console.WriteLine(pg.p.Plan);
            Console.WriteLine("```");
        }
    }

    public static double Median(IReadOnlyList<RecomputeAnswer> answers)
    {
        var sorted = answers.Select(a => a.Milliseconds).Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>One segment: Omnia's first run and timed runs, then each PostgreSQL variant.</summary>
    public sealed record Row(string Label, string LoadAverage, double ScanMilliseconds, RecomputeAnswer Omnia, List<RecomputeAnswer> OmniaWarm, List<PostgresTiming> Postgres)
    {
        /// <summary>The product's recompute path (the segment saved in the derived state), one per run.</summary>
        public List<RecomputeAnswer> Product { get; } = [];
    }

    /// <summary>One PostgreSQL query: its cold run after a restart, its warm runs and its plan.</summary>
    public sealed record PostgresTiming(string Variant, RecomputeAnswer Cold, List<RecomputeAnswer> Warm, string Plan);
}
