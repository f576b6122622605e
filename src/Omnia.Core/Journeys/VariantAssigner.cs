using System.Buffers.Binary;
using System.Text;
using Omnia.Core.Segments;

namespace Omnia.Core.Journeys;

/// <summary>
/// Stable variant assignment for splits, like the segment <c>bucket</c> condition: a profile's bucket for a split is
/// <c>XXH64(seed 0)</c> of the journey id and the profile id (each a little-endian 64-bit integer) followed by the
/// split's node id in UTF-8, modulo 10,000. The buckets are shared out in order — control group first, then the
/// variants as listed — each receiving a run in proportion to its weight. The same profile gets the same variant in
/// every version of the journey as long as the split keeps its id and weights; two splits of one journey are
/// independent.
/// </summary>
public static class VariantAssigner
{
    /// <summary>The profile's bucket (0–9999) for split <paramref name="splitId"/> of journey <paramref name="journeyId"/>.</summary>
    public static int Bucket(long journeyId, long profileId, string splitId)
    {
        ArgumentNullException.ThrowIfNull(splitId);
        var length = 16 + Encoding.UTF8.GetByteCount(splitId);
        Span<byte> key = length <= 256 ? stackalloc byte[length] : new byte[length];
        BinaryPrimitives.WriteInt64LittleEndian(key, journeyId);
        BinaryPrimitives.WriteInt64LittleEndian(key[8..], profileId);
        Encoding.UTF8.GetBytes(splitId, key[16..]);
        return (int)(XxHash64.Hash(key) % ProfileBucket.Count);
    }

    /// <summary>The variant name (or <see cref="SplitStep.ControlName"/>) the profile gets at <paramref name="split"/>.</summary>
    public static string Assign(long journeyId, long profileId, SplitStep split)
    {
        ArgumentNullException.ThrowIfNull(split);
        var total = split.TotalWeight;
        // Bucket b of 10,000 falls at position b × total / 10,000 along the weights laid end to end.
        var position = (long)Bucket(journeyId, profileId, split.Id) * total / ProfileBucket.Count;
        if (position < split.ControlWeight)
            return SplitStep.ControlName;
        var end = (long)split.ControlWeight;
        foreach (var variant in split.Variants)
        {
            end += variant.Weight;
            if (position < end)
                return variant.Name;
        }
        return split.Variants[^1].Name;
    }
}
