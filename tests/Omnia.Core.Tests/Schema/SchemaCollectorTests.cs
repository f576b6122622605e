using System.Text.Json;
using Omnia.Core.Events;
using Omnia.Core.Schema;
using Omnia.Core.Segments;

namespace Omnia.Core.Tests.Schema;

public class SchemaCollectorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static int _messages;

    private static LogEvent Logged(EventType type, string? name, string json, DateTimeOffset? at = null) =>
        new(0, 1, 1, $"m{Interlocked.Increment(ref _messages)}", type, name, "u1", null, at ?? T0, at ?? T0, json);

    private static LogEvent Track(string name, string properties, DateTimeOffset? at = null) =>
        Logged(EventType.Track, name, $$"""{"type":"track","event":"{{name}}","properties":{{properties}}}""", at);

    private static string[] Examples(ObservedField field) => field.Examples.Select(e => e.GetRawText()).ToArray();

    [Fact]
    public void Events_report_their_call_types_property_types_and_most_frequent_values()
    {
        var collector = new SchemaCollector();
        collector.Add(Track("Order Completed", """{"revenue":59.9,"category":"shoes","items":[1],"shipping":{"method":"ups"}}""", T0));
        collector.Add(Track("Order Completed", """{"revenue":120,"category":"jackets"}""", T0.AddHours(1)));
        collector.Add(Track("Order Completed", """{"revenue":"15","category":"shoes","coupon":null}""", T0.AddHours(2)));
        collector.Add(Logged(EventType.Page, "Home", """{"type":"page","name":"Home","properties":{"path":"/"}}"""));
        collector.Add(Logged(EventType.Page, null, """{"type":"page","properties":{"path":"/x"}}"""));

        var schema = collector.Build(limit: 100, complete: true);

        Assert.Equal(["Order Completed", "Home"], schema.Events.Select(e => e.Name));
        var order = schema.Events[0];
        Assert.Equal(3, order.Count);
        Assert.Equal(["track"], order.Types);
        Assert.Equal(["page"], schema.Events[1].Types);
        var revenue = order.Properties.Single(p => p.Name == "revenue");
        Assert.Equal(["number", "string"], revenue.Types);
        Assert.Equal(3, revenue.Count);
        var category = order.Properties.Single(p => p.Name == "category");
        Assert.Equal(["\"shoes\"", "\"jackets\""], Examples(category));
        Assert.Equal(["array"], order.Properties.Single(p => p.Name == "items").Types);
        Assert.Empty(order.Properties.Single(p => p.Name == "shipping").Examples);
        Assert.DoesNotContain(order.Properties, p => p.Name == "coupon");
        Assert.Equal(new SchemaSample(5, 100, true, T0, T0.AddHours(2), false), schema.Sample);
    }

    [Fact]
    public void Traits_come_from_identify_calls_and_from_the_context_of_any_call()
    {
        var collector = new SchemaCollector();
        collector.Add(Logged(EventType.Identify, null, """{"type":"identify","traits":{"email":"ada@example.com","plan":"gold","vip":true}}"""));
        collector.Add(Track("Signed Up", """{}""") with { Json = System.Text.Encoding.UTF8.GetBytes("""{"type":"track","event":"Signed Up","context":{"traits":{"plan":"silver","age":41}}}""") });

        var traits = collector.Build(100, true).Traits.ToDictionary(t => t.Name);

        Assert.Equal(["age", "email", "plan", "vip"], traits.Keys.Order());
        Assert.Equal(2, traits["plan"].Count);
        Assert.Equal(["boolean"], traits["vip"].Types);
        Assert.Equal(["number"], traits["age"].Types);
        Assert.Equal(["\"gold\"", "\"silver\""], Examples(traits["plan"]).Order());
    }

    [Fact]
    public void A_field_is_a_date_field_only_when_every_string_it_held_was_an_iso_date()
    {
        var collector = new SchemaCollector();
        collector.Add(Logged(EventType.Identify, null, """{"type":"identify","traits":{"signup":"2025-01-31","renewal":"2025-02-01T09:30:00Z"}}"""));
        collector.Add(Logged(EventType.Identify, null, """{"type":"identify","traits":{"signup":"2025-03-01T10:00","renewal":"soon"}}"""));

        var traits = collector.Build(100, true).Traits.ToDictionary(t => t.Name);

        Assert.True(traits["signup"].IsoDates);
        Assert.False(traits["renewal"].IsoDates);
    }

    [Fact]
    public void Caps_keep_memory_bounded_and_say_that_names_were_left_out()
    {
        var collector = new SchemaCollector();
        for (var i = 0; i < SchemaCollector.MaxEvents + 20; i++)
            collector.Add(Track($"Event {i}", """{"n":1}"""));
        var wide = string.Join(",", Enumerable.Range(0, SchemaCollector.MaxProperties + 5).Select(i => $"\"p{i}\":{i}"));
        collector.Add(Track("Event 0", $"{{{wide}}}"));
        for (var i = 0; i < 500; i++)
            collector.Add(Track("Event 1", $$"""{"sku":"sku-{{i}}","long":"{{new string('x', 150)}}"}"""));

        var schema = collector.Build(100_000, true);

        Assert.Equal(SchemaCollector.MaxEvents, schema.Events.Count);
        Assert.True(schema.Sample.Truncated);
        Assert.Equal(SchemaCollector.MaxProperties, schema.Events.Single(e => e.Name == "Event 0").Properties.Count);
        var event1 = schema.Events.Single(e => e.Name == "Event 1").Properties.ToDictionary(p => p.Name);
        Assert.Equal(5, event1["sku"].Examples.Count);
        Assert.Empty(event1["long"].Examples);
        Assert.Equal(500, event1["long"].Count);
    }

    [Fact]
    public void Counts_match_generated_events_and_examples_are_the_most_frequent_values()
    {
        var random = new Random(42);
        string[] names = ["Product Viewed", "Product Added", "Order Completed", "Email Opened"];
        string[] categories = ["shoes", "jackets", "tents", "socks", "hats", "gloves", "maps"];
        var expectedCounts = new Dictionary<string, int>();
        var categoryCounts = new Dictionary<string, int>();
        var withCategory = 0;
        var collector = new SchemaCollector();
        for (var i = 0; i < 3_000; i++)
        {
            var name = names[random.Next(names.Length)];
            expectedCounts[name] = expectedCounts.GetValueOrDefault(name) + 1;
            // Skewed: low indices are far more frequent.
            var category = categories[Math.Min(categories.Length - 1, (int)(-Math.Log(1 - random.NextDouble()) * 1.5))];
            var hasCategory = name == "Product Viewed" && random.Next(4) > 0;
            if (hasCategory)
            {
                withCategory++;
                categoryCounts[category] = categoryCounts.GetValueOrDefault(category) + 1;
            }

            collector.Add(Track(name, hasCategory ? $$"""{"category":"{{category}}"}""" : "{}"));
        }

        var schema = collector.Build(3_000, true);

        Assert.Equal(expectedCounts.OrderByDescending(c => c.Value).Select(c => (c.Key, (long)c.Value)), schema.Events.Select(e => (e.Name, e.Count)));
        var field = schema.Events.Single(e => e.Name == "Product Viewed").Properties.Single();
        Assert.Equal(withCategory, field.Count);
        var top = categoryCounts.OrderByDescending(c => c.Value).Take(5).Select(c => JsonSerializer.Serialize(c.Key));
        Assert.Equal(top, Examples(field));
    }

    [Fact]
    public void Names_that_definitions_use_are_added_when_the_sample_lacks_them_and_marked_when_it_has_them()
    {
        var collector = new SchemaCollector();
        collector.Add(Track("Order Completed", """{"revenue":10}"""));
        collector.Add(Logged(EventType.Identify, null, """{"type":"identify","traits":{"email":"a@example.com"}}"""));
        var used = new UsedNames();
        used.Add(SegmentDefinition.Parse("""
            {"version":1,"name":"s","condition":{"and":[
              {"event":{"name":"Order Completed","aggregate":{"fn":"sum","property":"revenue","op":"gte","value":5}}},
              {"sequence":{"first":{"name":"Product Added","type":"track"},"then":{"name":"Order Completed"},"within":"1h","did":false,"key":"cart_id"}},
              {"trait":{"name":"renewal","op":"withinLast","value":"30d"}},
              {"trait":{"name":"email","op":"exists"}}]}}
            """).Definition!.Condition);
        used.Add(ComputedTraitDefinition.Parse("""{"version":1,"name":"spend","event":{"name":"Refund Issued"},"fn":"sum","property":"amount"}""").Definition!);

        var schema = collector.Build(100, true).Including(used);

        var events = schema.Events.ToDictionary(e => e.Name);
        Assert.Equal("Order Completed", schema.Events[0].Name);
        Assert.True(events["Order Completed"].InDefinitions);
        Assert.Equal(1, events["Order Completed"].Count);
        Assert.Equal(["cart_id", "revenue"], events["Order Completed"].Properties.Select(p => p.Name).Order());
        Assert.Equal(0, events["Product Added"].Count);
        Assert.Equal(["track"], events["Product Added"].Types);
        Assert.Equal(["number"], events["Refund Issued"].Properties.Single(p => p.Name == "amount").Types);
        var traits = schema.Traits.ToDictionary(t => t.Name);
        Assert.True(traits["email"].InDefinitions);
        Assert.Equal(1, traits["email"].Count);
        Assert.True(traits["renewal"].IsoDates);
        Assert.Equal(["string"], traits["renewal"].Types);
    }
}
