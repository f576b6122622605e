using static Omnia.Core.Tests.Journeys.TestJourneys;

namespace Omnia.Core.Tests.Journeys;

public class JourneyValidationTests
{
    /// <summary>A valid journey around <paramref name="nodes"/>, starting at "a", with an optional extra root key.</summary>
    private static string With(string nodes, string trigger = """{"event":{"name":"Product Added","key":"cart_id"}}""", string extra = "") =>
        $$"""{"version":1,"name":"T","trigger":{{trigger}},{{extra}}"start":"a","nodes":{{nodes}}}""";

    private const string Exit = """{"id":"z","type":"exit"}""";

    [Theory]
    // the document
    [InlineData("""[]""", "$: must be a JSON object like {\"version\":1,\"name\":\"…\",\"trigger\":{…},\"start\":\"…\",\"nodes\":[…]}, not a list")]
    [InlineData("""{"version":2,"name":"T","trigger":{"api":{}},"start":"z","nodes":[{"id":"z","type":"exit"}]}""", "version: version 2 is not supported; use 1")]
    [InlineData("""{"version":1,"name":"T","trigger":{"api":{}},"start":"z","nodes":[{"id":"z","type":"exit"}],"steps":[]}""", "steps: unknown key; expected version, name, description, trigger, entry, start, nodes, goal, exitOn")]
    [InlineData("""{"version":1,"name":"T","start":"z","nodes":[{"id":"z","type":"exit"}]}""", """trigger: required: what starts the journey, e.g. {"event":{"name":"Product Added","key":"cart_id"}}""")]
    [InlineData("""{"version":1,"name":"T","trigger":{"api":{}},"start":"z","nodes":[]}""", """nodes: must be a non-empty list of steps such as [{"id":"remind","type":"send",…}], not a list""")]
    // triggers
    [InlineData("""{"version":1,"name":"T","trigger":{"webhook":{}},"start":"z","nodes":[{"id":"z","type":"exit"}]}""",
        "trigger.webhook: 'webhook' is not a kind of trigger; use one of event, segmentEntry, segmentExit, date, schedule, api",
        "trigger: empty; use one of event, segmentEntry, segmentExit, date, schedule, api")]
    [InlineData("""{"version":1,"name":"T","trigger":{"segmentEntry":"Lapsed VIPs"},"start":"z","nodes":[{"id":"z","type":"exit"}]}""",
        """trigger.segmentEntry: 'Lapsed VIPs' is not a segment slug; use lowercase letters, digits and hyphens, e.g. "lapsed-vips" """)]
    [InlineData("""{"version":1,"name":"T","trigger":{"date":{"trait":"birthday","at":"9am"}},"start":"z","nodes":[{"id":"z","type":"exit"}]}""",
        """trigger.date.at: '9am' is not a time of day; use 24-hour HH:mm, e.g. "09:00" """)]
    [InlineData("""{"version":1,"name":"T","trigger":{"date":{"trait":"renewal","offset":"-1w"}},"start":"z","nodes":[{"id":"z","type":"exit"}]}""",
        """trigger.date.offset: '-1w' is not an offset; use a duration with an optional minus sign, e.g. "-7d", "2d" or "-12h" """)]
    [InlineData("""{"version":1,"name":"T","trigger":{"schedule":{"segment":"news","cron":"0 9 * *"}},"start":"z","nodes":[{"id":"z","type":"exit"}]}""",
        """trigger.schedule.cron: '0 9 * *' is not a cron expression; use five fields: minute hour day-of-month month day-of-week, e.g. "0 9 * * MON" """)]
    [InlineData("""{"version":1,"name":"T","trigger":{"schedule":{"segment":"news","cron":"0 9 * * MON","timeZone":"Mars/Olympus"}},"start":"z","nodes":[{"id":"z","type":"exit"}]}""",
        """trigger.schedule.timeZone: 'Mars/Olympus' is not a time zone; use an IANA id such as "Europe/Berlin" or "UTC" """)]
    [InlineData("""{"version":1,"name":"T","trigger":{"schedule":{"segment":"news"}},"start":"z","nodes":[{"id":"z","type":"exit"}]}""",
        """trigger.schedule: needs 'at' (one broadcast, e.g. "2025-12-01T09:00:00Z") or 'cron' (recurring, e.g. "0 9 * * MON")""")]
    [InlineData("""{"version":1,"name":"T","trigger":{"event":{"name":"Product Added","where":[{"property":"price","op":"most","value":1}]}},"start":"z","nodes":[{"id":"z","type":"exit"}]}""",
        "trigger.event.where[0].op: 'most' is not one of equals, notEquals, contains, startsWith, in, exists, notExists, gt, gte, lt, lte, before, after")]
    // entry, goal, exit criteria
    [InlineData("""{"version":1,"name":"T","trigger":{"api":{}},"entry":{"rule":"reentry"},"start":"z","nodes":[{"id":"z","type":"exit"}]}""",
        "entry.cooldown: required for reentry: how long after entering a profile may enter again; use 30d, 12h or 15m")]
    [InlineData("""{"version":1,"name":"T","trigger":{"api":{}},"entry":{"rule":"twice"},"start":"z","nodes":[{"id":"z","type":"exit"}]}""",
        "entry.rule: 'twice' is not one of once, oneAtATime, reentry")]
    [InlineData("""{"version":1,"name":"T","trigger":{"api":{}},"entry":{"rule":"once","edgeTriggered":false},"start":"z","nodes":[{"id":"z","type":"exit"}]}""",
        "entry.edgeTriggered: applies to segmentEntry and segmentExit triggers only; remove it")]
    [InlineData("""{"version":1,"name":"T","trigger":{"api":{}},"goal":{"event":{"name":"Order Completed"},"matchKey":"cart_id","within":"7d"},"start":"z","nodes":[{"id":"z","type":"exit"}]}""",
        """goal.matchKey: needs a trigger keyed by a property, e.g. {"event":{"name":"Product Added","key":"cart_id"}}; this trigger has no key to match""")]
    [InlineData("""{"version":1,"name":"T","trigger":{"api":{}},"goal":{"event":{"name":"Order Completed"}},"start":"z","nodes":[{"id":"z","type":"exit"}]}""",
        "goal.within: required: how long after entering a conversion counts; use 30d, 12h or 15m")]
    [InlineData("""{"version":1,"name":"T","trigger":{"api":{}},"exitOn":[{"event":{"nam":"x"}}],"start":"z","nodes":[{"id":"z","type":"exit"}]}""",
        "exitOn[0].event.nam: unknown key; expected name, type, where", """exitOn[0].event.name: required: the event's name, e.g. "Order Completed" """)]
    public void A_bad_definition_gets_an_error_at_its_path(string json, params string[] expected)
    {
        Assert.Equal(expected.Select(e => e.TrimEnd()), ErrorsOf(json));
    }

    [Theory]
    [InlineData("""[{"id":"a","type":"pause","next":"z"},EXIT]""", "nodes[0].type: 'pause' is not a step type; use one of wait, waitUntil, waitForEvent, condition, split, send, chooseChannel, updateProfile, webhook, jump, exit")]
    [InlineData("""[{"id":"a b","type":"exit"}]""", "nodes[0].id: 'a b' is not a step id; use at most 64 letters, digits, '-' and '_'")]
    [InlineData("""[{"id":"a","type":"wait","duration":"2 days","next":"z"},EXIT]""", "nodes[0].duration: '2 days' is not a duration; use 30d, 12h or 15m")]
    [InlineData("""[{"id":"a","type":"wait","next":"z"},EXIT]""", "nodes[0].duration: required: how long to wait; use 30d, 12h or 15m")]
    [InlineData("""[{"id":"a","type":"wait","duration":"1h","next":"z","timeout":"1h"},EXIT]""", "nodes[0].timeout: unknown key; expected id, type, duration, next")]
    [InlineData("""[{"id":"a","type":"waitUntil","next":"z"},EXIT]""", """nodes[0]: needs 'time' (the next 09:00 on the profile's clock: "time":"09:00") or 'trait' (a date the profile holds, e.g. "trait":"renewal_date")""")]
    [InlineData("""[{"id":"a","type":"waitUntil","time":"09:00","missed":"z","next":"z"},EXIT]""", "nodes[0].missed: applies to waits for a trait's date only (a time of day always comes round); remove it")]
    [InlineData("""[{"id":"a","type":"waitForEvent","event":{"name":"Order Completed"},"timeout":"1h","onEvent":"z"},EXIT]""", """nodes[0].onTimeout: required: the id of the node to go to""")]
    [InlineData("""[{"id":"a","type":"condition","if":{"trait":{"name":"plan","op":"is"}},"then":"z","else":"z"},EXIT]""", "nodes[0].if.trait.op: 'is' is not one of equals, notEquals, contains, startsWith, in, exists, notExists, gt, gte, lt, lte, withinLast, inNext, before, after")]
    [InlineData("""[{"id":"a","type":"condition","if":{"lastMessage":"read"},"then":"z","else":"z"},EXIT]""", "nodes[0].if.lastMessage: 'read' is not one of opened, clicked")]
    [InlineData("""[{"id":"a","type":"condition","if":{"lastMessage":{"status":"opened","node":"z"}},"then":"z","else":"z"},EXIT]""", "nodes[0].if.lastMessage.node: 'z' is not the id of a send step")]
    [InlineData("""[{"id":"a","type":"split","variants":[{"name":"control","weight":50,"next":"z"}]},EXIT]""", """nodes[0].variants[0].name: 'control' is the control group's name; give the control group its weight with "control" and this variant another name""")]
    [InlineData("""[{"id":"a","type":"split","variants":[{"name":"x","weight":0,"next":"z"}]},EXIT]""", "nodes[0].variants[0].weight: 0 is not a weight; use a whole number from 1 to 10000")]
    [InlineData("""[{"id":"a","type":"split","variants":[{"name":"x","weight":9000,"next":"z"}],"control":2000},EXIT]""", "nodes[0]: the weights add up to 11000; keep the variants' and the control's weights at 10000 or less in all (e.g. percentages)")]
    [InlineData("""[{"id":"a","type":"split","variants":[{"name":"x","weight":1,"next":"z"},{"name":"x","weight":1,"next":"z"}]},EXIT]""", "nodes[0].variants[1].name: 'x' names another variant too; give each its own name")]
    [InlineData("""[{"id":"a","type":"send","content":"c","channel":"fax","next":"z"},EXIT]""", """nodes[0].channel: 'fax' is not a channel a journey sends on; use one of email, sms, push, in_app, or "choose" for the channel a chooseChannel step picked""")]
    [InlineData("""[{"id":"a","type":"send","channel":"email","next":"z"},EXIT]""", """nodes[0].content: required: the id of the content to send, e.g. "cart-reminder" """)]
    [InlineData("""[{"id":"a","type":"chooseChannel","channels":["email","email"],"next":"z"},EXIT]""", "nodes[0].channels[1]: 'email' is listed twice; keep one")]
    [InlineData("""[{"id":"a","type":"updateProfile","traits":{"tags":["a"]},"next":"z"},EXIT]""", "nodes[0].traits.tags: a trait compares with a string, number or boolean, not a list")]
    [InlineData("""[{"id":"a","type":"webhook","url":"ftp://example.com","next":"z"},EXIT]""", """nodes[0].url: 'ftp://example.com' is not an absolute http or https URL, e.g. "https://crm.example.com/hooks/winback" """)]
    [InlineData("""[{"id":"a","type":"webhook","url":"https://example.com","method":"SEND","next":"z"},EXIT]""", "nodes[0].method: 'SEND' is not one of GET, POST, PUT, PATCH, DELETE")]
    [InlineData("""[{"id":"a","type":"waitForEvent","event":{"name":"Order Completed"},"matchKey":"order_id","timeout":"1h","onEvent":"z","onTimeout":"z"},EXIT]""", null)]
    public void A_bad_step_gets_an_error_at_its_path(string nodes, string? expected)
    {
        var errors = ErrorsOf(With(nodes.Replace("EXIT", Exit)));

        if (expected is null)
            Assert.Empty(errors);
        else
            Assert.Equal([expected.TrimEnd()], errors);
    }

    [Fact]
    public void A_match_key_without_a_keyed_trigger_is_refused()
    {
        var errors = ErrorsOf(With(
            """[{"id":"a","type":"waitForEvent","event":{"name":"Order Completed"},"matchKey":"cart_id","timeout":"1h","onEvent":"z","onTimeout":"z"},{"id":"z","type":"exit"}]""",
            trigger: """{"segmentEntry":"vips"}"""));

        Assert.Equal(["""nodes[0].matchKey: needs a trigger keyed by a property, e.g. {"event":{"name":"Product Added","key":"cart_id"}}; this trigger has no key to match"""], errors);
    }

    [Theory]
    [InlineData("""[{"id":"a","type":"jump","to":"b"},{"id":"z","type":"exit"}]""",
        "nodes[0].to: 'b' is not a node id; ids are a, z",
        "")]
    [InlineData("""[{"id":"a","type":"jump","to":"z"},{"id":"a","type":"exit"},{"id":"z","type":"exit"}]""",
        "nodes[1].id: 'a' is already the id of nodes[0]; give each node its own id",
        "")]
    [InlineData("""[{"id":"a","type":"jump","to":"z"},{"id":"orphan","type":"exit"},{"id":"z","type":"exit"}]""",
        "nodes[1]: 'orphan' cannot be reached from the start ('a'); lead an edge or a jump to it, or remove it",
        "")]
    [InlineData("""[{"id":"a","type":"send","content":"c","channel":"email","next":"b"},{"id":"b","type":"condition","if":{"segment":"vip"},"then":"z","else":"c"},{"id":"c","type":"jump","to":"a"},{"id":"z","type":"exit"}]""",
        "nodes[2].to: 'a' closes a loop without a wait (a → b → c → a): an instance would go round it forever; put a wait or waitForEvent step in the loop",
        "")]
    [InlineData("""[{"id":"a","type":"wait","duration":"1d","next":"b"},{"id":"b","type":"send","content":"c","channel":"email","next":"a"}]""",
        null,
        "")]
    [InlineData("""[{"id":"a","type":"condition","if":{"segment":"vip"},"then":"pick","else":"s"},{"id":"pick","type":"chooseChannel","channels":["sms"],"next":"s"},{"id":"s","type":"send","content":"c","channel":"choose","next":"z"},{"id":"z","type":"exit"}]""",
        "nodes[2].channel: 'choose' sends on the channel a chooseChannel step picked, but 's' can be reached without passing one; add a chooseChannel step before it or name a channel",
        "")]
    [InlineData("""[{"id":"a","type":"chooseChannel","channels":["sms"],"next":"s","none":"s"},{"id":"s","type":"send","content":"c","channel":"choose","next":"z"},{"id":"z","type":"exit"}]""",
        "nodes[1].channel: 'choose' sends on the channel a chooseChannel step picked, but 's' can be reached without passing one; add a chooseChannel step before it or name a channel",
        "")]
    [InlineData("""[{"id":"a","type":"chooseChannel","channels":["sms"],"next":"s","none":"z"},{"id":"s","type":"send","content":"c","channel":"choose","next":"w"},{"id":"w","type":"wait","duration":"1d","next":"s"},{"id":"z","type":"exit"}]""",
        null,
        "")]
    [InlineData("""[{"id":"a","type":"exit"}]""",
        "start: 'b' is not a node id; ids are a",
        "b")]
    public void Graph_errors_name_the_node_or_edge_at_fault(string nodes, string? expected, string start)
    {
        var json = With(nodes);
        if (start.Length > 0)
            json = json.Replace("\"start\":\"a\"", $"\"start\":\"{start}\"");

        var errors = ErrorsOf(json);

        if (expected is null)
            Assert.Empty(errors);
        else
            Assert.Equal([expected], errors);
    }

    [Fact]
    public void A_journey_of_more_than_200_nodes_is_refused()
    {
        var nodes = string.Join(",", Enumerable.Range(0, 201).Select(i => $$"""{"id":"n{{i}}","type":"exit"}"""));

        Assert.Equal(["nodes: has 201 nodes; a journey has at most 200"], ErrorsOf(With($"[{nodes}]")));
    }

    [Fact]
    public void A_path_deeper_than_100_steps_is_refused()
    {
        var chain = Enumerable.Range(0, 120).Select(i => $$"""{"id":"n{{i}}","type":"wait","duration":"1m","next":"n{{i + 1}}"}""");
        var json = With($"[{string.Join(",", chain)},{{\"id\":\"n120\",\"type\":\"exit\"}}]").Replace("\"start\":\"a\"", "\"start\":\"n0\"");

        Assert.Equal(["nodes: the longest path from the start passes 121 nodes; keep it to 100 (split the journey, or loop back with a jump)"], ErrorsOf(json));
    }

    [Fact]
    public void Every_problem_is_reported_in_one_pass()
    {
        var errors = ErrorsOf("""
            {"version":1,"name":"","trigger":{"event":{"name":"Product Added"}},"start":"a",
             "nodes":[{"id":"a","type":"wait","duration":"0d","next":"b"},{"id":"b","type":"send","content":"c","channel":"e-mail","next":"z"},{"type":"exit"}]}
            """);

        Assert.Equal(
            [
                """name: is empty; use the journey's name as people will see it, e.g. "Abandoned cart" """.TrimEnd(),
                "nodes[0].duration: '0d' must be longer than zero; use 30d, 12h or 15m",
                """nodes[1].channel: 'e-mail' is not a channel a journey sends on; use one of email, sms, push, in_app, or "choose" for the channel a chooseChannel step picked""",
                """nodes[2].id: required: a short name for the step, e.g. "send-reminder" """.TrimEnd(),
            ],
            errors);
    }
}
