using Omnia.Core.Journeys;
using Omnia.Core.Segments;
using static Omnia.Core.Tests.Journeys.TestJourneys;

namespace Omnia.Core.Tests.Journeys;

public class WinBackTests
{
    private static readonly CompiledJourney Journey = Compile(JourneyExamples.WinBack, journeyId: 31);

    /// <summary>The profile ids from 1 up that the holdout split puts in the control group, and in treatment.</summary>
    private static (long Control, long Treated) Profiles()
    {
        var split = (SplitStep)Journey.Definition.Node("holdout")!;
        long control = 0, treated = 0;
        for (long id = 1; control == 0 || treated == 0; id++)
        {
            if (VariantAssigner.Assign(31, id, split) == SplitStep.ControlName)
                control = control == 0 ? id : control;
            else
                treated = treated == 0 ? id : treated;
        }
        return (control, treated);
    }

    private static Driver Lapsed(long profileId, bool stillLapsed = true)
    {
        var context = new JourneyContext(new ProfileFacts(Profile(profileId), [])) { IsMemberOf = slug => stillLapsed && slug == "lapsed-vips" };
        return new Driver(Journey, context, profileId).Trigger(TriggerInput.Segment("lapsed-vips", true, T0));
    }

    [Fact]
    public void A_treated_vip_is_tagged_emailed_and_reported_to_the_crm_then_reminded_while_still_lapsed()
    {
        var driver = Lapsed(Profiles().Treated).Clock(T0.AddDays(7));

        Assert.Equal(["winback-offer", "winback-reminder"], driver.Sent.Select(m => m.Content));
        var update = Assert.Single(driver.Effects.OfType<UpdateProfile>());
        Assert.Equal(new TraitUpdate("winback_offer", new StringLiteral("COMEBACK15")), Assert.Single(update.Traits));
        var hook = Assert.Single(driver.Effects.OfType<CallWebhook>());
        Assert.Equal(("https://crm.example.com/hooks/winback", "POST", "winback-crm"), (hook.Url, hook.Method, hook.Body));
        Assert.Equal([new VariantAssignment("holdout", "offer")], driver.Instance.Variants);
    }

    [Fact]
    public void A_vip_who_is_no_longer_lapsed_after_a_week_gets_no_reminder()
    {
        var driver = Lapsed(Profiles().Treated, stillLapsed: false).Clock(T0.AddDays(7));

        Assert.Equal(["winback-offer"], driver.Sent.Select(m => m.Content));
    }

    [Fact]
    public void Leaving_the_segment_during_the_wait_ends_the_instance()
    {
        var driver = Lapsed(Profiles().Treated)
            .Advance(JourneyInput.Segment("lapsed-vips", false, T0.AddDays(3)))
            .Clock(T0.AddDays(8));

        Assert.Equal(["winback-offer"], driver.Sent.Select(m => m.Content));
        Assert.Equal(ExitReason.ExitCriterion, driver.Instance.ExitReason);
    }

    [Fact]
    public void The_control_group_gets_nothing_but_its_orders_still_count()
    {
        var driver = Lapsed(Profiles().Control);

        Assert.Empty(driver.Sent);
        Assert.Empty(driver.Effects.OfType<UpdateProfile>());
        Assert.Equal(ExitReason.Control, driver.Instance.ExitReason);
        Assert.Equal(InstanceStatus.Observing, driver.Instance.Status);
        Assert.Equal(T0.AddDays(30), driver.Instance.WakeAt);

        driver.Event("Order Completed", T0.AddDays(12));

        var goal = Assert.Single(driver.Effects.OfType<GoalReached>());
        Assert.Equal([new VariantAssignment("holdout", "control")], goal.Variants);
        Assert.Equal(InstanceStatus.Exited, driver.Instance.Status);
    }

    [Fact]
    public void A_control_profile_that_never_orders_stops_being_watched_when_the_goal_window_closes()
    {
        var driver = Lapsed(Profiles().Control).Clock(T0.AddDays(30));

        Assert.Equal(InstanceStatus.Exited, driver.Instance.Status);
        Assert.Null(driver.Instance.ConvertedAt);
    }

    [Fact]
    public void Reentry_waits_for_the_cooldown_since_the_last_entry()
    {
        var driver = Lapsed(Profiles().Treated)
            .Clock(T0.AddDays(40))
            .Trigger(TriggerInput.Segment("lapsed-vips", true, T0.AddDays(60)))
            .Trigger(TriggerInput.Segment("lapsed-vips", true, T0.AddDays(90)));

        Assert.Equal([EntryOutcome.Entered, EntryOutcome.CoolingDown, EntryOutcome.Entered], driver.Decisions.Select(d => d.Outcome));
        Assert.Equal(T0.AddDays(90), driver.Decisions[1].RetryAt);
    }

    [Fact]
    public void Edge_triggered_entry_ignores_recomputes_and_existing_members()
    {
        var driver = new Driver(Journey)
            .Trigger(TriggerInput.Segment("lapsed-vips", true, T0, MembershipChange.Recompute))
            .Trigger(TriggerInput.Segment("lapsed-vips", true, T0, MembershipChange.Existing))
            .Trigger(TriggerInput.Segment("lapsed-vips", false, T0))
            .Trigger(TriggerInput.Segment("other-segment", true, T0));

        Assert.Empty(driver.Instances);
        Assert.Equal(
            [EntryOutcome.NotATransition, EntryOutcome.NotATransition, EntryOutcome.NotTriggered, EntryOutcome.NotTriggered],
            driver.Decisions.Select(d => d.Outcome));
    }

    [Fact]
    public void A_level_triggered_journey_also_takes_existing_members()
    {
        var journey = Compile(JourneyExamples.WinBack.Replace("\"cooldown\": \"90d\" }", "\"cooldown\": \"90d\", \"edgeTriggered\": false }"));

        var decision = JourneyEntry.Decide(journey, TriggerInput.Segment("lapsed-vips", true, T0, MembershipChange.Existing), EntryHistory.Empty);

        Assert.True(decision.Enters);
    }
}
