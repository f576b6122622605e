using Omnia.Core.Journeys;
using static Omnia.Core.Tests.Journeys.TestJourneys;

namespace Omnia.Core.Tests.Journeys;

public class WaitInterruptionTests
{
    // Send a tip every day until the person orders or unsubscribes; a jump loops back through the wait.
    private const string DailyTips = """
        {"version":1,"name":"Daily tips","trigger":{"api":{}},
         "goal":{"event":{"name":"Order Completed"},"within":"30d"},
         "exitOn":[{"event":{"name":"Unsubscribed"}}],
         "start":"tip",
         "nodes":[
           {"id":"tip","type":"send","content":"tip","channel":"push","next":"wait"},
           {"id":"wait","type":"waitForEvent","event":{"name":"Order Completed"},"timeout":"1d","onEvent":"thanks","onTimeout":"again"},
           {"id":"again","type":"jump","to":"tip"},
           {"id":"thanks","type":"send","content":"thanks","channel":"email","next":"done"},
           {"id":"done","type":"exit"}]}
        """;

    private static readonly CompiledJourney Journey = Compile(DailyTips);

    [Fact]
    public void A_jump_loops_back_and_each_visit_gets_its_own_keys()
    {
        var driver = new Driver(Journey).Trigger(TriggerInput.Api(T0)).Clock(T0.AddDays(3));

        Assert.Equal(["7:1:1:tip:1:send", "7:1:1:tip:2:send", "7:1:1:tip:3:send", "7:1:1:tip:4:send"], driver.Sent.Select(m => m.Key));
        Assert.Equal([T0, T0.AddDays(1), T0.AddDays(2), T0.AddDays(3)], driver.Sent.Select(m => m.At));
        Assert.Equal(4, driver.Instance.Visits.Of("wait"));
        Assert.Equal(T0.AddDays(4), driver.Instance.WakeAt);
    }

    [Fact]
    public void An_exit_event_during_a_wait_ends_the_instance_at_once()
    {
        var driver = new Driver(Journey).Trigger(TriggerInput.Api(T0)).Event("Unsubscribed", T0.AddHours(30)).Clock(T0.AddDays(5));

        Assert.Equal(2, driver.Sent.Count());
        var exit = Assert.Single(driver.Effects.OfType<ExitJourney>());
        Assert.Equal((ExitReason.ExitCriterion, "wait", T0.AddHours(30)), (exit.Reason, exit.NodeId, exit.At));
        Assert.Equal("7:1:1:exit", exit.Key);
        Assert.Equal(InstanceStatus.Observing, driver.Instance.Status);
    }

    [Fact]
    public void The_awaited_event_during_a_wait_takes_the_event_edge_and_counts_the_goal()
    {
        var driver = new Driver(Journey).Trigger(TriggerInput.Api(T0)).Event("Order Completed", T0.AddHours(5));

        Assert.Equal(["tip", "thanks"], driver.Sent.Select(m => m.Content));
        Assert.Equal(T0.AddHours(5), driver.Sent.Last().At);
        var goal = Assert.Single(driver.Effects.OfType<GoalReached>());
        Assert.Equal(["tip", "wait"], goal.VisitedNodes);
        Assert.Equal(InstanceStatus.Exited, driver.Instance.Status);
    }

    [Fact]
    public void An_event_stamped_before_the_wait_began_does_not_end_it()
    {
        var driver = new Driver(Journey)
            .Trigger(TriggerInput.Api(T0))
            .Clock(T0.AddDays(1))
            .Advance(JourneyInput.Event(Event("Order Completed", T0.AddHours(23))));

        Assert.Equal(["tip", "tip"], driver.Sent.Select(m => m.Content));
        Assert.Equal(InstanceStatus.Waiting, driver.Instance.Status);
        Assert.Single(driver.Effects.OfType<GoalReached>()); // still a conversion: it came after the entry
    }

    [Fact]
    public void Stopping_an_instance_ends_it_without_watching_for_the_goal()
    {
        var driver = new Driver(Journey).Trigger(TriggerInput.Api(T0)).Advance(JourneyInput.Stop(T0.AddHours(2)));

        Assert.Equal(ExitReason.Stopped, Assert.Single(driver.Effects.OfType<ExitJourney>()).Reason);
        Assert.Equal(InstanceStatus.Exited, driver.Instance.Status);
        driver.Event("Order Completed", T0.AddHours(3));
        Assert.Empty(driver.Effects.OfType<GoalReached>());
    }

    [Fact]
    public void A_loop_that_never_ends_stops_at_the_visit_limit()
    {
        var driver = new Driver(Journey).Trigger(TriggerInput.Api(T0));
        for (var day = 1; day <= JourneyRuntime.MaxVisitsPerStep + 1; day += 100)
            driver.Clock(T0.AddDays(day));
        driver.Clock(T0.AddDays(JourneyRuntime.MaxVisitsPerStep + 1));

        Assert.Equal(JourneyRuntime.MaxVisitsPerStep, driver.Sent.Count());
        Assert.Equal(ExitReason.LoopLimit, driver.Instance.ExitReason);
    }

    [Fact]
    public void Effects_of_one_call_come_in_the_order_the_steps_ran()
    {
        var driver = new Driver(Journey).Trigger(TriggerInput.Api(T0));

        Assert.Equal(
            ["EnteredStep tip", "SendMessage tip", "EnteredStep wait", "ScheduleWake wait"],
            driver.Effects.Select(e => $"{e.GetType().Name} {e.NodeId}"));
    }
}
