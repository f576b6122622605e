namespace Omnia.Core.Paths;

/// <summary>Compares paths held as <c>long[]</c> (a group, then one number per touchpoint), and looks them up by a span without allocating.</summary>
internal sealed class PathKeyComparer : IEqualityComparer<long[]>, IAlternateEqualityComparer<ReadOnlySpan<long>, long[]>
{
    public static PathKeyComparer Instance { get; } = new();

    public bool Equals(long[]? x, long[]? y) => x.AsSpan().SequenceEqual(y);

    public int GetHashCode(long[] obj) => Hash(obj);

    public bool Equals(ReadOnlySpan<long> alternate, long[] other) => alternate.SequenceEqual(other);

    public int GetHashCode(ReadOnlySpan<long> alternate) => Hash(alternate);

    public long[] Create(ReadOnlySpan<long> alternate) => alternate.ToArray();

    private static int Hash(ReadOnlySpan<long> key)
    {
        var h = (ulong)key.Length * 0x9E3779B97F4A7C15UL;
        foreach (var part in key)
        {
            h = (h ^ (ulong)part) * 0x9E3779B97F4A7C15UL;
            h ^= h >> 29;
        }

        return (int)(h ^ (h >> 32));
    }
}
