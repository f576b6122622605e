using Omnia.Core.Funnels;
using Omnia.Core.Profiles;
using Omnia.Core.Segments;
using static Omnia.Core.Tests.Visits.Timeline;

namespace Omnia.Core.Tests.Funnels;

public class FunnelDropoutSegmentTests
{
    private static readonly DateTimeOffset From = T0;
    private static readonly DateTimeOffset To = T0.AddDays(30);

    private static SegmentDefinition DroppedAfter(FunnelDefinition funnel, int step) =>
        new("Dropped after step " + step, null, funnel.DropoutCondition(step, From, To));

    [Theory]
    [InlineData(FunnelOrder.Strict)]
    [InlineData(FunnelOrder.Any)]
    public void A_segment_of_the_dropouts_after_each_step_holds_exactly_the_people_the_report_counts(FunnelOrder order)
    {
        var funnel = FunnelTests.Definition with { Spec = FunnelTests.Definition.Spec with { Order = order } };
        var people = FunnelTests.People();
        var report = FunnelTests.Run(funnel, new FunnelQuery { From = From, To = To }, people);

        for (var step = 1; step < funnel.Spec.Steps.Count; step++)
        {
            var segment = SegmentEvaluator.Compile(DroppedAfter(funnel, step));
            var members = people.Where(events => segment.Evaluate(new ProfileFacts(new ProfileState { Id = 1 }, events), To.AddDays(10)).IsMember).Count();
            Assert.Equal(report.Total.Steps[step - 1].DroppedAfter, members);
        }
    }

    [Fact]
    public void The_dropout_condition_reads_back_from_json_and_names_what_it_reads()
    {
        var definition = DroppedAfter(FunnelTests.Definition, 2);

        var parsed = SegmentDefinition.Parse(definition.ToJson());

        Assert.Equal(definition, parsed.Definition);
        Assert.Equal(["Product Viewed", "Product Added", "Checkout Started", "Order Completed"], definition.EventNames());
        Assert.Equal(["revenue"], definition.PropertyNames([]));
    }

    [Fact]
    public void A_dropout_step_past_the_last_or_a_moving_period_is_refused_with_its_path()
    {
        var errors = SegmentDefinition.Parse("""
            {"version":1,"name":"x","condition":{"funnel":{"steps":[{"name":"A"},{"name":"B"}],"droppedAfter":2,"period":{"last":"30d"}}}}
            """).Errors.Select(e => e.Path);

        Assert.Equal(["condition.funnel.droppedAfter", "condition.funnel.period"], errors);
    }
}
