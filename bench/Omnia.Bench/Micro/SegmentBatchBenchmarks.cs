using BenchmarkDotNet.Attributes;
using Omnia.Core.Events;

namespace Omnia.Bench.Micro;

/// <summary>What the ingestion endpoint does to a body before the log write: parse and validate a 500-event batch.</summary>
public class SegmentBatchBenchmarks
{
    private byte[] _body = [];
    private readonly DateTimeOffset _receivedAt = DateTimeOffset.UtcNow;

    [GlobalSetup]
    public void Setup() => _body = SampleEvents.Body(500);

    [Benchmark(Description = "SegmentRequest.Parse+Extract, 500-event batch")]
    public int ParseAndExtract()
    {
        using var request = SegmentRequest.Parse(_body);
        return request.Extract(null, 1, 1, _receivedAt).Accepted.Count;
    }
}
