using Omnia.Core.Audiences;
using Omnia.Core.Segments;

namespace Omnia.Core.Tests.Audiences;

public sealed class AudienceBasicsTests
{
    private static StoredSegment Segment(long id, string slug, string condition) =>
        new(id, 1, slug, SegmentDefinition.Parse($$"""{"version":1,"name":"{{slug}}","condition":{{condition}}}""").Definition!, 1, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

    [Theory]
    [InlineData("Lapsed VIPs (90d)", "lapsed-vips-90d")]
    [InlineData("  Cart   abandoners ", "cart-abandoners")]
    [InlineData("Café & crème", "cafe-creme")]
    [InlineData("!!!", null)]
    public void A_slug_is_made_from_a_name(string name, string? slug) => Assert.Equal(slug, SegmentSlug.FromName(name));

    [Theory]
    [InlineData("cart-abandoners", true)]
    [InlineData("a", true)]
    [InlineData("Cart", false)]
    [InlineData("-cart", false)]
    [InlineData("new", false)]
    [InlineData("estimate", false)]
    public void Slugs_are_lower_case_words_and_not_reserved(string slug, bool valid) => Assert.Equal(valid, SegmentSlug.IsValid(slug));

    [Fact]
    public void Segments_are_ordered_after_the_segments_they_refer_to_and_cycles_are_named()
    {
        var vips = Segment(1, "vips", """{"segment":"loyal"}""");
        var loyal = Segment(2, "loyal", """{"computed":{"name":"orderCount","op":"gte","value":3}}""");
        var ordered = SegmentGraph.Order([vips, loyal], out var problems);
        Assert.Empty(problems);
        Assert.Equal(["loyal", "vips"], ordered.Select(s => s.Slug));
        Assert.Equal(["vips"], SegmentGraph.UsedBy([vips, loyal], "loyal"));

        var cycle = SegmentGraph.Check([vips, loyal], Segment(2, "loyal", """{"segment":"vips"}"""));
        Assert.Contains(cycle, p => p.Contains("cycle", StringComparison.Ordinal) && p.Contains("loyal", StringComparison.Ordinal));
        var missing = SegmentGraph.Check([loyal], Segment(3, "fans", """{"segment":"nobody"}"""));
        Assert.Equal(["segment 'fans' refers to segment 'nobody', which does not exist"], missing);
    }

    [Fact]
    public void An_estimate_from_every_profile_is_exact()
    {
        var estimate = SizeEstimate.FromSample(40, 200, 200);
        Assert.True(estimate.IsExact);
        Assert.Equal((40L, 40L, 40L), (estimate.Estimate, estimate.Low, estimate.High));
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(0.02)]
    [InlineData(0.0)]
    public void The_95_percent_interval_holds_the_true_size_in_about_95_percent_of_samples(double share)
    {
        const int population = 50_000, sample = 1_000, trials = 2_000;
        int members = (int)(population * share);
        var random = new Random(17);
        var isMember = new bool[population];
        for (int i = 0; i < members; i++)
        {
            isMember[i] = true;
        }

        int covered = 0;
        for (int t = 0; t < trials; t++)
        {
            // Sampling without replacement, as the store does.
            var picked = new HashSet<int>();
            while (picked.Count < sample)
            {
                picked.Add(random.Next(population));
            }

            var estimate = SizeEstimate.FromSample(picked.Count(i => isMember[i]), sample, population);
            Assert.InRange(estimate.Estimate, estimate.Low, estimate.High);
            if (estimate.Low <= members && members <= estimate.High)
            {
                covered++;
            }
        }

        Assert.InRange(covered / (double)trials, 0.93, 1.0);
    }
}
