using Omnia.Core.Events;
using System.Text.Json;
using Omnia.Core.Journeys;
using Omnia.Core.Segments;
using static Omnia.Core.Tests.Journeys.TestJourneys;

namespace Omnia.Core.Tests.Journeys;

public class DateTriggerTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly DateTrigger Birthday = (DateTrigger)Parse(JourneyExamples.Birthday).Trigger;

    private static EventValue Date(string text) => EventValue.Of(text);

    private static DateTimeOffset Utc(int y, int m, int d, int h, int min = 0) => new(y, m, d, h, min, 0, TimeSpan.Zero);

    [Fact]
    public void A_birthday_comes_at_nine_on_the_profiles_clock_in_summer_and_in_winter()
    {
        var summer = Birthday.NextOccurrence(Date("1990-07-14"), Berlin, Utc(2025, 1, 1, 0));
        var winter = Birthday.NextOccurrence(Date("1990-12-03"), Berlin, Utc(2025, 1, 1, 0));

        Assert.Equal(new DateOccurrence(Utc(2025, 7, 14, 7), "2025-07-14"), summer); // CEST, UTC+2
        Assert.Equal(new DateOccurrence(Utc(2025, 12, 3, 8), "2025-12-03"), winter); // CET, UTC+1
    }

    [Fact]
    public void The_same_birthday_in_New_York_comes_six_hours_later()
    {
        var occurrence = Birthday.NextOccurrence(Date("1985-07-14"), NewYork, Utc(2025, 1, 1, 0));

        Assert.Equal(Utc(2025, 7, 14, 13), occurrence!.Value.At); // 09:00 EDT
    }

    [Fact]
    public void After_this_years_birthday_has_passed_the_next_is_next_year()
    {
        var occurrence = Birthday.NextOccurrence(Date("1990-03-01"), Berlin, Utc(2025, 3, 1, 8));

        Assert.Equal(new DateOccurrence(Utc(2026, 3, 1, 8), "2026-03-01"), occurrence);
    }

    [Fact]
    public void A_29_February_birthday_falls_on_28_February_in_other_years()
    {
        var occurrence = Birthday.NextOccurrence(Date("2000-02-29"), TimeZoneInfo.Utc, Utc(2025, 1, 1, 0));
        var leap = Birthday.NextOccurrence(Date("2000-02-29"), TimeZoneInfo.Utc, Utc(2028, 1, 1, 0));

        Assert.Equal(new DateOccurrence(Utc(2025, 2, 28, 9), "2025-02-28"), occurrence);
        Assert.Equal(new DateOccurrence(Utc(2028, 2, 29, 9), "2028-02-29"), leap);
    }

    [Fact]
    public void A_renewal_reminder_comes_seven_days_before_at_nine_even_across_the_clock_change()
    {
        var trigger = new DateTrigger("renewal_date", DateOffset.BeforeBy(SegmentDuration.Days(7)), new TimeOnly(9, 0), Yearly: false);

        // 2 April 2025 minus 7 days is 26 March, before Berlin's clocks go forward on 30 March: 09:00 CET.
        var occurrence = trigger.NextOccurrence(Date("2025-04-02"), Berlin, Utc(2025, 1, 1, 0));

        Assert.Equal(new DateOccurrence(Utc(2025, 3, 26, 8), "2025-04-02"), occurrence);
        Assert.Null(trigger.NextOccurrence(Date("2025-04-02"), Berlin, Utc(2025, 3, 26, 8)));
    }

    [Fact]
    public void A_time_the_spring_clock_change_skips_happens_when_the_clocks_jump()
    {
        var trigger = new DateTrigger("birthday", DateOffset.None, new TimeOnly(2, 30), Yearly: true);

        var occurrence = trigger.NextOccurrence(Date("1990-03-30"), Berlin, Utc(2025, 1, 1, 0));

        Assert.Equal(Utc(2025, 3, 30, 1), occurrence!.Value.At); // 03:00 CEST: 02:30 did not exist that night
    }

    [Fact]
    public void A_time_the_autumn_clock_change_repeats_happens_the_first_time()
    {
        var trigger = new DateTrigger("birthday", DateOffset.None, new TimeOnly(2, 30), Yearly: true);

        var occurrence = trigger.NextOccurrence(Date("1990-10-26"), Berlin, Utc(2025, 1, 1, 0));

        Assert.Equal(Utc(2025, 10, 26, 0, 30), occurrence!.Value.At); // 02:30 CEST, the first of the two
    }

    [Theory]
    [InlineData("1990-05-17T00:00:00Z", true)]
    [InlineData("1990-05-17", true)]
    [InlineData("17/05/1990", false)]
    [InlineData("1990-05-17x", false)]
    public void A_trait_holds_a_date_when_it_starts_with_an_iso_date(string text, bool isDate)
    {
        Assert.Equal(isDate, Birthday.NextOccurrence(Date(text), TimeZoneInfo.Utc, Utc(2025, 1, 1, 0)) is not null);
    }

    [Fact]
    public void A_profile_enters_once_per_birthday_and_again_next_year()
    {
        var journey = Compile(JourneyExamples.Birthday);
        var thisYear = Birthday.NextOccurrence(Date("1990-07-14"), Berlin, Utc(2025, 1, 1, 0))!.Value;
        var nextYear = Birthday.NextOccurrence(Date("1990-07-14"), Berlin, thisYear.At)!.Value;

        var driver = new Driver(journey)
            .Trigger(TriggerInput.Date(thisYear))
            .Trigger(TriggerInput.Date(thisYear))
            .Trigger(TriggerInput.Date(nextYear));

        Assert.Equal([EntryOutcome.Entered, EntryOutcome.AlreadyEntered, EntryOutcome.Entered], driver.Decisions.Select(d => d.Outcome));
        Assert.Equal([thisYear.At, nextYear.At], driver.Sent.Select(m => m.At));
        Assert.Equal("2025-07-14", driver.Instances[0].EntryProperties["date"].String);
    }

    [Fact]
    public void A_wait_until_a_trait_date_goes_on_at_once_when_that_date_has_passed()
    {
        var journey = Compile("""
            {"version":1,"name":"Renewal","trigger":{"api":{}},"start":"before-renewal",
             "nodes":[{"id":"before-renewal","type":"waitUntil","trait":"renewal_date","offset":"-7d","time":"09:00","next":"remind","missed":"done"},
                      {"id":"remind","type":"send","content":"renewal","channel":"email","next":"done"},
                      {"id":"done","type":"exit"}]}
            """);
        var upcoming = new Driver(journey, Context(Profile().WithTrait("renewal_date", "2025-06-20"))).Trigger(TriggerInput.Api(T0));
        var passed = new Driver(journey, Context(Profile().WithTrait("renewal_date", "2025-06-05"))).Trigger(TriggerInput.Api(T0));
        var missing = new Driver(journey, Context()).Trigger(TriggerInput.Api(T0));

        Assert.Equal(Utc(2025, 6, 13, 9), upcoming.Instance.WakeAt);
        Assert.Empty(passed.Sent);
        Assert.Equal(ExitReason.Completed, passed.Instance.ExitReason);
        Assert.Empty(missing.Sent);
    }
}
