using Omnia.Core.Events;

namespace Omnia.Core.Tests.Events;

public sealed class ClockSkewTests
{
    private static readonly DateTimeOffset Received = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_device_clock_an_hour_slow_is_corrected_by_the_same_hour()
    {
        var sent = Received.AddHours(-1);

        Assert.Equal(Received.AddSeconds(-6), ClockSkew.Correct(sent.AddSeconds(-6), sent, Received));
    }

    [Fact]
    public void Bug_11_a_pair_too_far_apart_for_any_date_gives_none_instead_of_throwing()
    {
        Assert.Null(ClockSkew.Correct(DateTimeOffset.MinValue, DateTimeOffset.MaxValue, Received));
        Assert.Null(ClockSkew.Correct(DateTimeOffset.MaxValue, DateTimeOffset.MinValue, Received));
    }

    [Theory]
    [InlineData("1969-12-31T23:59:59Z", false)]
    [InlineData("1970-01-01T00:00:00Z", true)]
    [InlineData("2026-02-28T12:00:00Z", true)]
    [InlineData("2026-03-02T12:00:00Z", false)]
    public void Events_are_dated_from_1970_to_a_year_after_receipt(string timestamp, bool accepted) =>
        Assert.Equal(accepted, EventTimeRange.Problem(DateTimeOffset.Parse(timestamp, System.Globalization.CultureInfo.InvariantCulture), Received) is null);

    [Fact]
    public void Invalid_utf8_is_found_at_each_bad_sequence_and_valid_text_costs_no_list()
    {
        byte[] text = [(byte)'a', 0xC3, 0x28, (byte)'b', 0xFF, (byte)'c', 0xE2, 0x82, 0xAC];

        Assert.Equal([1, 4], InvalidUtf8.Find(text));
        Assert.Empty(InvalidUtf8.Find("déjà vu €"u8));
    }
}
