using Omnia.Core.Journeys;
using Omnia.Core.Segments;
using static Omnia.Core.Tests.Journeys.TestJourneys;

namespace Omnia.Core.Tests.Journeys;

public class JourneyJsonTests
{
    public static TheoryData<string> Examples => new()
    {
        JourneyExamples.AbandonedCart,
        JourneyExamples.WelcomeSeries,
        JourneyExamples.WinBack,
        JourneyExamples.Birthday,
        JourneyExamples.WeeklyNewsletter,
    };

    [Theory]
    [MemberData(nameof(Examples))]
    public void Every_example_reads_back_equal_from_its_canonical_json(string json)
    {
        var definition = Parse(json);

        var canonical = definition.ToJson();

        Assert.Equal(definition, Parse(canonical));
        Assert.Equal(canonical, Parse(canonical).ToJson());
        Assert.Equal(definition, Parse(definition.ToJson(indented: true)));
    }

    [Fact]
    public void Every_step_type_and_option_survives_a_round_trip()
    {
        var definition = Parse("""
            {"version":1,"name":"Everything","description":"All step types",
             "trigger":{"event":{"name":"Product Added","type":"track","where":[{"property":"price","op":"gte","value":50}],"key":"cart_id"}},
             "entry":{"rule":"reentry","cooldown":"12h"},
             "goal":{"event":{"name":"Order Completed"},"matchKey":"cart_id","within":"7d"},
             "exitOn":[{"event":{"name":"Unsubscribed"}},{"segmentExit":"buyers"}],
             "start":"w",
             "nodes":[
               {"id":"w","type":"wait","duration":"15m","next":"u"},
               {"id":"u","type":"waitUntil","time":"18:30","next":"ut"},
               {"id":"ut","type":"waitUntil","trait":"renewal","offset":"-2d","next":"f","missed":"x"},
               {"id":"f","type":"waitForEvent","event":{"name":"Order Completed"},"matchKey":"cart_id","timeout":"1h","onEvent":"x","onTimeout":"c"},
               {"id":"c","type":"condition","if":{"and":[{"segment":"vip"},{"lifecycleStage":{"in":["loyalty","advocacy"]}},{"persona":"p1"}]},"then":"m","else":"s"},
               {"id":"m","type":"condition","if":{"lastMessage":{"status":"clicked","node":"e"}},"then":"s","else":"s"},
               {"id":"s","type":"split","variants":[{"name":"a","weight":45,"next":"e"},{"name":"b","weight":45,"next":"ch"}],"control":10},
               {"id":"e","type":"send","content":"cart-reminder","channel":"email","next":"p"},
               {"id":"ch","type":"chooseChannel","channels":["push","sms"],"next":"cs","none":"x"},
               {"id":"cs","type":"send","content":"cart-nudge","channel":"choose","next":"p"},
               {"id":"p","type":"updateProfile","traits":{"reminded":true,"offer":"TEN","score":1.5,"old":null},"next":"h"},
               {"id":"h","type":"webhook","url":"https://example.com/hook","method":"PUT","body":"payload","next":"j"},
               {"id":"j","type":"jump","to":"x"},
               {"id":"x","type":"exit"}]}
            """);

        Assert.Equal(definition, Parse(definition.ToJson()));
        Assert.Empty(definition.Validate());
        Assert.Equal(["buyers", "vip"], definition.ReferencedSegments());
    }

    [Fact]
    public void Generated_definitions_read_back_equal()
    {
        var random = new Random(42);
        for (var i = 0; i < 200; i++)
        {
            var definition = RandomJourney(random);
            Assert.Empty(definition.Validate());
            Assert.Equal(definition, Parse(definition.ToJson()));
        }
    }

    [Fact]
    public void Defaults_are_filled_in_and_written_out()
    {
        var definition = Parse("""{"version":1,"name":"Min","trigger":{"api":{}},"start":"x","nodes":[{"id":"x","type":"exit"}]}""");

        Assert.Equal(EntryRules.Default, definition.Entry);
        Assert.Equal(
            """{"version":1,"name":"Min","trigger":{"api":{}},"entry":{"rule":"oneAtATime"},"start":"x","nodes":[{"id":"x","type":"exit"}]}""",
            definition.ToJson());
    }

    /// <summary>A random valid chain of steps with random options, ending in an exit.</summary>
    private static JourneyDefinition RandomJourney(Random random)
    {
        var count = random.Next(1, 12);
        var steps = new List<JourneyStep>();
        string Id(int i) => $"n{i}";
        for (var i = 0; i < count; i++)
        {
            var next = Id(i + 1);
            var duration = new SegmentDuration(random.Next(1, 100), (DurationUnit)random.Next(3));
            steps.Add(random.Next(8) switch
            {
                0 => new WaitStep(Id(i), duration, next),
                1 => new WaitUntilStep(Id(i), new TimeOnly(random.Next(24), random.Next(60)), null, DateOffset.None, next),
                2 => new WaitForEventStep(Id(i), new EventFilter("E" + random.Next(5)), null, duration, next, next),
                3 => new ConditionStep(Id(i), new ProfileTest(new TraitCondition("plan", ComparisonOp.Equal, new StringLiteral("gold"))), next, next),
                4 => new SplitStep(Id(i), [new SplitVariant("a", random.Next(1, 50), next), new SplitVariant("b", random.Next(1, 50), next)], random.Next(0, 20)),
                5 => new SendStep(Id(i), "content-" + random.Next(9), MessageChannels.All[random.Next(4)], next),
                6 => new UpdateProfileStep(Id(i), [new TraitUpdate("t" + random.Next(9), random.Next(2) == 0 ? null : new NumberLiteral(random.Next(100)))], next),
                _ => new WebhookStep(Id(i), "https://example.com/" + random.Next(9), random.Next(2) == 0 ? "POST" : "GET", null, next),
            });
        }
        steps.Add(new ExitStep(Id(count)));
        JourneyTrigger trigger = random.Next(3) switch
        {
            0 => new EventTrigger(new EventFilter("Signed Up")),
            1 => new SegmentTrigger("seg-" + random.Next(9), random.Next(2) == 0 ? SegmentEdge.Entry : SegmentEdge.Exit),
            _ => new DateTrigger("birthday", random.Next(2) == 0 ? DateOffset.None : DateOffset.BeforeBy(SegmentDuration.Days(random.Next(1, 30))), new TimeOnly(random.Next(24), 0), random.Next(2) == 0),
        };
        var entry = random.Next(3) switch
        {
            0 => new EntryRules(EntryRule.Once),
            1 => new EntryRules(EntryRule.OneAtATime),
            _ => new EntryRules(EntryRule.Reentry, SegmentDuration.Days(random.Next(1, 90))),
        };
        if (trigger is SegmentTrigger && random.Next(2) == 0)
            entry = entry with { EdgeTriggered = false };
        var goal = random.Next(2) == 0 ? null : new JourneyGoal(new EventFilter("Order Completed"), SegmentDuration.Days(random.Next(1, 60)));
        return new JourneyDefinition("Journey " + random.Next(1000), random.Next(2) == 0 ? null : "d", trigger, entry, Id(0), steps, goal,
            random.Next(2) == 0 ? [] : [new EventExitCriterion(new EventFilter("Unsubscribed"))]);
    }
}
