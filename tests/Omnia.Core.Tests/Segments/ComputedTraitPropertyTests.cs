using Omnia.Core.Segments;

namespace Omnia.Core.Tests.Segments;

/// <summary>
/// Generated profiles × generated definitions using data-defined traits, the day-count traits and RFM (fixed
/// seeds). Their values can only change at an event time plus a window length, or at a whole day after the last
/// order or event; checking every such instant before ChangesAt, a few random ones, and ChangesAt itself shows
/// real-time expiry agrees with recomputing at any instant.
/// </summary>
public class ComputedTraitPropertyTests
{
    private static readonly DateTimeOffset Now = RandomFacts.Now;

    [Theory]
    [InlineData(20250601)]
    [InlineData(7)]
    public void Membership_on_computed_traits_stays_the_same_until_changes_at_and_flips_exactly_there(int seed)
    {
        var random = new Random(seed);
        int evaluated = 0, changing = 0, members = 0;
        for (var p = 0; p < 120; p++)
        {
            var traits = Enumerable.Range(0, 3).Select(i => RandomFacts.Trait(random, $"trait{i}")).ToArray();
            var audience = new AudienceContext(RandomFacts.Breakpoints(random), traits);
            var facts = RandomFacts.Profile(random, p + 1, audience);
            for (var d = 0; d < 4; d++)
            {
                var condition = d < 2 ? Leaf(random, traits) : Group(random, traits);
                var definition = new SegmentDefinition("Generated", null, condition);
                Assert.Empty(definition.Validate(traits));
                Assert.Equal(definition, SegmentDefinition.Parse(definition.ToJson(), traits).Definition);

                var segment = SegmentEvaluator.Compile(definition);
                var candidates = Candidates(facts, traits, condition);
                var at = Now;
                for (var step = 0; step < 3; step++)
                {
                    var result = segment.Evaluate(facts, at);
                    var context = $"{definition.ToJson()} at {at:O} for profile {p + 1}: {result}";
                    AssertConstantThenFlips(t => segment.Evaluate(facts, t).IsMember, at, result.IsMember, result.ChangesAt, candidates, random, context);
                    evaluated++;
                    members += result.IsMember ? 1 : 0;
                    if (result.ChangesAt is not { } next)
                        break;
                    changing++;
                    at = next;
                }
            }
        }

        Assert.InRange(members, evaluated / 10, evaluated * 9 / 10);
        Assert.True(changing > evaluated / 6, $"only {changing} of {evaluated} evaluations change with time");
    }

    [Theory]
    [InlineData(1234)]
    [InlineData(99)]
    public void A_computed_value_stays_the_same_until_changes_at_and_differs_there(int seed)
    {
        var random = new Random(seed);
        var changing = 0;
        for (var p = 0; p < 150; p++)
        {
            var trait = RandomFacts.Trait(random, "trait");
            var facts = RandomFacts.Profile(random, p + 1, new AudienceContext(RandomFacts.Breakpoints(random), [trait]));
            var name = RandomFacts.Pick(random, "trait", "trait", "daysSinceLastPurchase", "daysSinceLastSeen", "rfmRecency", "rfmSegment");
            var candidates = Candidates(facts, [trait], new ComputedCondition(name, ComparisonOp.Exists, null));
            var at = Now;
            for (var step = 0; step < 3; step++)
            {
                var result = ComputedTraits.Evaluate(name, facts, at);
                var context = $"{name} = {trait.ToJson()} at {at:O} for profile {p + 1}: {result}";
                AssertConstantThenFlips(t => ComputedTraits.Evaluate(name, facts, t).Value, at, result.Value, result.ChangesAt, candidates, random, context);
                if (result.ChangesAt is not { } next)
                    break;
                changing++;
                at = next;
            }
        }

        Assert.True(changing > 60, $"only {changing} values change with time");
    }

    /// <summary>The same answer at every candidate and random instant in [at, changesAt), and a different one at changesAt.</summary>
    internal static void AssertConstantThenFlips<T>(Func<DateTimeOffset, T> answerAt, DateTimeOffset at, T answer, DateTimeOffset? changesAt,
        SortedSet<DateTimeOffset> candidates, Random random, string context)
    {
        var end = changesAt ?? DateTimeOffset.MaxValue;
        if (changesAt is { } flip)
        {
            Assert.True(flip > at, context);
            Assert.True(Equals(answerAt(flip.AddTicks(-1)), answer), $"changed before ChangesAt: {context}");
            Assert.False(Equals(answerAt(flip), answer), $"no change at ChangesAt: {context}");
        }
        foreach (var candidate in candidates.GetViewBetween(at.AddTicks(1), end.AddTicks(-1)))
        {
            Assert.True(Equals(answerAt(candidate), answer), $"changed at {candidate:O} before ChangesAt: {context}");
            Assert.True(Equals(answerAt(candidate.AddTicks(-1)), answer), $"changed just before {candidate:O}: {context}");
        }
        for (var i = 0; i < 3; i++)
        {
            var span = Math.Min((end - at).Ticks, TimeSpan.FromDays(800).Ticks);
            var t = at.AddTicks((long)(random.NextDouble() * span));
            Assert.True(Equals(answerAt(t), answer), $"changed at random {t:O}: {context}");
        }
    }

    /// <summary>
    /// Every instant at which a value could change: event times plus each window length of the traits and the
    /// condition, and — when day-count or RFM traits are used — each whole day after the last order and event.
    /// </summary>
    internal static SortedSet<DateTimeOffset> Candidates(ProfileFacts facts, IEnumerable<ComputedTraitDefinition> traits, Condition condition)
    {
        var durations = traits.Select(t => t.Window).Concat(Windows(condition)).OfType<LastWindow>().Select(w => w.Duration.ToTimeSpan()).Distinct().ToList();
        var candidates = new SortedSet<DateTimeOffset>();
        foreach (var e in facts.Events)
        {
            candidates.Add(e.Timestamp);
            foreach (var duration in durations)
                candidates.Add(e.Timestamp + duration);
        }
        if (UsesDays(condition))
        {
            foreach (var anchor in new[] { facts.Profile.LastOrderAt, facts.Events.Count > 0 ? facts.Profile.LastSeen : null })
            {
                for (var day = 0; anchor is { } a && day <= 800; day++)
                    candidates.Add(a.AddDays(day));
            }
        }
        return candidates;
    }

    private static IEnumerable<EventWindow> Windows(Condition condition) => condition switch
    {
        AndCondition and => and.Conditions.SelectMany(Windows),
        OrCondition or => or.Conditions.SelectMany(Windows),
        NotCondition not => Windows(not.Inner),
        EventCondition e => [e.Window],
        _ => [],
    };

    private static bool UsesDays(Condition condition) => condition switch
    {
        AndCondition and => and.Conditions.Any(UsesDays),
        OrCondition or => or.Conditions.Any(UsesDays),
        NotCondition not => UsesDays(not.Inner),
        ComputedCondition c => c.Name is "daysSinceLastPurchase" or "daysSinceLastSeen" or "rfmRecency" or "rfmSegment",
        _ => false,
    };

    private static Condition Group(Random random, ComputedTraitDefinition[] traits)
    {
        var children = Enumerable.Range(0, random.Next(2, 4))
            .Select(_ => random.Next(4) == 0 ? new NotCondition(Leaf(random, traits)) : Leaf(random, traits))
            .ToArray();
        return random.Next(2) == 0 ? new AndCondition(children) : new OrCondition(children);
    }

    private static Condition Leaf(Random random, ComputedTraitDefinition[] traits)
    {
        switch (random.Next(10))
        {
            case < 4:
                var trait = traits[random.Next(traits.Length)];
                return trait.Kind == ComputedKind.Number ? NumberCondition(random, trait.Name, optional: trait.Function is ComputedTraitFunction.Average or ComputedTraitFunction.Min or ComputedTraitFunction.Max) : AnyCondition(random, trait.Name);
            case 4 or 5:
                return NumberCondition(random, RandomFacts.Pick(random, "daysSinceLastPurchase", "daysSinceLastSeen"), optional: true,
                    RandomFacts.Pick(random, 0m, 1m, 2m, 7m, 10.5m, 30m, 90m, 200m));
            case 6:
                return NumberCondition(random, RandomFacts.Pick(random, "rfmRecency", "rfmFrequency", "rfmMonetary"), optional: true,
                    RandomFacts.Pick(random, 1m, 2m, 3m, 4m, 5m));
            case 7:
                var labels = RfmSegments.Names.OrderBy(_ => random.Next()).Take(random.Next(1, 5)).Select(l => (Literal)new StringLiteral(l)).ToList();
                return new ComputedCondition("rfmSegment", ComparisonOp.In, new ListLiteral(labels));
            case 8:
                return new ComputedCondition("preferredChannel", ComparisonOp.Equal, new StringLiteral(RandomFacts.Pick(random, "email", "direct", "sms")));
            default:
                return new EventCondition(new EventFilter(RandomFacts.Pick(random, "Order Completed", "Product Viewed")),
                    new CountRule(CountOp.AtLeast, random.Next(1, 3)), null, RandomFacts.Window(random));
        }
    }

    private static ComputedCondition NumberCondition(Random random, string name, bool optional, params decimal[] values)
    {
        if (values.Length == 0)
            values = [0m, 1m, 2m, 3m, 50m, 100m, 150m, 275m, 400m];
        var ops = optional
            ? new[] { ComparisonOp.GreaterThan, ComparisonOp.GreaterOrEqual, ComparisonOp.LessThan, ComparisonOp.LessOrEqual, ComparisonOp.Equal, ComparisonOp.NotEqual, ComparisonOp.In, ComparisonOp.Exists, ComparisonOp.NotExists }
            : [ComparisonOp.GreaterThan, ComparisonOp.GreaterOrEqual, ComparisonOp.LessThan, ComparisonOp.LessOrEqual, ComparisonOp.Equal, ComparisonOp.NotEqual, ComparisonOp.In];
        var op = ops[random.Next(ops.Length)];
        Literal? value = op switch
        {
            ComparisonOp.Exists or ComparisonOp.NotExists => null,
            ComparisonOp.In => new ListLiteral([new NumberLiteral(values[random.Next(values.Length)]), new NumberLiteral(values[random.Next(values.Length)])]),
            _ => new NumberLiteral(values[random.Next(values.Length)]),
        };
        return new ComputedCondition(name, op, value);
    }

    private static ComputedCondition AnyCondition(Random random, string name) => random.Next(6) switch
    {
        0 => new ComputedCondition(name, ComparisonOp.Equal, new StringLiteral(RandomFacts.Pick(random, "shoes", "hats", "bags"))),
        1 => new ComputedCondition(name, ComparisonOp.NotEqual, new StringLiteral(RandomFacts.Pick(random, "shoes", "hats"))),
        2 => new ComputedCondition(name, ComparisonOp.In, new ListLiteral([new StringLiteral("shoes"), new NumberLiteral(100)])),
        3 => new ComputedCondition(name, RandomFacts.Pick(random, ComparisonOp.Exists, ComparisonOp.NotExists), null),
        4 => new ComputedCondition(name, ComparisonOp.GreaterOrEqual, new NumberLiteral(RandomFacts.Pick(random, 100m, 200m))),
        _ => new ComputedCondition(name, ComparisonOp.StartsWith, new StringLiteral("s")),
    };
}
