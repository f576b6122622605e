using System.Text.RegularExpressions;
using Omnia.Server.Dashboard.Shared;

namespace Omnia.Server.Tests;

/// <summary>The dashboard's relative times ("3 days ago") read as English: one unit is singular, never zero.</summary>
public sealed partial class RelativeTimeTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(10, "just now")]
    [InlineData(50, "1 min ago")]
    [InlineData(5 * 60, "5 min ago")]
    [InlineData(3600, "1 h ago")]
    [InlineData(86_400, "1 day ago")]
    [InlineData(2 * 86_400, "2 days ago")]
    [InlineData(59 * 86_400, "59 days ago")]
    [InlineData(61 * 86_400, "2 months ago")]
    [InlineData(60 * 86_400, "1 month ago")]
    [InlineData(800 * 86_400, "2 years ago")]
    [InlineData(-86_400, "in 1 day")]
    [InlineData(-3 * 3600, "in 3 h")]
    public void A_time_reads_as_a_person_would_say_it(long secondsAgo, string expected) =>
        Assert.Equal(expected, Format.Ago(Now.AddSeconds(-secondsAgo), Now));

    [Fact]
    public void No_time_is_never() => Assert.Equal("never", Format.Ago(null, Now));

    [Fact]
    public void Across_ten_years_of_random_times_a_count_of_one_is_singular_and_no_count_is_zero()
    {
        var random = new Random(11);
        for (int i = 0; i < 20_000; i++)
        {
            double seconds = 45 + random.NextDouble() * 10 * 365.25 * 86_400;
            string text = Format.Ago(Now.AddSeconds(random.Next(2) == 0 ? -seconds : seconds), Now);
            var match = Shape().Match(text);
            Assert.True(match.Success, text);
            int n = int.Parse(match.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(n >= 1, text);
            string unit = match.Groups["unit"].Value;
            Assert.True(unit is "min" or "h" || (n == 1) == !unit.EndsWith('s'), text);
        }
    }

    [GeneratedRegex(@"^(?:in (?<n>\d+) (?<unit>min|h|days?|months?|years?)|(?<n>\d+) (?<unit>min|h|days?|months?|years?) ago)$")]
    private static partial Regex Shape();
}
