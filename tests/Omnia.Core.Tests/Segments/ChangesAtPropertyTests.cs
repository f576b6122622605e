using System.Text.Json;
using Omnia.Core.Events;
using Omnia.Core.Profiles;
using Omnia.Core.Segments;

namespace Omnia.Core.Tests.Segments;

/// <summary>
/// Generated profiles × generated definitions (fixed seeds). Membership can only flip at a "candidate" instant:
/// a date from the facts (event time, trait date, computed date) shifted by 0 or ± any duration in the
/// definition. So checking every candidate proves ChangesAt exact: membership is constant from now until
/// ChangesAt, flips at ChangesAt, and ChangesAt is itself a candidate.
/// </summary>
public class ChangesAtPropertyTests
{
    private static readonly DateTimeOffset Now = Profiles.Now;
    private static readonly string[] FirstEvents = ["Product Added", "Page Viewed"];
    private static readonly string[] EventNames = ["Product Added", "Order Completed", "Email Opened", "Page Viewed"];
    private static readonly string[] Carts = ["c1", "c2", "c3"];

    private static readonly SegmentDuration[] Durations =
    [
        SegmentDuration.Minutes(30), SegmentDuration.Hours(1), SegmentDuration.Hours(12), SegmentDuration.Days(1),
        SegmentDuration.Days(7), SegmentDuration.Days(30), SegmentDuration.Days(90),
    ];

    private static bool Lookup(string slug) => slug == "vip";

    [Theory]
    [InlineData(20250601)]
    [InlineData(4242)]
    public void Membership_stays_the_same_until_changes_at_and_flips_exactly_there(int seed)
    {
        var random = new Random(seed);
        int evaluated = 0, changing = 0, members = 0, groupsChanging = 0;
        for (var p = 0; p < 500; p++)
        {
            var facts = RandomProfile(random, p + 1);
            for (var d = 0; d < 4; d++)
            {
                // Half the definitions are and/or groups of conditions that move with time, to work their search.
                var condition = d < 2 ? RandomCondition(random, 1) : RandomGroup(random);
                var definition = new SegmentDefinition("Generated", null, condition);
                Assert.Empty(definition.Validate());
                Assert.Equal(definition, SegmentDefinition.Parse(definition.ToJson()).Definition);

                var segment = SegmentEvaluator.Compile(definition);
                var candidates = Candidates(definition, facts);
                var at = Now;
                for (var step = 0; step < 3; step++)
                {
                    var result = segment.Evaluate(facts, at, Lookup);
                    AssertExact(segment, facts, at, result, candidates, random, definition);
                    evaluated++;
                    if (result.IsMember)
                        members++;
                    if (result.ChangesAt is not { } next)
                        break;
                    changing++;
                    if (definition.Condition is AndCondition or OrCondition)
                        groupsChanging++;
                    at = next;
                }
            }
        }

        // The generator must exercise both answers and plenty of time-driven changes.
        Assert.InRange(members, evaluated / 10, evaluated * 9 / 10);
        Assert.True(changing > evaluated / 8, $"only {changing} of {evaluated} evaluations change with time");
        Assert.True(groupsChanging > 50, $"only {groupsChanging} and/or evaluations change with time");
    }

    private static void AssertExact(CompiledSegment segment, ProfileFacts facts, DateTimeOffset at, SegmentResult result,
        SortedSet<DateTimeOffset> candidates, Random random, SegmentDefinition definition)
    {
        var context = $"{definition.ToJson()} at {at:O} for profile {facts.Profile.Id}: {result}";
        var end = result.ChangesAt ?? DateTimeOffset.MaxValue;
        if (result.ChangesAt is { } changesAt)
        {
            Assert.True(changesAt > at, context);
            Assert.Contains(changesAt, candidates);
            Assert.True(segment.Evaluate(facts, changesAt, Lookup).IsMember != result.IsMember, $"no flip at ChangesAt: {context}");
            Assert.True(segment.Evaluate(facts, changesAt.AddTicks(-1), Lookup).IsMember == result.IsMember, $"flipped before ChangesAt: {context}");
        }
        foreach (var candidate in candidates.GetViewBetween(at.AddTicks(1), end.AddTicks(-1)))
        {
            Assert.True(segment.Evaluate(facts, candidate, Lookup).IsMember == result.IsMember, $"flipped at {candidate:O} before ChangesAt: {context}");
            Assert.True(segment.Evaluate(facts, candidate.AddTicks(-1), Lookup).IsMember == result.IsMember, $"flipped just before {candidate:O}: {context}");
        }
        for (var i = 0; i < 3; i++)
        {
            var span = Math.Min((end - at).Ticks, TimeSpan.FromDays(400).Ticks);
            var t = at.AddTicks((long)(random.NextDouble() * span));
            Assert.True(segment.Evaluate(facts, t, Lookup).IsMember == result.IsMember, $"flipped at random {t:O}: {context}");
        }
    }

    /// <summary>Every instant at which membership could flip: fact dates shifted by 0 or ± each duration of the definition.</summary>
    private static SortedSet<DateTimeOffset> Candidates(SegmentDefinition definition, ProfileFacts facts)
    {
        var durations = new List<TimeSpan>();
        Collect(definition.Condition, durations);
        var dates = facts.Events.Select(e => e.Timestamp).ToList();
        foreach (var trait in facts.Profile.Traits.Values)
        {
            if (trait.Value.String is { } text && DateTimeOffset.TryParse(text, out var date))
                dates.Add(date);
        }
        dates.Add(facts.Profile.FirstSeen);
        dates.Add(facts.Profile.LastSeen);
        if (facts.Profile.LastOrderAt is { } lastOrder)
            dates.Add(lastOrder);

        var candidates = new SortedSet<DateTimeOffset>();
        foreach (var date in dates.Where(d => d.Year is > 1 and < 9999))
        {
            candidates.Add(date);
            foreach (var duration in durations)
            {
                candidates.Add(date + duration);
                candidates.Add(date - duration);
            }
        }
        return candidates;
    }

    private static void Collect(Condition condition, List<TimeSpan> durations)
    {
        switch (condition)
        {
            case AndCondition and:
                and.Conditions.ToList().ForEach(c => Collect(c, durations));
                break;
            case OrCondition or:
                or.Conditions.ToList().ForEach(c => Collect(c, durations));
                break;
            case NotCondition not:
                Collect(not.Inner, durations);
                break;
            case TraitCondition { Value: DurationLiteral d }:
                durations.Add(d.Value.ToTimeSpan());
                break;
            case ComputedCondition { Value: DurationLiteral d }:
                durations.Add(d.Value.ToTimeSpan());
                break;
            case EventCondition { Window: LastWindow last }:
                durations.Add(last.Duration.ToTimeSpan());
                break;
            case SequenceCondition sequence:
                durations.Add(sequence.Within.ToTimeSpan());
                if (sequence.Window is LastWindow window)
                    durations.Add(window.Duration.ToTimeSpan());
                break;
        }
    }

    private static ProfileFacts RandomProfile(Random random, long id)
    {
        var profile = Profiles.New(id);
        var plan = Pick(random, "gold", "silver", null);
        if (plan is not null)
            profile.Trait("plan", plan);
        if (random.Next(4) > 0)
            profile.Trait("score", random.Next(3) == 0 ? (object)random.Next(100).ToString(System.Globalization.CultureInfo.InvariantCulture) : random.Next(100));
        if (random.Next(4) > 0)
            profile.Trait("renewal", Quantized(random, Now.AddDays(random.Next(-60, 61))).ToString("O"));
        var consent = random.Next(3);
        if (consent > 0)
            profile.Consent("email", consent == 1);

        var count = random.Next(0, 25);
        for (var i = 0; i < count; i++)
        {
            // Most events are recent, where short windows and waits have something to see.
            var at = random.Next(10) switch
            {
                < 5 => Quantized(random, Now.AddHours(-random.Next(0, 72))),
                < 8 => Quantized(random, Now.AddDays(-random.Next(0, 30)).AddHours(random.Next(-12, 2))),
                _ => Quantized(random, Now.AddDays(-random.Next(0, 120))),
            };
            var name = EventNames[random.Next(EventNames.Length)];
            var properties = new Dictionary<string, object>();
            if (random.Next(10) > 0)
                properties["cart_id"] = Carts[random.Next(Carts.Length)];
            if (random.Next(4) > 0)
                properties["revenue"] = random.Next(0, 300);
            properties["category"] = random.Next(2) == 0 ? "shoes" : "hats";
            profile.Event(name, at, properties, random.Next(8) == 0 ? EventType.Page : EventType.Track);
        }
        var facts = profile.Build();
        var state = facts.Profile;
        foreach (var e in facts.Events)
        {
            state.EventCount++;
            state.FirstSeen = e.Timestamp < state.FirstSeen ? e.Timestamp : state.FirstSeen;
            state.LastSeen = e.Timestamp > state.LastSeen ? e.Timestamp : state.LastSeen;
            if (e.Name == "Order Completed")
            {
                state.OrderCount++;
                state.Revenue += e.Properties["revenue"].TryGetDecimal(out var revenue) ? revenue : 0;
                state.LastOrderAt = e.Timestamp;
            }
        }
        if (facts.Events.Count > 0)
            state.Acquisition = new Acquisition(Pick(random, "email", "paid_search", "direct")!, null, null, null, state.FirstSeen);
        return facts;
    }

    /// <summary>On a 30-minute grid, so events tie and land exactly on each other's window edges.</summary>
    private static DateTimeOffset Quantized(Random random, DateTimeOffset at) =>
        new(at.UtcTicks - at.UtcTicks % TimeSpan.FromMinutes(30).Ticks + (random.Next(5) == 0 ? TimeSpan.TicksPerMinute * random.Next(30) : 0), TimeSpan.Zero);

    private static Condition RandomCondition(Random random, int depth)
    {
        var kind = depth >= 4 ? random.Next(3, 17) : random.Next(17);
        switch (kind)
        {
            case 0:
                return new AndCondition(Children(random, depth));
            case 1:
                return new OrCondition(Children(random, depth));
            case 2:
                return new NotCondition(RandomCondition(random, depth + 1));
            case 3:
                return Pick(random,
                    new TraitCondition("plan", ComparisonOp.Equal, new StringLiteral("gold")),
                    new TraitCondition("score", ComparisonOp.GreaterThan, new NumberLiteral(50)),
                    new TraitCondition("plan", ComparisonOp.NotExists, null))!;
            case 4 or 5:
                return new TraitCondition("renewal", random.Next(2) == 0 ? ComparisonOp.WithinLast : ComparisonOp.InNext,
                    new DurationLiteral(Durations[random.Next(Durations.Length)]));
            case 6 or 7 or 15:
                return new EventCondition(RandomFilter(random, EventNames), RandomCount(random), null, RandomWindow(random, null));
            case 8:
                return new EventCondition(RandomFilter(random, EventNames), null, RandomAggregate(random), RandomWindow(random, null));
            case 9 or 10 or 16:
                var did = random.Next(2) == 0;
                var within = Durations[random.Next(4)];
                return new SequenceCondition(RandomFilter(random, FirstEvents), new EventFilter("Order Completed"), within, did,
                    random.Next(2) == 0 ? "cart_id" : null, RandomWindow(random, did ? null : within));
            case 11:
                return Pick(random,
                    new ComputedCondition("lastSeen", ComparisonOp.WithinLast, new DurationLiteral(Durations[random.Next(Durations.Length)])),
                    new ComputedCondition("lastOrderAt", random.Next(2) == 0 ? ComparisonOp.WithinLast : ComparisonOp.InNext, new DurationLiteral(Durations[random.Next(Durations.Length)])),
                    new ComputedCondition("orderCount", ComparisonOp.GreaterOrEqual, new NumberLiteral(2)),
                    new ComputedCondition("firstSeen", ComparisonOp.Before, new DateLiteral(Now.AddDays(-60))))!;
            case 12:
                return new ConsentCondition("email", random.Next(2) == 0);
            case 13:
                var from = random.Next(0, 9000);
                return new BucketCondition(from, from + random.Next(0, 999));
            case 14:
                return new InSegmentCondition(random.Next(2) == 0 ? "vip" : "churned");
            default:
                throw new InvalidOperationException();
        }
    }

    private static Condition RandomGroup(Random random)
    {
        var children = Enumerable.Range(0, random.Next(2, 4))
            .Select(_ => random.Next(4) switch
            {
                0 => RandomCondition(random, 2),
                1 => new NotCondition(RandomCondition(random, 3)),
                _ => RandomCondition(random, 4), // a leaf
            })
            .ToArray();
        return random.Next(2) == 0 ? new AndCondition(children) : new OrCondition(children);
    }

    private static Condition[] Children(Random random, int depth) =>
        Enumerable.Range(0, random.Next(1, 4)).Select(_ => RandomCondition(random, depth + 1)).ToArray();

    private static EventFilter RandomFilter(Random random, string[] names)
    {
        var name = names[random.Next(names.Length)];
        return random.Next(3) == 0
            ? new EventFilter(name, [new PropertyFilter("category", ComparisonOp.Equal, new StringLiteral("shoes"))])
            : new EventFilter(name);
    }

    private static CountRule RandomCount(Random random) => random.Next(3) switch
    {
        0 => new CountRule(CountOp.AtLeast, random.Next(1, 4)),
        1 => new CountRule(CountOp.AtMost, random.Next(0, 3)),
        _ => new CountRule(CountOp.Exactly, random.Next(0, 3)),
    };

    private static AggregateRule RandomAggregate(Random random)
    {
        var function = (AggregateFunction)random.Next(5);
        var op = (ComparisonOp[])[ComparisonOp.Equal, ComparisonOp.NotEqual, ComparisonOp.GreaterThan, ComparisonOp.GreaterOrEqual, ComparisonOp.LessThan, ComparisonOp.LessOrEqual];
        return new AggregateRule(function, function == AggregateFunction.Count ? null : "revenue", op[random.Next(op.Length)], Pick(random, 0m, 2m, 100m, 250m, 500m));
    }

    /// <summary>Ever, the last d, or fixed dates; for a did-not sequence a moving window longer than its wait.</summary>
    private static EventWindow RandomWindow(Random random, SegmentDuration? longerThan)
    {
        var roll = random.Next(10);
        if (roll < 3)
            return EventWindow.Ever;
        if (roll < 9)
        {
            var choices = Durations.Where(d => longerThan is not { } w || d.ToTimeSpan() > w.ToTimeSpan()).ToArray();
            return new LastWindow(choices[random.Next(choices.Length)]);
        }
        var from = Now.AddDays(-random.Next(10, 120));
        return new BetweenWindow(random.Next(4) == 0 ? null : from, from.AddDays(random.Next(1, 60)));
    }

    private static T? Pick<T>(Random random, params T?[] choices) => choices[random.Next(choices.Length)];
}
