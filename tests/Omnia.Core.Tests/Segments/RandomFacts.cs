using Omnia.Core.Events;
using Omnia.Core.Segments;

namespace Omnia.Core.Tests.Segments;

/// <summary>Generated profiles and computed trait definitions for property-style tests (callers fix the seed).</summary>
internal static class RandomFacts
{
    public static readonly DateTimeOffset Now = Profiles.Now;

    public static readonly SegmentDuration[] Durations =
    [
        SegmentDuration.Hours(1), SegmentDuration.Days(1), SegmentDuration.Days(7), SegmentDuration.Days(30),
        SegmentDuration.Days(90), SegmentDuration.Days(365),
    ];

    private static readonly string[] EventNames =
        ["Order Completed", "Product Viewed", "Product Added", "Page Viewed", "Review Submitted", "Cart Viewed"];

    private static readonly string[] Categories = ["shoes", "hats", "bags"];
    private static readonly string[] ChannelCodes = ["email", "direct", "sms", "paid_search"];

    /// <summary>
    /// Events on a 30-minute grid (so they tie and land on each other's window edges) over the last ~15 months,
    /// with revenue and category, the profile's basics derived from them, and a random channel mix.
    /// </summary>
    public static ProfileFacts Profile(Random random, long id, AudienceContext audience)
    {
        var profile = Profiles.New(id);
        if (random.Next(4) == 0)
            profile.Trait("email", "someone@example.com");
        var count = random.Next(0, 20);
        for (var i = 0; i < count; i++)
        {
            var at = random.Next(10) switch
            {
                < 4 => Quantized(Now.AddHours(-random.Next(0, 96))),
                < 8 => Quantized(Now.AddDays(-random.Next(0, 100))),
                _ => Quantized(Now.AddDays(-random.Next(0, 450))),
            };
            var name = random.Next(3) == 0 ? "Order Completed" : EventNames[random.Next(EventNames.Length)];
            var properties = new Dictionary<string, object>();
            if (random.Next(5) > 0)
                properties["revenue"] = random.Next(0, 8) * 50;
            if (random.Next(6) > 0)
                properties["category"] = Categories[random.Next(Categories.Length)];
            profile.Event(name, at, properties, random.Next(8) == 0 ? EventType.Page : EventType.Track);
        }
        var facts = profile.BuildProjected();
        foreach (var channel in ChannelCodes)
        {
            if (random.Next(2) == 0)
                facts.Profile.ChannelCounts[channel] = random.Next(0, 4);
        }
        return facts with { Audience = audience };
    }

    /// <summary>Default breakpoints, or random ascending ones.</summary>
    public static RfmBreakpoints Breakpoints(Random random)
    {
        if (random.Next(2) == 0)
            return RfmBreakpoints.Default;
        return new RfmBreakpoints(Ascending(random, 3, 120), Ascending(random, 1, 3), Ascending(random, 20, 300));

        static double[] Ascending(Random random, int step, int spread)
        {
            var values = new double[4];
            var value = (double)random.Next(0, step + 1);
            for (var i = 0; i < 4; i++)
                values[i] = value += random.Next(0, spread) + (random.Next(3) == 0 ? 0.5 : 0);
            return values;
        }
    }

    public static ComputedTraitDefinition Trait(Random random, string name)
    {
        var function = (ComputedTraitFunction)random.Next(9);
        var property = function switch
        {
            ComputedTraitFunction.Count => null,
            ComputedTraitFunction.Sum or ComputedTraitFunction.Average or ComputedTraitFunction.Min or ComputedTraitFunction.Max => "revenue",
            _ => random.Next(3) == 0 ? "revenue" : "category",
        };
        var eventName = random.Next(3) > 0 ? "Order Completed" : EventNames[random.Next(EventNames.Length)];
        IReadOnlyList<PropertyFilter> where = random.Next(4) == 0
            ? [new PropertyFilter("category", ComparisonOp.NotEqual, new StringLiteral("hats"))]
            : [];
        return new ComputedTraitDefinition(name, null, new EventFilter(eventName, where), function, property, Window(random));
    }

    /// <summary>Mostly moving windows, where time matters; sometimes ever or fixed dates.</summary>
    public static EventWindow Window(Random random)
    {
        var roll = random.Next(10);
        if (roll < 2)
            return EventWindow.Ever;
        if (roll < 9)
            return new LastWindow(Durations[random.Next(Durations.Length)]);
        var from = Now.AddDays(-random.Next(10, 200));
        return new BetweenWindow(from, from.AddDays(random.Next(1, 100)));
    }

    public static T Pick<T>(Random random, params T[] choices) => choices[random.Next(choices.Length)];

    private static DateTimeOffset Quantized(DateTimeOffset at) =>
        new(at.UtcTicks - at.UtcTicks % TimeSpan.FromMinutes(30).Ticks, TimeSpan.Zero);
}
