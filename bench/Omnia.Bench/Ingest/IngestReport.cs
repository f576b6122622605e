using Omnia.Bench.Baseline;
using Omnia.Bench.Load;

namespace Omnia.Bench.Ingest;

/// <summary>Prints the ingest results as markdown, each figure next to its target.</summary>
public static class IngestReport
{
    public static void Print(SessionResult r, BaselineResult? before, BaselineResult? after)
    {
        var send = r.Send;
        double seconds = r.SendSeconds;
        Console.WriteLine();
        Console.WriteLine($"## Results ({send.Accepted:N0} events accepted, {send.Duplicates:N0} duplicates, {send.Failures:N0} failed batches, {send.Throttled:N0} answered 429 and resent{(send.HitTimeLimit ? ", STOPPED AT THE TIME LIMIT" : "")})");
        foreach (string error in send.Errors)
        {
            Console.WriteLine($"- error: {error}");
        }

        Console.WriteLine();
        Console.WriteLine("| figure | result | target | |");
        Console.WriteLine("|---|---:|---:|---|");
        Console.WriteLine($"| accepted events/s, durable 200 (HTTP `/v1/batch`) | {send.EventsPerSecond:N0} | ≥ {IngestCommand.TargetEventsPerSecond:N0} | {Verdict(send.EventsPerSecond >= IngestCommand.TargetEventsPerSecond)} |");
        Console.WriteLine($"| p50 batch latency | {send.P50:N1} ms | | |");
        Console.WriteLine($"| p99 batch latency | {send.P99:N1} ms | < {IngestCommand.TargetP99Ms:N0} ms | {Verdict(send.P99 < IngestCommand.TargetP99Ms)} |");
        Console.WriteLine($"| max batch latency | {send.Max:N1} ms | | |");
        Console.WriteLine(r.CaughtUp
            ? $"| events/s until profiles caught up (identity included) | {r.IdentityIncludedEventsPerSecond:N0} | ≥ {IngestCommand.TargetEventsPerSecond:N0} | {Verdict(r.IdentityIncludedEventsPerSecond >= IngestCommand.TargetEventsPerSecond)} |"
            : "| events/s until profiles caught up (identity included) | did not catch up in time | | MISSED |");
        if (before is not null && after is not null)
        {
            double raw = (before.InsertsPerSecond + after.InsertsPerSecond) / 2;
            Console.WriteLine($"| raw SQLite batched insert, same rows (before / after run) | {before.InsertsPerSecond:N0} / {after.InsertsPerSecond:N0} rows/s | | baseline |");
            Console.WriteLine($"| **Omnia HTTP ÷ raw SQLite** | **{send.EventsPerSecond / raw:P0}** | | |");
            if (r.CaughtUp)
            {
                Console.WriteLine($"| Omnia identity-included ÷ raw SQLite | {r.IdentityIncludedEventsPerSecond / raw:P0} | | |");
            }

            Console.WriteLine($"| raw SQLite p50 / p99 transaction ({r.Options.Batch} rows), CPU per row | {before.P50TransactionMs:N1} / {before.P99TransactionMs:N1} ms, {before.InsertCpuMicroseconds:N1} µs | | |");
            Console.WriteLine($"| Omnia parser alone (Parse + Extract, one core, same bodies) | {(before.ParsedPerSecond + after.ParsedPerSecond) / 2:N0} events/s | | |");
        }

        Console.WriteLine($"| profiles lag at the last ack | {r.LagAtSendEnd:N0} events | | |");
        if (r.CaughtUp)
        {
            Console.WriteLine($"| profile catch-up after the last ack | {r.SecondsUntilCaughtUp - seconds:N1} s ({r.CatchUpEventsPerSecond:N0} events/s) | | |");
        }

        var steady = send.AcceptedPerSecond.Length > 2 ? send.AcceptedPerSecond[1..^1].Order().ToArray() : send.AcceptedPerSecond.Order().ToArray();
        if (steady.Length > 0)
        {
            Console.WriteLine($"| accepted events per second: min / median / max | {steady[0]:N0} / {steady[steady.Length / 2]:N0} / {steady[^1]:N0} | | |");
        }

        Console.WriteLine($"| server CPU while sending | {r.ServerCpuDuringSend / seconds:N2} cores, {r.ServerCpuDuringSend * 1e6 / Math.Max(1, send.Accepted):N1} µs/event | | |");
        Console.WriteLine($"| server CPU until caught up | {r.ServerCpuUntilCaughtUp * 1e6 / Math.Max(1, send.Accepted):N1} µs/event | | |");
        Console.WriteLine($"| load generator CPU while sending | {r.ClientCpuDuringSend / seconds:N2} cores | | |");
        Console.WriteLine($"| server peak RSS (VmHWM) | {r.PeakRss / 1e6:N0} MB | | |");
        Console.WriteLine($"| data directory after the run | {r.DataBytes / 1e6:N0} MB ({r.DataBytes / (double)Math.Max(1, send.Accepted):N0} bytes/event) | | |");
        Console.WriteLine($"| event size on the wire | {r.BytesPerEvent:N0} bytes | 400–600 | |");
        Console.WriteLine();
        Timeline.Print(r.Samples);
    }

    public static string Verdict(bool met) => met ? "met" : "**MISSED**";
}
