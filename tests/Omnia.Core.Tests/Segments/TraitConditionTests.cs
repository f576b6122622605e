using System.Text.Json;
using Omnia.Core.Segments;

namespace Omnia.Core.Tests.Segments;

public class TraitConditionTests
{
    private static readonly DateTimeOffset Now = Profiles.Now;

    [Theory]
    // equals: strings exactly, numbers by value (also from strings), booleans
    [InlineData("\"gold\"", "equals", "\"gold\"", true)]
    [InlineData("\"Gold\"", "equals", "\"gold\"", false)]
    [InlineData("5", "equals", "5", true)]
    [InlineData("5.0", "equals", "5", true)]
    [InlineData("\"5\"", "equals", "5", true)]
    [InlineData("5", "equals", "\"5\"", false)]
    [InlineData("true", "equals", "true", true)]
    [InlineData("false", "equals", "true", false)]
    [InlineData(null, "equals", "\"gold\"", false)]
    // notEquals: the opposite of equals, so a missing trait is not equal
    [InlineData("\"silver\"", "notEquals", "\"gold\"", true)]
    [InlineData("\"gold\"", "notEquals", "\"gold\"", false)]
    [InlineData(null, "notEquals", "\"gold\"", true)]
    // contains / startsWith ignore case; contains also finds an element of a list
    [InlineData("\"Summer Sale 2025\"", "contains", "\"sale\"", true)]
    [InlineData("\"Summer\"", "contains", "\"sale\"", false)]
    [InlineData("[\"vip\",\"beta\"]", "contains", "\"VIP\"", true)]
    [InlineData("[\"beta\"]", "contains", "\"vip\"", false)]
    [InlineData("5", "contains", "\"5\"", false)]
    [InlineData("\"Gold member\"", "startsWith", "\"gold\"", true)]
    [InlineData("\"A gold member\"", "startsWith", "\"gold\"", false)]
    // in
    [InlineData("\"gold\"", "in", "[\"gold\",\"platinum\"]", true)]
    [InlineData("\"silver\"", "in", "[\"gold\",\"platinum\"]", false)]
    [InlineData("3", "in", "[1,2,3]", true)]
    [InlineData("true", "in", "[false,true]", true)]
    [InlineData(null, "in", "[\"gold\"]", false)]
    // exists / notExists: null counts as missing
    [InlineData("\"x\"", "exists", null, true)]
    [InlineData("null", "exists", null, false)]
    [InlineData(null, "exists", null, false)]
    [InlineData(null, "notExists", null, true)]
    [InlineData("null", "notExists", null, true)]
    [InlineData("0", "notExists", null, false)]
    // numeric comparisons, strings holding numbers included
    [InlineData("10", "gt", "5", true)]
    [InlineData("5", "gt", "5", false)]
    [InlineData("5", "gte", "5", true)]
    [InlineData("4", "lt", "5", true)]
    [InlineData("5", "lt", "5", false)]
    [InlineData("5", "lte", "5", true)]
    [InlineData("\"12.5\"", "gt", "12", true)]
    [InlineData("\"abc\"", "gt", "1", false)]
    [InlineData(null, "lt", "1", false)]
    // date comparisons
    [InlineData("\"2025-03-01\"", "gt", "\"2025-02-01\"", true)]
    [InlineData("\"2025-03-01\"", "lte", "\"2025-02-01\"", false)]
    [InlineData("\"2025-01-31T23:00:00Z\"", "before", "\"2025-02-01\"", true)]
    [InlineData("\"2025-02-01T00:00:00Z\"", "before", "\"2025-02-01\"", false)]
    [InlineData("\"2025-02-01T10:00:00+02:00\"", "after", "\"2025-02-01T07:00:00Z\"", true)]
    [InlineData("\"2025-02-01T08:00:00\"", "after", "\"2025-02-01T08:00:00Z\"", false)]
    [InlineData("\"not a date\"", "after", "\"2025-02-01\"", false)]
    [InlineData("20250201", "after", "\"2025-01-01\"", false)]
    public void A_trait_comparison_matches_as_documented(string? trait, string op, string? value, bool expected)
    {
        var profile = Profiles.New();
        if (trait is not null)
            profile.Trait("t", JsonDocument.Parse(trait).RootElement.Clone());
        var condition = value is null
            ? $$$"""{"trait":{"name":"t","op":"{{{op}}}"}}"""
            : $$$"""{"trait":{"name":"t","op":"{{{op}}}","value":{{{value}}}}}""";

        var result = Segment.Evaluate(condition, profile.Build());

        Assert.Equal(expected, result.IsMember);
        Assert.Null(result.ChangesAt);
    }

    [Theory]
    [InlineData(-10, "withinLast", "30d", true, 20)]
    [InlineData(-40, "withinLast", "30d", false, null)]
    [InlineData(5, "withinLast", "30d", false, 5)]
    [InlineData(0, "withinLast", "30d", true, 30)]
    [InlineData(10, "inNext", "30d", true, 10)]
    [InlineData(40, "inNext", "30d", false, 10)]
    [InlineData(-1, "inNext", "30d", false, null)]
    [InlineData(0, "inNext", "30d", false, null)]
    [InlineData(30, "inNext", "30d", true, 30)]
    public void A_relative_date_trait_says_when_it_enters_or_leaves_the_range(int dateInDays, string op, string duration, bool expected, int? changesInDays)
    {
        var date = Now.AddDays(dateInDays);
        var facts = Profiles.New().Trait("renewal", date.ToString("O")).Build();
        var condition = $$$"""{"trait":{"name":"renewal","op":"{{{op}}}","value":"{{{duration}}}"}}""";

        var result = Segment.Evaluate(condition, facts);

        Assert.Equal(expected, result.IsMember);
        Assert.Equal(changesInDays is { } days ? Now.AddDays(days) : null, result.ChangesAt);
        if (result.ChangesAt is { } changesAt)
        {
            Assert.Equal(expected, Segment.IsMember(condition, facts, changesAt.AddTicks(-1)));
            Assert.NotEqual(expected, Segment.IsMember(condition, facts, changesAt));
        }
    }

    [Fact]
    public void A_renewal_date_enters_in_next_30_days_and_leaves_when_it_passes()
    {
        var renewal = Now.AddDays(45);
        var facts = Profiles.New().Trait("renewal_date", "2025-07-16T12:00:00Z").Build();
        const string condition = """{"trait":{"name":"renewal_date","op":"inNext","value":"30d"}}""";

        var before = Segment.Evaluate(condition, facts);
        var during = Segment.Evaluate(condition, facts, before.ChangesAt);
        var after = Segment.Evaluate(condition, facts, during.ChangesAt);

        Assert.Equal(new SegmentResult(false, renewal.AddDays(-30)), before);
        Assert.Equal(new SegmentResult(true, renewal), during);
        Assert.Equal(new SegmentResult(false, null), after);
    }
}
