using System.Buffers.Binary;
using System.Numerics;

namespace Omnia.Core.Segments;

/// <summary>
/// XXH64 (Yann Collet's xxHash, 64-bit), written out so bucket assignment has no package dependency and can be
/// reproduced by any xxHash library: the same input bytes and seed give the same 64 bits everywhere.
/// </summary>
internal static class XxHash64
{
    private const ulong Prime1 = 0x9E3779B185EBCA87;
    private const ulong Prime2 = 0xC2B2AE3D27D4EB4F;
    private const ulong Prime3 = 0x165667B19E3779F9;
    private const ulong Prime4 = 0x85EBCA77C2B2AE63;
    private const ulong Prime5 = 0x27D4EB2F165667C5;

    public static ulong Hash(ReadOnlySpan<byte> data, ulong seed = 0)
    {
        unchecked
        {
            var length = data.Length;
            var i = 0;
            ulong hash;
            if (length >= 32)
            {
                ulong v1 = seed + Prime1 + Prime2, v2 = seed + Prime2, v3 = seed, v4 = seed - Prime1;
                for (; i <= length - 32; i += 32)
                {
                    v1 = Round(v1, BinaryPrimitives.ReadUInt64LittleEndian(data[i..]));
                    v2 = Round(v2, BinaryPrimitives.ReadUInt64LittleEndian(data[(i + 8)..]));
                    v3 = Round(v3, BinaryPrimitives.ReadUInt64LittleEndian(data[(i + 16)..]));
                    v4 = Round(v4, BinaryPrimitives.ReadUInt64LittleEndian(data[(i + 24)..]));
                }
                hash = BitOperations.RotateLeft(v1, 1) + BitOperations.RotateLeft(v2, 7)
                    + BitOperations.RotateLeft(v3, 12) + BitOperations.RotateLeft(v4, 18);
                hash = Merge(hash, v1);
                hash = Merge(hash, v2);
                hash = Merge(hash, v3);
                hash = Merge(hash, v4);
            }
            else
            {
                hash = seed + Prime5;
            }

            hash += (ulong)length;
            for (; i + 8 <= length; i += 8)
            {
                hash ^= Round(0, BinaryPrimitives.ReadUInt64LittleEndian(data[i..]));
                hash = BitOperations.RotateLeft(hash, 27) * Prime1 + Prime4;
            }
            if (i + 4 <= length)
            {
                hash ^= BinaryPrimitives.ReadUInt32LittleEndian(data[i..]) * Prime1;
                hash = BitOperations.RotateLeft(hash, 23) * Prime2 + Prime3;
                i += 4;
            }
            for (; i < length; i++)
            {
                hash ^= data[i] * Prime5;
                hash = BitOperations.RotateLeft(hash, 11) * Prime1;
            }

            hash ^= hash >> 33;
            hash *= Prime2;
            hash ^= hash >> 29;
            hash *= Prime3;
            hash ^= hash >> 32;
            return hash;
        }
    }

    private static ulong Round(ulong accumulator, ulong input)
    {
        unchecked
        {
            accumulator += input * Prime2;
            return BitOperations.RotateLeft(accumulator, 31) * Prime1;
        }
    }

    private static ulong Merge(ulong hash, ulong value)
    {
        unchecked
        {
            hash ^= Round(0, value);
            return hash * Prime1 + Prime4;
        }
    }
}
