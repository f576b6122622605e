using Omnia.Core.Lifecycle;
using Omnia.Core.Segments;

namespace Omnia.Core.Tests.Segments;

public class PersonaAndLifecycleConditionTests
{
    [Theory]
    [InlineData("""{"persona":"p1"}""", "p1", true)]
    [InlineData("""{"persona":"p1"}""", "p2", false)]
    [InlineData("""{"persona":"p1"}""", null, false)]
    [InlineData("""{"persona":{"in":["p1","p3"]}}""", "p3", true)]
    [InlineData("""{"persona":{"in":["p1","p3"]}}""", "P3", false)]
    [InlineData("""{"not":{"persona":{"in":["p1","p3"]}}}""", null, true)]
    public void A_persona_condition_reads_the_persona_given_in_the_facts(string condition, string? persona, bool expected)
    {
        var facts = Profiles.New().Build() with { Persona = persona };

        Assert.Equal(new SegmentResult(expected, null), Segment.Evaluate(condition, facts));
    }

    [Theory]
    [InlineData("""{"lifecycleStage":"loyalty"}""", LifecycleStage.Loyalty, true)]
    [InlineData("""{"lifecycleStage":{"in":["loyalty","advocacy"]}}""", LifecycleStage.Advocacy, true)]
    [InlineData("""{"lifecycleStage":{"in":["loyalty","advocacy"]}}""", LifecycleStage.Conversion, false)]
    [InlineData("""{"lifecycleStage":{"in":["awareness"]}}""", null, false)]
    public void A_lifecycle_stage_condition_reads_the_stage_given_in_the_facts(string condition, LifecycleStage? stage, bool expected)
    {
        var facts = Profiles.New().Build() with { LifecycleStage = stage };

        Assert.Equal(new SegmentResult(expected, null), Segment.Evaluate(condition, facts));
    }

    [Theory]
    [InlineData("""{"persona":{"in":["p1","p3"]}}""")]
    [InlineData("""{"persona":"p1"}""")]
    [InlineData("""{"lifecycleStage":"loyalty"}""")]
    [InlineData("""{"lifecycleStage":{"in":["consideration","advocacy"]}}""")]
    public void Persona_and_stage_conditions_write_back_in_their_short_form_when_they_have_one_value(string condition)
    {
        var definition = Segment.Of(condition);

        Assert.Equal($$"""{"version":1,"name":"Test","condition":{{condition}}}""", definition.ToJson());
        Assert.Equal(definition, SegmentDefinition.Parse(definition.ToJson()).Definition);
    }

    [Fact]
    public void A_one_item_list_writes_back_as_the_short_form()
    {
        Assert.Equal("""{"version":1,"name":"Test","condition":{"persona":"p2"}}""", Segment.Of("""{"persona":{"in":["p2"]}}""").ToJson());
    }

    [Theory]
    [InlineData("""{"persona":5}""", """condition.persona: must be a persona key such as "p1", or {"in":["p1","p3"]}, not 5""")]
    [InlineData("""{"persona":""}""", """condition.persona: is empty; use a persona key such as "p1" """)]
    [InlineData("""{"persona":{"in":[]}}""", """condition.persona.in: needs a non-empty list such as ["p1","p3"], not a list""")]
    [InlineData("""{"persona":{"in":["p1",2]}}""", """condition.persona.in[1]: 2 is not text; use a persona key such as "p1" """)]
    [InlineData("""{"persona":{"is":"p1"}}""", "condition.persona.is: unknown key; expected in", """condition.persona.in: required: a non-empty list such as ["p1","p3"]""")]
    [InlineData("""{"lifecycleStage":"vip"}""", "condition.lifecycleStage: 'vip' is not a lifecycle stage; use one of awareness, consideration, conversion, loyalty, advocacy")]
    [InlineData("""{"lifecycleStage":{"in":["loyalty","Advocacy"]}}""", "condition.lifecycleStage.in[1]: 'Advocacy' is not a lifecycle stage; use one of awareness, consideration, conversion, loyalty, advocacy")]
    public void Bad_persona_and_stage_conditions_get_errors_at_their_paths(string condition, params string[] expected)
    {
        Assert.Equal(expected.Select(e => e.TrimEnd()), Segment.ErrorsOf(condition));
    }
}
