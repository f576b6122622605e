using System.Text;
using Omnia.Core.Segments;

namespace Omnia.Core.Tests.Segments;

public class ProfileBucketTests
{
    [Theory]
    [InlineData("", 0xef46db3751d8e999UL)]
    [InlineData("0123", 0x4c33072b45647dcbUL)]
    [InlineData("01234567", 0xe4ba22a49ad89d3fUL)]
    [InlineData("0123456789:;<=>?", 0x6ff4eb62bcec6586UL)]
    [InlineData("0123456789:;<=>?@", 0x001ee69e11bf98bfUL)]
    public void The_hash_is_xxh64_as_other_libraries_compute_it(string input, ulong expected)
    {
        Assert.Equal(expected, XxHash64.Hash(Encoding.ASCII.GetBytes(input)));
    }

    [Fact]
    public void The_hash_handles_inputs_of_32_bytes_and_more()
    {
        // Reference value from the python-xxhash README.
        Assert.Equal(0xfbcea83c8a378bf1UL, XxHash64.Hash("Nobody inspects the spammish repetition"u8));
    }

    [Fact]
    public void A_profile_keeps_its_bucket()
    {
        Assert.Equal(ProfileBucket.Of(1, 1), ProfileBucket.Of(1, 1));
        Assert.Equal(ProfileBucket.Of(7, 123_456_789), ProfileBucket.Of(7, 123_456_789));
        // Pinned so a change to the hashing, which would reshuffle every holdout, cannot go unnoticed.
        Assert.Equal(ProfileBucket.Of(1, 1), Expected(1, 1));
        Assert.Equal(ProfileBucket.Of(2, 99), Expected(2, 99));
    }

    [Fact]
    public void Buckets_spread_10000_profiles_evenly()
    {
        var perDecile = new int[10];
        var perBucket = new int[ProfileBucket.Count];
        for (long id = 1; id <= 10_000; id++)
        {
            var bucket = ProfileBucket.Of(1, id);
            Assert.InRange(bucket, 0, ProfileBucket.Count - 1);
            perDecile[bucket / 1000]++;
            perBucket[bucket]++;
        }

        // 1000 expected per decile, standard deviation 30: 5 deviations either way.
        Assert.All(perDecile, count => Assert.InRange(count, 850, 1150));
        // Poisson(1) over 10,000 buckets: about 3,679 empty, sd ~ 31.
        Assert.InRange(perBucket.Count(c => c == 0), 3_500, 3_850);
        var chiSquare = perDecile.Sum(c => (c - 1000.0) * (c - 1000.0) / 1000.0);
        Assert.True(chiSquare < 27.9, $"chi-square {chiSquare:F1} over 9 degrees of freedom (p < 0.001 above 27.9)");
    }

    [Fact]
    public void A_10_percent_holdout_holds_about_10_percent()
    {
        var definition = Segment.Of("""{"bucket":{"from":0,"to":999}}""");
        var members = 0;
        for (long id = 1; id <= 10_000; id++)
        {
            if (SegmentEvaluator.Evaluate(definition, Profiles.New(id).Build(), Profiles.Now).IsMember)
                members++;
        }

        Assert.InRange(members, 900, 1100);
    }

    [Fact]
    public void Workspaces_shuffle_their_profiles_independently()
    {
        var same = 0;
        for (long id = 1; id <= 10_000; id++)
        {
            if (ProfileBucket.Of(1, id) / 1000 == ProfileBucket.Of(2, id) / 1000)
                same++;
        }

        // Independent deciles agree 10% of the time.
        Assert.InRange(same, 900, 1100);
    }

    private static int Expected(int workspaceId, long profileId)
    {
        var key = new byte[16];
        BitConverter.TryWriteBytes(key.AsSpan(0, 8), (long)workspaceId);
        BitConverter.TryWriteBytes(key.AsSpan(8, 8), profileId);
        if (!BitConverter.IsLittleEndian)
        {
            Array.Reverse(key, 0, 8);
            Array.Reverse(key, 8, 8);
        }
        return (int)(XxHash64.Hash(key) % 10_000);
    }
}
