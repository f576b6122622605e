using Omnia.Core.Events;
using Omnia.Core.Funnels;
using Omnia.Core.Paths;
using Omnia.Core.Profiles;
using Omnia.Core.Segments;
using Omnia.Core.Touchpoints;
using Omnia.Core.Tests.Visits;
using static Omnia.Core.Tests.Visits.Timeline;

namespace Omnia.Core.Tests.Funnels;

public class FunnelTests
{
    internal const string Checkout = """
        {"version":1,"name":"Checkout","steps":[{"name":"Product Viewed","label":"Viewed"},{"name":"Product Added"},{"name":"Checkout Started"},
         {"name":"Order Completed","where":[{"property":"revenue","op":"gt","value":0}]}],"within":"7d","order":"strict",
         "survey":{"question":"What stopped you?","choices":["Price","Shipping","Just looking"]}}
        """;

    internal static readonly FunnelDefinition Definition = FunnelDefinition.Parse(Checkout, "checkout").Funnel!;

    private static readonly FunnelQuery November = new() { From = T0, To = T0.AddDays(30) };

    /// <summary>The five people of the hand-computed cases, each with their depth in strict and in any order.</summary>
    internal static ProfileEvent[][] People() =>
    [
        // P1: every step in order → 4 (both)
        new Timeline().At(0, "Product Viewed").At(10, "Product Added").At(15, "Checkout Started").Order(20, 59).Events,
        // P2: viewed then added → 2 (both)
        new Timeline().At(0, "Product Viewed").At(20, "Product Added").Events,
        // P3: viewed then checkout, never added → 1 (both)
        new Timeline().At(0, "Product Viewed").At(5, "Checkout Started").Events,
        // P4: added before viewing → strict 1, any order 2
        new Timeline().At(0, "Product Added").At(30, "Product Viewed").Events,
        // P5: added eight days after viewing, outside the 7-day window → 1 (both)
        new Timeline().At(0, "Product Viewed").At(Days(8), "Product Added").Events,
    ];

    internal static FunnelReport Run(FunnelDefinition funnel, FunnelQuery query, params ProfileEvent[][] people)
    {
        var matcher = new FunnelMatcher(funnel.Spec);
        var accumulators = new[] { new FunnelAccumulator(matcher, query, funnel.Slug), new FunnelAccumulator(matcher, query, funnel.Slug) };
        for (var i = 0; i < people.Length; i++)
            accumulators[i % 2].Add(new ProfileState { Id = i + 1 }, people[i], null);
        return FunnelReport.Build(accumulators);
    }

    [Fact]
    public void Strict_order_counts_people_per_step_with_conversion_drop_off_and_median_time()
    {
        var report = Run(Definition, November, People());

        var steps = report.Total.Steps;
        Assert.Equal([5L, 2L, 1L, 1L], steps.Select(s => s.People));
        Assert.Equal(["Viewed", "Product Added", "Checkout Started", "Order Completed"], steps.Select(s => s.Title));
        Assert.Equal([3L, 1L, 0L, 0L], steps.Select(s => s.DroppedAfter));
        Assert.Equal([1, 0.4, 0.2, 0.2], steps.Select(s => s.FromStart));
        Assert.Equal([1, 0.4, 0.5, 1], steps.Select(s => s.FromPrevious));
        Assert.Equal(0.6, steps[0].DropOffRate, 12);
        Assert.Equal([null, TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5)], steps.Select(s => s.MedianFromPrevious));
        Assert.Equal(0.2, report.Total.Conversion, 12);
    }

    [Fact]
    public void Any_order_lets_steps_come_in_any_order_within_the_window()
    {
        var anyOrder = Definition with { Spec = Definition.Spec with { Order = FunnelOrder.Any } };

        var steps = Run(anyOrder, November, People()).Total.Steps;

        Assert.Equal([5L, 3L, 1L, 1L], steps.Select(s => s.People));
        // In any order a step is reached once it and every step before it are done: P4 did step 2 first, so it
        // reached step 2 the moment it reached step 1 (0), P1 after 10 minutes, P2 after 20.
        Assert.Equal(TimeSpan.FromMinutes(10), steps[1].MedianFromPrevious);
    }

    [Fact]
    public void A_shorter_window_cuts_people_off_and_a_longer_one_lets_them_through()
    {
        var day = Definition with { Spec = Definition.Spec with { Within = SegmentDuration.Minutes(12) } };
        var nineDays = Definition with { Spec = Definition.Spec with { Within = SegmentDuration.Days(9) } };

        Assert.Equal([5L, 1L, 0L, 0L], Run(day, November, People()).Total.Steps.Select(s => s.People));
        Assert.Equal([5L, 3L, 1L, 1L], Run(nineDays, November, People()).Total.Steps.Select(s => s.People));
    }

    [Fact]
    public void Only_first_steps_in_the_period_count_and_the_deepest_attempt_wins()
    {
        var person = new Timeline()
            .At(0, "Product Viewed")                       // before the period
            .At(Days(10), "Product Viewed")                // in the period, a new attempt…
            .At(Days(11), "Product Added")                 // …that goes further
            .Events;

        var steps = Run(Definition, November with { From = T0.AddDays(5) }, person).Total.Steps;

        Assert.Equal([1L, 1L, 0L, 0L], steps.Select(s => s.People));
        Assert.Equal(TimeSpan.FromDays(1), steps[1].MedianFromPrevious);
        Assert.Equal([0L, 0L, 0L, 0L], Run(Definition, November with { To = T0.AddMinutes(-1) }, person).Total.Steps.Select(s => s.People));
    }

    [Fact]
    public void Property_filters_decide_whether_an_event_does_a_step()
    {
        var freeOrder = new Timeline().At(0, "Product Viewed").At(1, "Product Added").At(2, "Checkout Started").Order(3, 0).Events;

        Assert.Equal([1L, 1L, 1L, 0L], Run(Definition, November, freeOrder).Total.Steps.Select(s => s.People));
    }

    [Fact]
    public void The_funnel_breaks_down_by_the_device_of_the_first_step()
    {
        var phone = new Timeline().At(0, "Product Viewed", DeviceType.Mobile).At(3, "Product Added", DeviceType.Mobile).Events;

        var report = Run(Definition, November with { Breakdown = PathBreakdown.Device }, [.. People(), phone]);

        Assert.Equal(["desktop", "mobile"], report.Groups.Select(g => g.Name));
        Assert.Equal([1L, 1L, 0L, 0L], report.Groups[1].Steps.Select(s => s.People));
    }

    [Fact]
    public void Survey_answers_count_each_persons_latest_answer_to_this_funnels_survey()
    {
        Timeline Answer(Timeline t, double at, string answer, string survey = "checkout") =>
            t.At(at, FunnelSurvey.AnswerEvent, DeviceType.Unknown, properties: [("survey", EventValue.Of(survey)), ("answer", EventValue.Of(answer))]);

        var report = Run(Definition, November,
            Answer(Answer(new Timeline().At(0, "Product Viewed"), 60, "Price"), 120, "Shipping").Events,
            Answer(new Timeline().At(0, "Product Viewed"), 60, "Shipping").Events,
            Answer(new Timeline(), 60, "Price", survey: "another").Events);

        Assert.Equal([new SurveyAnswerCount("Shipping", 2)], report.Answers);
    }

    [Fact]
    public void Every_problem_in_a_funnel_is_reported_with_its_json_path()
    {
        var errors = FunnelDefinition.Parse("""
            {"version":1,"name":"F","steps":[{"name":"A","lable":"x"}],"within":"0d","order":"sorted","survey":{"question":"Why?","choices":["A","A"]}}
            """, "f").Errors.Select(e => e.ToString()).ToList();

        Assert.Equal([
            "steps: has 1 step(s); a funnel has 2 to 10",
            "steps[0].lable: unknown key; expected name, type, where, label",
            "within: '0d' must be longer than zero; use 30d, 12h or 15m",
            "order: 'sorted' is not one of strict (each step after the one before), any (steps in any order)",
            "survey.choices[1]: 'A' is listed twice; keep one",
        ], errors);
    }

    [Fact]
    public void A_funnel_written_as_json_reads_back_equal()
    {
        Assert.Equal(Definition, FunnelDefinition.Parse(Definition.ToJson(), "checkout").Funnel);
        Assert.Equal([Definition], FunnelDefinition.ParseList(FunnelDefinition.ToJson([Definition])));
        Assert.Equal(["revenue", "survey", "answer"], Definition.PropertyNames());
    }
}
