using Omnia.Core.Events;
using Omnia.Core.Goals;
using Omnia.Core.Segments;
using Omnia.Core.Touchpoints;
using Omnia.Core.Visits;
using Omnia.Core.Tests.Visits;

namespace Omnia.Core.Tests.Goals;

public class ConversionGoalTests
{
    private const string Signup = """
        {"version":1,"name":"Big orders","event":{"name":"Order Completed","where":[{"property":"revenue","op":"gte","value":100}]},
         "value":"revenue","lookback":"14d","touchpoints":{"messages":"all","excludeChannels":["support"]}}
        """;

    [Fact]
    public void A_goal_reads_its_event_filter_value_lookback_and_touchpoints()
    {
        var goal = ConversionGoal.Parse(Signup, "big-orders").Goal!;

        Assert.Equal(("big-orders", "Big orders", "revenue", SegmentDuration.Days(14)), (goal.Slug, goal.Name, goal.ValueProperty, goal.Lookback));
        Assert.Equal("Order Completed", goal.Event.Name);
        Assert.Equal(MessageTouches.All, goal.Touchpoints.Messages);
        Assert.Equal(["support"], goal.Touchpoints.ExcludeChannels);
        Assert.Equal(["revenue", "revenue"], goal.PropertyNames());
    }

    [Fact]
    public void A_goal_without_lookback_or_touchpoints_gets_thirty_days_and_engaged_messages()
    {
        var goal = ConversionGoal.Parse("""{"version":1,"name":"Signup","event":{"name":"Signed Up"}}""", "signup").Goal!;

        Assert.Equal(SegmentDuration.Days(30), goal.Lookback);
        Assert.Equal(GoalTouchpoints.Default, goal.Touchpoints);
        Assert.Null(goal.ValueProperty);
    }

    [Fact]
    public void A_goal_written_as_json_reads_back_equal()
    {
        var goal = ConversionGoal.Parse(Signup, "big-orders").Goal!;

        Assert.Equal(goal, ConversionGoal.Parse(goal.ToJson(), "big-orders").Goal);
        Assert.Equal([goal, ConversionGoal.Purchase], ConversionGoal.ParseList(ConversionGoal.ToJson([goal, ConversionGoal.Purchase])));
    }

    [Fact]
    public void Every_problem_is_reported_with_its_json_path()
    {
        var errors = ConversionGoal.Parse("""
            {"version":1,"name":"","evnt":{},"event":{"name":"Order Completed","where":[{"property":"revenue","op":"withinLast","value":"3d"}]},
             "value":7,"lookback":"2y","touchpoints":{"messages":"opened","excludeChannels":["fax"]}}
            """, "Bad Slug").Errors.Select(e => e.Path).ToList();

        Assert.Equal(["evnt", "slug", "name", "event.where[0].op", "value", "lookback", "touchpoints.messages", "touchpoints.excludeChannels[0]"], errors);
    }

    [Fact]
    public void A_lookback_beyond_a_year_is_refused_with_the_range()
    {
        var error = Assert.Single(ConversionGoal.Parse("""{"version":1,"name":"x","event":{"name":"x"},"lookback":"400d"}""", "x").Errors);

        Assert.Equal("lookback: '400d' is outside 1h to 365d; touchpoints count from an hour to a year before a conversion", error.ToString());
    }

    [Fact]
    public void The_matcher_finds_conversions_and_their_value()
    {
        var goal = new GoalMatcher(ConversionGoal.Parse(Signup, "big-orders").Goal!);
        var events = new Timeline().Order(0, 150).Order(1, 40).At(2, "Order Completed", properties: ("revenue", EventValue.Of("n/a"))).Events;

        Assert.Equal([true, false, false], events.Select(e => goal.Converts(e)));
        Assert.Equal(150, goal.ValueOf(events[0]));
        Assert.Equal(0, new GoalMatcher(ConversionGoal.Purchase).ValueOf(events[2]));
    }

    [Fact]
    public void Engaged_messages_count_as_touchpoints_and_sends_do_not_unless_asked()
    {
        var events = new Timeline()
            .At(0, "Email Delivered", DeviceType.Unknown, Channels.Email, "news")
            .At(600, "Email Opened", DeviceType.Unknown, Channels.Email, "news")
            .At(1200, "Ticket Created", DeviceType.Unknown, Channels.Support)
            .Events;
        var visits = Sessionizer.Of(events);
        var engaged = GoalTouchpoints.Default;
        var all = new GoalTouchpoints(MessageTouches.All, [Channels.Support]);
        var none = new GoalTouchpoints(MessageTouches.None, []);

        Assert.Equal([false, true, true], visits.Select(v => engaged.Counts(v)));
        Assert.Equal([true, true, false], visits.Select(v => all.Counts(v)));
        Assert.Equal([false, false, true], visits.Select(v => none.Counts(v)));
    }
}
