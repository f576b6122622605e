using System.Text;
using Omnia.Core.Events;

namespace Omnia.Core.Tests.Events;

public class IsoTimestampTests
{
    [Fact]
    public void The_utf8_timestamp_in_the_log_is_the_same_text_as_the_iso_string_for_any_instant()
    {
        var random = new Random(11);
        var instants = new List<DateTimeOffset>
        {
            DateTimeOffset.MinValue, DateTimeOffset.MaxValue, DateTimeOffset.UnixEpoch,
            new(2024, 2, 29, 23, 59, 59, 999, TimeSpan.Zero), new(2025, 12, 31, 1, 2, 3, 4, TimeSpan.FromHours(5.5)),
        };
        for (var i = 0; i < 10_000; i++)
        {
            long ticks = random.NextInt64(DateTimeOffset.MinValue.UtcTicks + TimeSpan.TicksPerDay, DateTimeOffset.MaxValue.UtcTicks - TimeSpan.TicksPerDay);
            instants.Add(new DateTimeOffset(ticks, TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(random.Next(-14 * 60, 14 * 60))));
        }

        Span<byte> buffer = stackalloc byte[24];
        foreach (var instant in instants)
        {
            Assert.Equal(SegmentRequest.Iso(instant), Encoding.ASCII.GetString(SegmentRequest.IsoUtf8(instant, buffer)));
        }
    }
}
