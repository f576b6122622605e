using System.Diagnostics;

namespace Omnia.Bench.Load;

/// <summary>The batches of one run: generated up front (so the sender spends no CPU on them) or on the fly.</summary>
public sealed class Workload
{
    private Workload(long batches, int batchSize, Func<long, byte[]> body, double bytesPerEvent)
    {
        Batches = batches;
        BatchSize = batchSize;
        Body = body;
        BytesPerEvent = bytesPerEvent;
    }

    public long Batches { get; }

    public int BatchSize { get; }

    public Func<long, byte[]> Body { get; }

    public double BytesPerEvent { get; }

    public static Workload Create(long events, int batchSize, int people, bool pregenerate, Action<string> log)
    {
        long batches = (events + batchSize - 1) / batchSize;
        var generator = new SegmentEventGenerator(people, batchSize, Guid.NewGuid().ToString("N")[..8]);
        if (!pregenerate)
        {
            return Check(new Workload(batches, batchSize, generator.Batch, generator.Batch(0).Length / (double)batchSize), log);
        }

        var clock = Stopwatch.StartNew();
        var bodies = new byte[batches][];
        Parallel.For(0, batches, i => bodies[i] = generator.Batch(i));
        long bytes = bodies.Sum(b => (long)b.Length);
        log($"generated {batches:N0} batches of {batchSize} events ({bytes / 1e6:N0} MB) in {clock.Elapsed.TotalSeconds:N1} s");
        return Check(new Workload(batches, batchSize, i => bodies[i], bytes / (double)(batches * batchSize)), log);
    }

    private static Workload Check(Workload workload, Action<string> log)
    {
        log($"events are {workload.BytesPerEvent:N0} bytes on average");
        if (workload.BytesPerEvent * workload.BatchSize > 500 * 1024)
        {
            log($"warning: a batch is about {workload.BytesPerEvent * workload.BatchSize / 1024:N0} KB, over the API's 500 KB limit; lower --batch.");
        }

        return workload;
    }
}
