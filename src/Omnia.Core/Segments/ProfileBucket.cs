using System.Buffers.Binary;

namespace Omnia.Core.Segments;

/// <summary>
/// A stable random bucket from 0 to 9999 per profile, for splits and holdouts. The bucket is
/// <c>XXH64(seed 0)</c> of 16 bytes — the workspace id then the profile id, each as a little-endian 64-bit
/// integer — modulo 10 000. It never changes for a profile, spreads profiles evenly (the modulo bias is below
/// 10⁻¹⁵), and is reproducible outside Omnia with any xxHash library.
/// </summary>
public static class ProfileBucket
{
    /// <summary>How many buckets there are: 0 to 9999.</summary>
    public const int Count = 10_000;

    public static int Of(int workspaceId, long profileId)
    {
        Span<byte> key = stackalloc byte[16];
        BinaryPrimitives.WriteInt64LittleEndian(key, workspaceId);
        BinaryPrimitives.WriteInt64LittleEndian(key[8..], profileId);
        return (int)(XxHash64.Hash(key) % Count);
    }
}
