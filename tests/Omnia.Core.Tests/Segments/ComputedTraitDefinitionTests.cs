using System.Globalization;
using System.Text.Json;
using Omnia.Core.Segments;

namespace Omnia.Core.Tests.Segments;

public class ComputedTraitDefinitionTests
{
    private static readonly DateTimeOffset Now = Profiles.Now;

    /// <summary>
    /// Orders 100, 60, 10 and 5 days ago (the last without revenue) and a page view: in the last 90 days the orders
    /// of 60, 10 and 5 days ago count, and they age out at now + 30d, + 80d and + 85d.
    /// </summary>
    private static ProfileFacts Shopper() => Profiles.New()
        .Event("Order Completed", Now.AddDays(-100), new { revenue = 50, category = "hats" })
        .Event("Order Completed", Now.AddDays(-60), new { revenue = 200, category = "shoes" })
        .Event("Order Completed", Now.AddDays(-10), new { revenue = 100, category = "shoes" })
        .Event("Order Completed", Now.AddDays(-5), new { category = "bags" })
        .Event("Page Viewed", Now.AddDays(-1), new { category = "hats" })
        .BuildProjected();

    [Theory]
    [InlineData("count", null, "3", 30)]
    [InlineData("sum", "revenue", "300", 30)]
    [InlineData("avg", "revenue", "150", 30)]
    [InlineData("min", "revenue", "100", 80)] // the 200 leaving first leaves the minimum as it is
    [InlineData("max", "revenue", "200", 30)]
    [InlineData("first", "category", "shoes", 80)] // once the first shoes order leaves, the next first is shoes too
    [InlineData("last", "category", "bags", 85)]
    [InlineData("mostFrequent", "category", "shoes", 30)] // then a tie, which goes to the value used most recently
    [InlineData("uniqueCount", "category", "2", 80)]
    public void Each_function_computes_over_the_moving_window_and_changes_exactly_when_an_event_ageing_out_changes_it(
        string fn, string? property, string expected, int changesInDays)
    {
        var definition = Trait(fn, property, """{"last":"90d"}""");
        var facts = Shopper();

        var result = definition.Evaluate(facts, Now);

        Assert.Equal(expected, Text(result.Value));
        Assert.Equal(Now.AddDays(changesInDays), result.ChangesAt);
        Assert.Equal(expected, Text(definition.Evaluate(facts, result.ChangesAt!.Value.AddTicks(-1)).Value));
        Assert.NotEqual(expected, Text(definition.Evaluate(facts, result.ChangesAt.Value).Value));
    }

    [Theory]
    [InlineData("count", null, "4")]
    [InlineData("sum", "revenue", "350")]
    [InlineData("avg", "revenue", "116.66666666666666666666666667")]
    [InlineData("min", "revenue", "50")]
    [InlineData("max", "revenue", "200")]
    [InlineData("first", "category", "hats")]
    [InlineData("last", "category", "bags")]
    [InlineData("mostFrequent", "category", "shoes")]
    [InlineData("uniqueCount", "category", "3")]
    public void Without_a_window_every_matching_event_counts_and_time_changes_nothing(string fn, string? property, string expected)
    {
        var result = Trait(fn, property, null).Evaluate(Shopper(), Now);

        Assert.Equal(expected, Text(result.Value));
        Assert.Null(result.ChangesAt);
    }

    [Theory]
    [InlineData("count", null, "2")]
    [InlineData("sum", "revenue", "250")]
    [InlineData("first", "category", "hats")]
    [InlineData("last", "category", "shoes")]
    public void A_fixed_window_counts_from_inclusive_to_exclusive(string fn, string? property, string expected)
    {
        var window = $$"""{"from":"{{Now.AddDays(-100):O}}","to":"{{Now.AddDays(-10):O}}"}""";

        var result = Trait(fn, property, window).Evaluate(Shopper(), Now);

        Assert.Equal(expected, Text(result.Value));
        Assert.Null(result.ChangesAt);
    }

    [Theory]
    [InlineData("count", "0")]
    [InlineData("sum", "0")]
    [InlineData("uniqueCount", "0")]
    [InlineData("avg", null)]
    [InlineData("min", null)]
    [InlineData("max", null)]
    [InlineData("first", null)]
    [InlineData("last", null)]
    [InlineData("mostFrequent", null)]
    public void Without_matching_events_counts_and_sums_are_zero_and_the_rest_are_none(string fn, string? expected)
    {
        var result = Trait(fn, fn == "count" ? null : "revenue", """{"last":"7d"}""").Evaluate(Profiles.New().Build(), Now);

        Assert.Equal(expected, Text(result.Value));
        Assert.Null(result.ChangesAt);
    }

    [Fact]
    public void The_where_filter_and_type_pick_the_events_like_an_event_condition()
    {
        var definition = Parse("""
            {"version":1,"name":"shoeSpend","event":{"name":"Order Completed","type":"track","where":[{"property":"category","op":"equals","value":"shoes"}]},
             "fn":"sum","property":"revenue"}
            """);

        Assert.Equal(300m, definition.Evaluate(Shopper(), Now).Value);
    }

    [Fact]
    public void Values_keep_their_type_and_an_iso_date_property_reads_as_a_date()
    {
        var facts = Profiles.New()
            .Event("Delivery", Now.AddDays(-2), new { at = "2025-05-30T10:00:00Z", express = true, boxes = 2.5 })
            .Build();

        Assert.Equal(new DateTimeOffset(2025, 5, 30, 10, 0, 0, TimeSpan.Zero), Trait("last", "at", null, "Delivery").Evaluate(facts, Now).Value);
        Assert.Equal(true, Trait("last", "express", null, "Delivery").Evaluate(facts, Now).Value);
        Assert.Equal(2.5m, Trait("last", "boxes", null, "Delivery").Evaluate(facts, Now).Value);
    }

    [Fact]
    public void Unique_count_and_most_frequent_compare_numbers_by_value_and_skip_nulls_and_lists()
    {
        var facts = Profiles.New()
            .Event("Rated", Now.AddDays(-3), JsonDocument.Parse("""{"stars":4}""").RootElement.Clone())
            .Event("Rated", Now.AddDays(-2), JsonDocument.Parse("""{"stars":4.0}""").RootElement.Clone())
            .Event("Rated", Now.AddDays(-1), JsonDocument.Parse("""{"stars":"4"}""").RootElement.Clone())
            .Event("Rated", Now.AddHours(-2), JsonDocument.Parse("""{"stars":null}""").RootElement.Clone())
            .Event("Rated", Now.AddHours(-1), JsonDocument.Parse("""{"stars":[5]}""").RootElement.Clone())
            .Build();

        Assert.Equal(2m, Trait("uniqueCount", "stars", null, "Rated").Evaluate(facts, Now).Value);
        Assert.Equal(4m, Trait("mostFrequent", "stars", null, "Rated").Evaluate(facts, Now).Value);
        Assert.Equal("4", Trait("last", "stars", null, "Rated").Evaluate(facts, Now).Value);
    }

    [Fact]
    public void A_definition_reads_back_from_its_json_and_travels_inside_documents()
    {
        var definition = Parse("""
            {"version":1,"name":"favouriteCategory","description":"Most bought category this quarter",
             "event":{"name":"Order Completed","where":[{"property":"category","op":"exists"}]},"fn":"mostFrequent","property":"category",
             "window":{"last":"90d"}}
            """);

        Assert.Equal(definition, ComputedTraitDefinition.Parse(definition.ToJson(indented: true)).Definition);
        Assert.Empty(definition.Validate());
        var stored = JsonSerializer.Deserialize<ComputedTraitDefinition>(JsonSerializer.Serialize(definition));
        Assert.Equal(definition, stored);
        Assert.Equal(ComputedKind.Any, definition.Kind);
    }

    [Theory]
    [InlineData("""{"version":1,"name":"Revenue 90d","event":{"name":"Order Completed"},"fn":"sum","property":"revenue"}""",
        """name: 'Revenue 90d' is not a computed trait name; start with a lowercase letter, then letters, digits or underscores, at most 64 characters, e.g. "revenue90d" """)]
    [InlineData("""{"version":1,"name":"orderCount","event":{"name":"Order Completed"},"fn":"count"}""",
        "name: 'orderCount' is a built-in computed trait; choose another name")]
    [InlineData("""{"version":1,"event":{"name":"Order Completed"},"fn":"count"}""",
        """name: required: a name that will be used in conditions: start with a lowercase letter, then letters, digits or underscores, at most 64 characters, e.g. "revenue90d" """)]
    [InlineData("""{"version":2,"name":"orders","event":{"name":"Order Completed"},"fn":"count"}""", "version: version 2 is not supported; use 1")]
    [InlineData("""{"version":1,"name":"orders","fn":"count"}""", """event: required: which events count, e.g. {"name":"Order Completed"}""")]
    [InlineData("""{"version":1,"name":"orders","event":{"name":"Order Completed","count":{"op":"atLeast","value":1}},"fn":"count"}""",
        "event.count: unknown key; expected name, type, where")]
    [InlineData("""{"version":1,"name":"orders","event":{"name":"Order Completed","where":[{"property":"at","op":"withinLast","value":"1d"}]},"fn":"count"}""",
        "event.where[0].op: 'withinLast' is relative to now and cannot filter event properties; limit the events with the condition's window instead; use one of equals, notEquals, contains, startsWith, in, exists, notExists, gt, gte, lt, lte, before, after")]
    [InlineData("""{"version":1,"name":"orders","event":{"name":"Order Completed"},"fn":"median","property":"revenue"}""",
        "fn: 'median' is not one of count, sum, avg, min, max, first, last, mostFrequent, uniqueCount")]
    [InlineData("""{"version":1,"name":"spend","event":{"name":"Order Completed"},"fn":"sum"}""",
        """property: required for sum: the event property to read, e.g. "revenue" """)]
    [InlineData("""{"version":1,"name":"orders","event":{"name":"Order Completed"},"fn":"count","property":"revenue"}""",
        "property: count counts the matching events and takes no property; remove 'property'")]
    [InlineData("""{"version":1,"name":"spend","event":{"name":"Order Completed"},"fn":"sum","property":"revenue","window":{"last":"90 days"}}""",
        "window.last: '90 days' is not a duration; use 30d, 12h or 15m")]
    [InlineData("""{"version":1,"name":"spend","event":{"name":"Order Completed"},"fun":"sum","property":"revenue"}""",
        "fun: unknown key; expected version, name, description, event, fn, property, window",
        "fn: required; use one of count, sum, avg, min, max, first, last, mostFrequent, uniqueCount")]
    [InlineData("""[]""", """$: must be an object like {"version":1,"name":"revenue90d","event":{…},"fn":"sum","property":"revenue"}, not a list""")]
    public void A_bad_definition_gets_an_error_at_its_path(string json, params string[] expected)
    {
        var result = ComputedTraitDefinition.Parse(json);

        Assert.False(result.IsValid);
        Assert.Equal(expected.Select(e => e.TrimEnd()), result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void An_invalid_definition_built_in_code_cannot_be_evaluated()
    {
        var definition = new ComputedTraitDefinition("spend", null, new EventFilter("Order Completed"), ComputedTraitFunction.Sum, null, EventWindow.Ever);

        Assert.Equal(["property: required for sum: the event property to read, e.g. \"revenue\""], definition.Validate().Select(e => e.ToString()));
        Assert.Throws<ArgumentException>(() => definition.Evaluate(Shopper(), Now));
        Assert.Throws<ArgumentException>(() => new AudienceContext(RfmBreakpoints.Default, [definition]));
    }

    internal static ComputedTraitDefinition Trait(string fn, string? property, string? window, string eventName = "Order Completed")
    {
        var json = $$"""{"version":1,"name":"trait","event":{"name":"{{eventName}}"},"fn":"{{fn}}"{{(property is null ? "" : $",\"property\":\"{property}\"")}}{{(window is null ? "" : $",\"window\":{window}")}}}""";
        return Parse(json);
    }

    internal static ComputedTraitDefinition Parse(string json)
    {
        var result = ComputedTraitDefinition.Parse(json);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return result.Definition!;
    }

    private static string? Text(object? value) => value is null ? null : Convert.ToString(value, CultureInfo.InvariantCulture);
}
