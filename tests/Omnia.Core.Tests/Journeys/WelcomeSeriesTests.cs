using Omnia.Core.Journeys;
using static Omnia.Core.Tests.Journeys.TestJourneys;

namespace Omnia.Core.Tests.Journeys;

public class WelcomeSeriesTests
{
    private static readonly CompiledJourney Journey = Compile(JourneyExamples.WelcomeSeries);
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    private static Driver Signed(Func<string, MessageEngagement> engagement, Action<Omnia.Core.Profiles.ProfileState>? profile = null)
    {
        var state = Profile(change: profile);
        var context = new JourneyContext(new Omnia.Core.Segments.ProfileFacts(state, [])) { TimeZone = Berlin, Engagement = engagement };
        return new Driver(Journey, context).Event("Signed Up", T0);
    }

    [Fact]
    public void The_welcome_email_goes_at_once_and_an_opener_gets_tips_at_nine_on_their_own_clock()
    {
        var driver = Signed(_ => MessageEngagement.Opened);
        Assert.Equal(["welcome-1"], driver.Sent.Select(m => m.Content));

        driver.Clock(T0.AddDays(2)); // 4 June, 12:00 in Berlin: tips wait for the next 09:00 there
        Assert.Equal(new DateTimeOffset(2025, 6, 5, 7, 0, 0, TimeSpan.Zero), driver.Instance.WakeAt);
        driver.Clock(new DateTimeOffset(2025, 6, 5, 7, 0, 0, TimeSpan.Zero));

        Assert.Equal(["welcome-1", "welcome-tips"], driver.Sent.Select(m => m.Content));
        Assert.Equal(ExitReason.Completed, driver.Instance.ExitReason);
    }

    [Fact]
    public void The_open_test_asks_about_the_message_the_instance_sent()
    {
        string? asked = null;
        var driver = Signed(key => { asked = key; return MessageEngagement.None; });

        driver.Clock(T0.AddDays(2));

        Assert.Equal(driver.Sent.First().Key, asked);
    }

    [Fact]
    public void Someone_who_did_not_open_is_nudged_on_their_preferred_reachable_channel()
    {
        var driver = Signed(_ => MessageEngagement.None, p =>
        {
            p.ChannelCounts["sms"] = 9;
            p.ChannelCounts["push"] = 2;
            p.WithConsent("sms", true).WithConsent("push", true);
        });

        driver.Clock(T0.AddDays(2));

        var nudge = driver.Sent.Last();
        Assert.Equal(("welcome-nudge", "sms"), (nudge.Content, nudge.Channel));
    }

    [Fact]
    public void When_the_preferred_channel_is_unreachable_the_fallback_order_decides()
    {
        var driver = Signed(_ => MessageEngagement.None, p =>
        {
            p.ChannelCounts["sms"] = 9;
            p.WithConsent("sms", false).WithConsent("email", true);
        });

        driver.Clock(T0.AddDays(2));

        Assert.Equal("email", driver.Sent.Last().Channel);
        Assert.Equal("email", driver.Instance.Channel);
    }

    [Fact]
    public void With_no_reachable_channel_the_nudge_is_skipped()
    {
        var driver = Signed(_ => MessageEngagement.None);

        driver.Clock(T0.AddDays(2));

        Assert.Equal(["welcome-1"], driver.Sent.Select(m => m.Content));
        Assert.Contains(driver.Effects.OfType<EnteredStep>(), s => s.NodeId == "done");
    }

    [Fact]
    public void A_first_order_during_the_series_ends_it_and_counts_as_a_conversion()
    {
        var driver = Signed(_ => MessageEngagement.Opened).Event("Order Completed", T0.AddDays(1)).Clock(T0.AddDays(5));

        Assert.Equal(["welcome-1"], driver.Sent.Select(m => m.Content));
        Assert.Equal(ExitReason.ExitCriterion, driver.Instance.ExitReason);
        Assert.Single(driver.Effects.OfType<GoalReached>());
    }

    [Fact]
    public void Signing_up_twice_enters_once()
    {
        var driver = Signed(_ => MessageEngagement.None).Event("Signed Up", T0.AddDays(40));

        Assert.Single(driver.Instances);
        Assert.Equal(EntryOutcome.AlreadyEntered, driver.Decisions[^1].Outcome);
    }
}
