using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Omnia.Core.Personas;

/// <summary>
/// k-means over a flat row-major matrix (row i is <c>x[i*d .. i*d+d)</c>): greedy k-means++ seeding and Lloyd
/// iterations. Lloyd runs in parallel over fixed chunks of rows whose partial sums are combined in chunk
/// order, so the result is the same whatever the number of threads.
/// </summary>
internal static class KMeans
{
    private const int ChunkRows = 4096;

    /// <summary>The outcome of <see cref="Lloyd"/>: its inertia and how many assignment passes it took.</summary>
    public readonly record struct Run(double Inertia, int Iterations);

    public static double SquaredDistance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        int n = a.Length, j = 0;
        ref double ra = ref MemoryMarshal.GetReference(a);
        ref double rb = ref MemoryMarshal.GetReference(b);
        double sum = 0;
        if (Vector256.IsHardwareAccelerated && n >= Vector256<double>.Count)
        {
            var acc = Vector256<double>.Zero;
            for (; j <= n - Vector256<double>.Count; j += Vector256<double>.Count)
            {
                var diff = Vector256.LoadUnsafe(ref ra, (nuint)j) - Vector256.LoadUnsafe(ref rb, (nuint)j);
                acc += diff * diff;
            }

            sum = Vector256.Sum(acc);
        }

        for (; j < n; j++)
        {
            double diff = Unsafe.Add(ref ra, j) - Unsafe.Add(ref rb, j);
            sum += diff * diff;
        }

        return sum;
    }

    /// <summary>
    /// Greedy k-means++: each next centre is the best (lowest total squared distance) of a few candidates drawn
    /// with probability proportional to squared distance. Null when the rows have fewer than k distinct points.
    /// </summary>
    public static double[]? Seed(double[] x, int n, int d, int k, Random rng)
    {
        var centroids = new double[k * d];
        var nearest = new double[n];
        int first = rng.Next(n);
        Array.Copy(x, first * d, centroids, 0, d);
        double potential = 0;
        for (int i = 0; i < n; i++)
        {
            nearest[i] = SquaredDistance(x.AsSpan(i * d, d), centroids.AsSpan(0, d));
            potential += nearest[i];
        }

        int tries = 2 + (int)Math.Log(k);
        for (int c = 1; c < k; c++)
        {
            if (!(potential > 0))
            {
                return null;
            }

            int best = -1;
            double bestPotential = double.PositiveInfinity;
            for (int t = 0; t < tries; t++)
            {
                int pick = Draw(nearest, potential, rng);
                var row = x.AsSpan(pick * d, d);
                double sum = 0;
                for (int i = 0; i < n; i++)
                {
                    sum += Math.Min(nearest[i], SquaredDistance(x.AsSpan(i * d, d), row));
                }

                if (sum < bestPotential)
                {
                    (best, bestPotential) = (pick, sum);
                }
            }

            Array.Copy(x, best * d, centroids, c * d, d);
            var chosen = centroids.AsSpan(c * d, d);
            potential = 0;
            for (int i = 0; i < n; i++)
            {
                nearest[i] = Math.Min(nearest[i], SquaredDistance(x.AsSpan(i * d, d), chosen));
                potential += nearest[i];
            }
        }

        return centroids;
    }

    /// <summary>
    /// Lloyd iterations from <paramref name="centroids"/> (updated in place) until an iteration lowers the inertia
    /// by less than <paramref name="tolerance"/> of it, no label changes, or <paramref name="maxIterations"/>.
    /// On return <paramref name="labels"/> holds each row's cluster and each centroid is the mean of its rows.
    /// An emptied cluster is re-seeded with the row furthest from its centroid.
    /// </summary>
    public static Run Lloyd(double[] x, int n, int d, double[] centroids, int k, int maxIterations, double tolerance, int[] labels)
    {
        int chunks = (n + ChunkRows - 1) / ChunkRows;
        var partial = new Partial[chunks];
        for (int c = 0; c < chunks; c++)
        {
            partial[c] = new Partial(k, d);
        }

        Array.Fill(labels, -1, 0, n);
        double previous = double.PositiveInfinity, inertia = 0;
        int iteration = 0;
        var sums = new double[k * d];
        var counts = new long[k];
        while (iteration < Math.Max(1, maxIterations))
        {
            iteration++;
            Assign(x, n, d, centroids, k, labels, partial);
            Array.Clear(sums);
            Array.Clear(counts);
            inertia = 0;
            long changed = 0;
            (double Distance, int Row) furthest = (-1, -1);
            foreach (var p in partial)
            {
                inertia += p.Inertia;
                changed += p.Changed;
                if (p.Furthest.Distance > furthest.Distance)
                {
                    furthest = p.Furthest;
                }

                for (int j = 0; j < sums.Length; j++)
                {
                    sums[j] += p.Sums[j];
                }

                for (int c = 0; c < k; c++)
                {
                    counts[c] += p.Counts[c];
                }
            }

            bool reseeded = false;
            for (int c = 0; c < k; c++)
            {
                if (counts[c] > 0)
                {
                    for (int j = 0; j < d; j++)
                    {
                        centroids[c * d + j] = sums[c * d + j] / counts[c];
                    }
                }
                else if (furthest.Row >= 0)
                {
                    Array.Copy(x, furthest.Row * d, centroids, c * d, d);
                    furthest = (-1, -1);
                    reseeded = true;
                }
            }

            if (!reseeded && (changed == 0 || (double.IsFinite(previous) && previous - inertia <= tolerance * previous)))
            {
                break;
            }

            previous = inertia;
        }

        return new Run(inertia, iteration);
    }

    /// <summary>Each row's nearest centroid, without updating anything.</summary>
    public static void Nearest(double[] x, int n, int d, double[] centroids, int k, int[] labels)
    {
        for (int i = 0; i < n; i++)
        {
            labels[i] = NearestOf(x.AsSpan(i * d, d), centroids, k, d, out _);
        }
    }

    private static int Draw(double[] weights, double total, Random rng)
    {
        double target = rng.NextDouble() * total, running = 0;
        int last = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            if (weights[i] > 0)
            {
                running += weights[i];
                last = i;
                if (running > target)
                {
                    return i;
                }
            }
        }

        return last;
    }

    private static void Assign(double[] x, int n, int d, double[] centroids, int k, int[] labels, Partial[] partial)
    {
        Parallel.For(0, partial.Length, chunk =>
        {
            var p = partial[chunk];
            p.Reset();
            int end = Math.Min(n, (chunk + 1) * ChunkRows);
            for (int i = chunk * ChunkRows; i < end; i++)
            {
                var row = x.AsSpan(i * d, d);
                int best = NearestOf(row, centroids, k, d, out double distance);
                if (labels[i] != best)
                {
                    labels[i] = best;
                    p.Changed++;
                }

                p.Inertia += distance;
                if (distance > p.Furthest.Distance)
                {
                    p.Furthest = (distance, i);
                }

                p.Counts[best]++;
                var sum = p.Sums.AsSpan(best * d, d);
                for (int j = 0; j < d; j++)
                {
                    sum[j] += row[j];
                }
            }
        });
    }

    private static int NearestOf(ReadOnlySpan<double> row, double[] centroids, int k, int d, out double distance)
    {
        int best = 0;
        distance = double.PositiveInfinity;
        for (int c = 0; c < k; c++)
        {
            double candidate = SquaredDistance(row, centroids.AsSpan(c * d, d));
            if (candidate < distance)
            {
                (best, distance) = (c, candidate);
            }
        }

        return best;
    }

    /// <summary>One chunk's contribution to an assignment pass.</summary>
    private sealed class Partial(int k, int d)
    {
        public double[] Sums { get; } = new double[k * d];

        public long[] Counts { get; } = new long[k];

        public double Inertia { get; set; }

        public long Changed { get; set; }

        public (double Distance, int Row) Furthest { get; set; }

        public void Reset()
        {
            Array.Clear(Sums);
            Array.Clear(Counts);
            Inertia = 0;
            Changed = 0;
            Furthest = (-1, -1);
        }
    }
}
