using Omnia.Bench.Load;
using Omnia.Core.Events;

namespace Omnia.Bench.Micro;

/// <summary>The load generator's events, as a request body and as the log events Omnia stores for it.</summary>
public static class SampleEvents
{
    public static byte[] Body(int events = 500, int people = 10_000) =>
        new SegmentEventGenerator(people, events, "micro").Batch(0);

    public static IReadOnlyList<LogEvent> Logged(int events = 500, int people = 10_000)
    {
        using var request = SegmentRequest.Parse(Body(events, people));
        return request.Extract(null, 1, 1, DateTimeOffset.UtcNow).Accepted;
    }
}
