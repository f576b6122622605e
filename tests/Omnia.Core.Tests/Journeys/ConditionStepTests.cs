using System.Text.Json;
using Omnia.Core.Journeys;
using Omnia.Core.Lifecycle;
using Omnia.Core.Segments;
using static Omnia.Core.Tests.Journeys.TestJourneys;

namespace Omnia.Core.Tests.Journeys;

public class ConditionStepTests
{
    private const string Steps =
        """ "then":"yes","else":"no"},{"id":"yes","type":"send","content":"yes","channel":"email","next":"done"},{"id":"no","type":"send","content":"no","channel":"email","next":"done"},{"id":"done","type":"exit"}]}""";

    private static CompiledJourney Branching(string condition) =>
        Compile("""{"version":1,"name":"Branch","trigger":{"api":{}},"start":"check","nodes":[{"id":"check","type":"condition","if":""" + condition + "," + Steps);

    private static string Branch(string condition, ProfileFacts facts) =>
        new Driver(Branching(condition), new JourneyContext(facts)).Trigger(TriggerInput.Api(T0)).Sent.Single().Content;

    [Fact]
    public void A_condition_step_takes_segment_conditions_over_traits_persona_and_lifecycle_stage()
    {
        const string condition = """{"and":[{"trait":{"name":"plan","op":"equals","value":"gold"}},{"persona":"p2"},{"lifecycleStage":{"in":["loyalty","advocacy"]}}]}""";
        var gold = new ProfileFacts(Profile().WithTrait("plan", "gold"), []) { Persona = "p2", LifecycleStage = LifecycleStage.Loyalty };

        Assert.Equal("yes", Branch(condition, gold));
        Assert.Equal("no", Branch(condition, gold with { Persona = "p1" }));
        Assert.Equal("no", Branch(condition, gold with { LifecycleStage = LifecycleStage.Conversion }));
    }

    [Fact]
    public void Event_conditions_see_the_profiles_events_up_to_the_moment_of_the_check()
    {
        const string condition = """{"event":{"name":"Order Completed","window":{"last":"30d"}}}""";
        var recent = new ProfileFacts(Profile(), [Event("Order Completed", T0.AddDays(-3))]);
        var old = new ProfileFacts(Profile(), [Event("Order Completed", T0.AddDays(-40))]);

        Assert.Equal("yes", Branch(condition, recent));
        Assert.Equal("no", Branch(condition, old));
    }

    [Fact]
    public void A_click_counts_as_an_open_but_an_open_is_not_a_click()
    {
        var journey = Compile("""
            {"version":1,"name":"Engaged","trigger":{"api":{}},"start":"first",
             "nodes":[{"id":"first","type":"send","content":"first","channel":"email","next":"wait"},
                      {"id":"wait","type":"wait","duration":"1d","next":"clicked"},
                      {"id":"clicked","type":"condition","if":{"lastMessage":{"status":"clicked","node":"first"}},"then":"yes","else":"opened"},
                      {"id":"opened","type":"condition","if":{"lastMessage":"opened"},"then":"maybe","else":"no"},
                      {"id":"yes","type":"send","content":"yes","channel":"email","next":"done"},
                      {"id":"maybe","type":"send","content":"maybe","channel":"email","next":"done"},
                      {"id":"no","type":"send","content":"no","channel":"email","next":"done"},
                      {"id":"done","type":"exit"}]}
            """);
        string Run(MessageEngagement engagement) => new Driver(journey, new JourneyContext(new ProfileFacts(Profile(), [])) { Engagement = _ => engagement })
            .Trigger(TriggerInput.Api(T0)).Clock(T0.AddDays(1)).Sent.Last().Content;

        Assert.Equal("yes", Run(MessageEngagement.Clicked));
        Assert.Equal("maybe", Run(MessageEngagement.Opened));
        Assert.Equal("no", Run(MessageEngagement.None));
    }

    [Fact]
    public void A_mid_journey_instance_with_variants_and_messages_survives_json()
    {
        var journey = Compile(JourneyExamples.WinBack, journeyId: 31);
        var driver = new Driver(journey, new JourneyContext(new ProfileFacts(Profile(2), [])) { IsMemberOf = _ => true }, profileId: 2)
            .Trigger(TriggerInput.Segment("lapsed-vips", true, T0));
        var instance = driver.Instance;

        var stored = JsonSerializer.Deserialize<JourneyInstance>(JsonSerializer.Serialize(instance))!;

        Assert.Equal(instance, stored);
        Assert.NotEmpty(stored.Variants);
    }
}
