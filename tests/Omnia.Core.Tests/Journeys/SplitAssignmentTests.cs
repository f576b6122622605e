using Omnia.Core.Journeys;

namespace Omnia.Core.Tests.Journeys;

public class SplitAssignmentTests
{
    private static readonly SplitStep ThreeWay = new("ab", [new SplitVariant("a", 30, "x"), new SplitVariant("b", 30, "y"), new SplitVariant("c", 30, "z")], 10);

    [Fact]
    public void Variants_come_out_in_proportion_to_their_weights()
    {
        var random = new Random(20250602);
        var counts = new Dictionary<string, int>();
        const int profiles = 40_000;
        for (var i = 0; i < profiles; i++)
        {
            var variant = VariantAssigner.Assign(journeyId: random.Next(1, 1000), profileId: random.NextInt64(1, long.MaxValue), ThreeWay);
            counts[variant] = counts.GetValueOrDefault(variant) + 1;
        }

        foreach (var (name, weight) in new[] { ("a", 0.3), ("b", 0.3), ("c", 0.3), ("control", 0.1) })
        {
            var expected = profiles * weight;
            var sigma = Math.Sqrt(profiles * weight * (1 - weight));
            Assert.InRange(counts[name], expected - 4 * sigma, expected + 4 * sigma);
        }
    }

    [Fact]
    public void A_profile_keeps_its_variant_across_calls_and_versions()
    {
        var random = new Random(7);
        var renamedTargets = ThreeWay with { Variants = [new SplitVariant("a", 30, "x2"), new SplitVariant("b", 30, "y2"), new SplitVariant("c", 30, "z2")] };
        for (var i = 0; i < 1000; i++)
        {
            var profile = random.NextInt64(1, 10_000_000);
            var variant = VariantAssigner.Assign(5, profile, ThreeWay);
            Assert.Equal(variant, VariantAssigner.Assign(5, profile, ThreeWay));
            Assert.Equal(variant, VariantAssigner.Assign(5, profile, renamedTargets));
        }
    }

    [Fact]
    public void Two_splits_of_one_journey_assign_independently()
    {
        var first = new SplitStep("first", [new SplitVariant("a", 1, "x"), new SplitVariant("b", 1, "y")], 0);
        var second = first with { Id = "second" };

        var same = Enumerable.Range(1, 10_000).Count(p => VariantAssigner.Assign(9, p, first) == VariantAssigner.Assign(9, p, second));

        Assert.InRange(same, 5000 - 4 * 50, 5000 + 4 * 50); // independent halves agree half the time, σ = 50
    }

    [Fact]
    public void The_bucket_is_the_documented_xxhash_of_journey_profile_and_split()
    {
        // XXH64(seed 0) of 01 00.. (journey 1), 02 00.. (profile 2), "ab": reproducible with any xxHash library.
        Span<byte> bytes = stackalloc byte[18];
        bytes[0] = 1;
        bytes[8] = 2;
        bytes[16] = (byte)'a';
        bytes[17] = (byte)'b';
        var expected = (int)(Omnia.Core.Segments.XxHash64.Hash(bytes) % 10_000);

        Assert.Equal(expected, VariantAssigner.Bucket(1, 2, "ab"));
    }

    [Fact]
    public void A_split_without_control_never_holds_anyone_out()
    {
        var split = new SplitStep("s", [new SplitVariant("only", 1, "x")], 0);

        Assert.All(Enumerable.Range(1, 2000), p => Assert.Equal("only", VariantAssigner.Assign(3, p, split)));
    }
}
