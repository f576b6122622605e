namespace Omnia.Core.Demo;

/// <summary>
/// A seedable SplitMix64 generator. <see cref="Random"/> does not promise the same sequence across
/// .NET versions, and the demo dataset must be identical for the same seed everywhere.
/// </summary>
internal sealed class DemoRandom
{
    private ulong _state;

    /// <summary>One independent stream per (seed, stream) pair, e.g. one per customer.</summary>
    public DemoRandom(int seed, ulong stream)
    {
        _state = Mix(unchecked((ulong)(uint)seed * 0x9E3779B97F4A7C15UL) ^ Mix(stream + 0x632BE59BD9B4E019UL));
    }

    public ulong NextUInt64()
    {
        unchecked
        {
            _state += 0x9E3779B97F4A7C15UL;
            return Mix(_state);
        }
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, <paramref name="maxExclusive"/>).</summary>
    public int Next(int maxExclusive) => (int)(NextDouble() * maxExclusive);

    /// <summary>Uniform in [<paramref name="min"/>, <paramref name="maxExclusive"/>).</summary>
    public int Next(int min, int maxExclusive) => min + Next(maxExclusive - min);

    public bool Chance(double probability) => NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    public T PickWeighted<T>(IReadOnlyList<(T Item, double Weight)> items)
    {
        var total = 0.0;
        foreach (var (_, weight) in items)
        {
            total += weight;
        }

        var roll = NextDouble() * total;
        foreach (var (item, weight) in items)
        {
            roll -= weight;
            if (roll < 0)
            {
                return item;
            }
        }

        return items[^1].Item;
    }

    /// <summary>Poisson-distributed count (Knuth's method; the means used here are small).</summary>
    public int Poisson(double mean)
    {
        var limit = Math.Exp(-mean);
        var count = 0;
        var product = NextDouble();
        while (product > limit)
        {
            count++;
            product *= NextDouble();
        }

        return count;
    }

    /// <summary>A random version-4 UUID in the usual lower-case form, as browser SDKs make anonymous ids.</summary>
    public string Uuid()
    {
        var high = (NextUInt64() & 0xFFFFFFFFFFFF0FFFUL) | 0x0000000000004000UL;
        var low = (NextUInt64() & 0x3FFFFFFFFFFFFFFFUL) | 0x8000000000000000UL;
        return $"{high >> 32:x8}-{(high >> 16) & 0xFFFF:x4}-{high & 0xFFFF:x4}-{low >> 48:x4}-{low & 0xFFFFFFFFFFFFUL:x12}";
    }

    private static ulong Mix(ulong z)
    {
        unchecked
        {
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
