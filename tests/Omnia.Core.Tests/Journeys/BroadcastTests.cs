using Omnia.Core.Journeys;
using static Omnia.Core.Tests.Journeys.TestJourneys;

namespace Omnia.Core.Tests.Journeys;

public class BroadcastTests
{
    private static readonly CompiledJourney Journey = Compile(JourneyExamples.WeeklyNewsletter);
    private static readonly ScheduleTrigger Schedule = (ScheduleTrigger)Journey.Definition.Trigger;

    private static DateTimeOffset Utc(int y, int m, int d, int h) => new(y, m, d, h, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_weekly_cron_broadcast_stays_at_nine_in_Berlin_across_the_clock_change()
    {
        var occurrences = Schedule.Occurrences(Utc(2025, 3, 17, 0), Utc(2025, 4, 8, 0));

        Assert.Equal([Utc(2025, 3, 17, 8), Utc(2025, 3, 24, 8), Utc(2025, 3, 31, 7), Utc(2025, 4, 7, 7)], occurrences);
        Assert.Equal(Utc(2025, 3, 24, 8), Schedule.NextOccurrence(Utc(2025, 3, 17, 8)));
    }

    [Fact]
    public void A_one_off_broadcast_happens_once()
    {
        var once = new ScheduleTrigger("newsletter", Utc(2025, 12, 1, 9), null, null);

        Assert.Equal(Utc(2025, 12, 1, 9), once.NextOccurrence(Utc(2025, 11, 1, 0)));
        Assert.Null(once.NextOccurrence(Utc(2025, 12, 1, 9)));
        Assert.Equal([Utc(2025, 12, 1, 9)], once.Occurrences(Utc(2025, 12, 1, 9), Utc(2025, 12, 2, 0)));
    }

    [Fact]
    public void Each_member_gets_each_issue_once_even_when_the_broadcast_is_replayed()
    {
        var first = Utc(2025, 3, 17, 8);
        var second = Schedule.NextOccurrence(first)!.Value;

        var driver = new Driver(Journey)
            .Trigger(TriggerInput.Schedule(first))
            .Trigger(TriggerInput.Schedule(first))
            .Trigger(TriggerInput.Schedule(second));

        Assert.Equal([first, second], driver.Sent.Select(m => m.At));
        Assert.Equal(["2025-03-17T08:00:00Z", "2025-03-24T08:00:00Z"], driver.Instances.Select(i => i.EntryKey));
    }
}
