using System.Text.Json;
using Omnia.Core.Events;
using Omnia.Core.Segments;

namespace Omnia.Core.Tests.Segments;

public class SegmentJsonTests
{
    private const string EveryKind = """
        {
          "version": 1,
          "name": "Every kind",
          "condition": {
            "or": [
              { "trait": { "name": "plan", "op": "in", "value": ["gold", 2, true] } },
              { "trait": { "name": "renewal", "op": "inNext", "value": "30d" } },
              { "trait": { "name": "signup", "op": "after", "value": "2025-01-31T09:30:00+02:00" } },
              { "trait": { "name": "score", "op": "gte", "value": 12.50 } },
              { "trait": { "name": "email", "op": "exists" } },
              {
                "event": {
                  "name": "Order Completed",
                  "where": [ { "property": "category", "op": "equals", "value": "shoes" }, { "property": "coupon", "op": "notExists" } ],
                  "count": { "op": "exactly", "value": 2 },
                  "window": { "from": "2025-01-01", "to": "2025-02-01" }
                }
              },
              { "event": { "name": "Pricing", "type": "page", "aggregate": { "fn": "count", "op": "gt", "value": 3 }, "window": { "last": "12h" } } },
              { "event": { "name": "Order Completed", "aggregate": { "fn": "avg", "property": "revenue", "op": "lt", "value": 20 }, "window": { "from": "2025-03-01" } } },
              {
                "sequence": {
                  "first": { "name": "Product Viewed", "where": [ { "property": "price", "op": "gt", "value": 100 } ] },
                  "then": { "name": "Product Added" },
                  "within": "15m",
                  "did": true
                }
              },
              { "not": { "segment": "vip-customers" } },
              { "consent": { "channel": "sms", "subscribed": false } },
              { "computed": { "name": "acquisitionChannel", "op": "in", "value": ["paid_search", "paid_social"] } },
              { "bucket": { "from": 0, "to": 4999 } }
            ]
          }
        }
        """;

    [Theory]
    [MemberData(nameof(Examples.All), MemberType = typeof(Examples))]
    public void Documented_examples_are_valid_and_survive_a_round_trip(string json)
    {
        var parsed = SegmentDefinition.Parse(json);
        Assert.True(parsed.IsValid, string.Join("\n", parsed.Errors));

        var again = SegmentDefinition.Parse(parsed.Definition.ToJson());

        Assert.True(again.IsValid, string.Join("\n", again.Errors));
        Assert.Equal(parsed.Definition, again.Definition);
        Assert.Equal(parsed.Definition.ToJson(), again.Definition.ToJson());
    }

    [Fact]
    public void Every_kind_of_condition_survives_a_round_trip()
    {
        var definition = SegmentDefinition.Parse(EveryKind).Definition!;

        var indented = SegmentDefinition.Parse(definition.ToJson(indented: true)).Definition;
        var compact = SegmentDefinition.Parse(definition.ToJson()).Definition;

        Assert.Equal(definition, indented);
        Assert.Equal(definition, compact);
        Assert.Equal(13, ((OrCondition)definition.Condition).Conditions.Count);
    }

    [Fact]
    public void Reading_types_values_by_what_the_operator_needs()
    {
        var or = (OrCondition)SegmentDefinition.Parse(EveryKind).Definition!.Condition;

        var plan = (TraitCondition)or.Conditions[0];
        Assert.Equal(new ListLiteral([new StringLiteral("gold"), new NumberLiteral(2), new BooleanLiteral(true)]), plan.Value);
        Assert.Equal(new DurationLiteral(SegmentDuration.Days(30)), ((TraitCondition)or.Conditions[1]).Value);
        Assert.Equal(new DateLiteral(new DateTimeOffset(2025, 1, 31, 7, 30, 0, TimeSpan.Zero)), ((TraitCondition)or.Conditions[2]).Value);
        Assert.Equal(new NumberLiteral(12.5m), ((TraitCondition)or.Conditions[3]).Value);
        Assert.Null(((TraitCondition)or.Conditions[4]).Value);

        var orders = (EventCondition)or.Conditions[5];
        Assert.Equal(new CountRule(CountOp.Exactly, 2), orders.Count);
        Assert.Equal(new BetweenWindow(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 2, 1, 0, 0, 0, TimeSpan.Zero)), orders.Window);
        Assert.Equal(EventType.Page, ((EventCondition)or.Conditions[6]).Event.Type);
        Assert.Equal(new LastWindow(SegmentDuration.Hours(12)), ((EventCondition)or.Conditions[6]).Window);
        Assert.Equal(new AggregateRule(AggregateFunction.Average, "revenue", ComparisonOp.LessThan, 20), ((EventCondition)or.Conditions[7]).Aggregate);
        Assert.Equal(SegmentDuration.Minutes(15), ((SequenceCondition)or.Conditions[8]).Within);
    }

    [Fact]
    public void An_event_condition_without_count_or_aggregate_means_at_least_once_ever()
    {
        var definition = Segment.Of("""{"event":{"name":"Order Completed"}}""");

        Assert.Equal(new EventCondition(new EventFilter("Order Completed")), definition.Condition);
        Assert.Equal("""{"version":1,"name":"Test","condition":{"event":{"name":"Order Completed"}}}""", definition.ToJson());
    }

    [Fact]
    public void Canonical_json_writes_dates_in_utc_and_keeps_durations_as_written()
    {
        var definition = Segment.Of("""{"and":[{"trait":{"name":"signup","op":"before","value":"2025-01-31"}},{"trait":{"name":"seen","op":"withinLast","value":"24h"}}]}""");

        Assert.Equal(
            """{"version":1,"name":"Test","condition":{"and":[{"trait":{"name":"signup","op":"before","value":"2025-01-31T00:00:00Z"}},{"trait":{"name":"seen","op":"withinLast","value":"24h"}}]}}""",
            definition.ToJson());
    }

    [Fact]
    public void Names_keep_their_accents_in_json()
    {
        var definition = new SegmentDefinition("Clients fidèles", "Über 3 Bestellungen", new ConsentCondition("email", true));

        Assert.Contains("Clients fidèles", definition.ToJson());
        Assert.Equal(definition, SegmentDefinition.Parse(definition.ToJson()).Definition);
    }

    [Fact]
    public void The_serializer_reads_and_writes_definitions_inside_other_documents()
    {
        var definition = SegmentDefinition.Parse(Examples.LapsedVips).Definition!;
        var document = new StoredSegment("lapsed-vips", definition);

        var json = JsonSerializer.Serialize(document, JsonSerializerOptions.Web);
        var back = JsonSerializer.Deserialize<StoredSegment>(json, JsonSerializerOptions.Web);

        Assert.Equal(document, back);
    }

    [Fact]
    public void The_serializer_rejects_an_invalid_definition_with_its_errors()
    {
        var json = """{"slug":"x","definition":{"version":1,"name":"X","condition":{"or":[]}}}""";

        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<StoredSegment>(json, JsonSerializerOptions.Web));

        Assert.Contains("condition.or: needs at least one condition", error.Message);
    }

    [Fact]
    public void A_definition_built_in_code_is_checked_like_json()
    {
        var valid = new SegmentDefinition("Gold", null, new TraitCondition("plan", ComparisonOp.Equal, new StringLiteral("gold")));
        var invalid = new SegmentDefinition("Bad", null, new AndCondition([new BucketCondition(10, 5), new OrCondition([])]));

        Assert.Empty(valid.Validate());
        Assert.Equal(
            ["condition.and[0].bucket: from (10) must not be greater than to (5)", "condition.and[1].or: needs at least one condition"],
            invalid.Validate().Select(e => e.ToString()));
        Assert.Throws<ArgumentException>(() => SegmentEvaluator.Compile(invalid));
    }

    [Fact]
    public void A_definition_lists_the_segments_and_events_it_depends_on()
    {
        var definition = SegmentDefinition.Parse(EveryKind).Definition!;

        Assert.Equal(["vip-customers"], definition.ReferencedSegments());
        Assert.Equal(["Order Completed", "Pricing", "Product Viewed", "Product Added"], definition.EventNames());
    }

    [Fact]
    public void Comments_and_trailing_commas_are_allowed_in_hand_written_definitions()
    {
        var result = SegmentDefinition.Parse("""
            {
              // people edit these by hand
              "version": 1,
              "name": "Gold",
              "condition": { "trait": { "name": "plan", "op": "equals", "value": "gold", }, },
            }
            """);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
    }

    private sealed record StoredSegment(string Slug, SegmentDefinition Definition);
}
