namespace Omnia.Core.Personas;

/// <summary>
/// Feature rows as weighted z-scores in one flat row-major array: (value − mean) / deviation, clipped to
/// ±<see cref="ZLimit"/>, × weight. Means skip missing (NaN) values; a missing value becomes 0 (the mean), and a
/// constant column stays 0 everywhere so it never separates anyone.
/// </summary>
internal sealed class StandardisedRows
{
    /// <summary>
    /// z-scores are clipped here so a handful of extreme people (a dozen store-only buyers at 10σ) pull
    /// a centroid no harder than any clearly unusual person, instead of claiming a persona of their own.
    /// </summary>
    public const double ZLimit = 4;

    private StandardisedRows(double[] values, int count, int dimensions, double[] means, double[] deviations, double[] weights)
    {
        (Values, Count, Dimensions, Means, StandardDeviations, Weights) = (values, count, dimensions, means, deviations, weights);
    }

    public double[] Values { get; }

    public int Count { get; }

    public int Dimensions { get; }

    public double[] Means { get; }

    public double[] StandardDeviations { get; }

    public double[] Weights { get; }

    /// <exception cref="ArgumentException">A row has the wrong length or an infinite value.</exception>
    public static StandardisedRows Create(IReadOnlyList<double[]> rows, double[] weights)
    {
        int dimensions = weights.Length;
        int n = rows.Count, d = dimensions;
        var sums = new double[d];
        var known = new long[d];
        for (int i = 0; i < n; i++)
        {
            var row = rows[i] ?? throw new ArgumentException($"Row {i} is null.", nameof(rows));
            if (row.Length != d)
            {
                throw new ArgumentException($"Row {i} has {row.Length} values; expected one per feature ({d}).", nameof(rows));
            }

            for (int j = 0; j < d; j++)
            {
                double v = row[j];
                if (double.IsInfinity(v))
                {
                    throw new ArgumentException($"Row {i} has an infinite value for feature {j}.", nameof(rows));
                }

                if (!double.IsNaN(v))
                {
                    sums[j] += v;
                    known[j]++;
                }
            }
        }

        var means = new double[d];
        for (int j = 0; j < d; j++)
        {
            means[j] = known[j] > 0 ? sums[j] / known[j] : 0;
        }

        var squares = new double[d];
        for (int i = 0; i < n; i++)
        {
            var row = rows[i];
            for (int j = 0; j < d; j++)
            {
                double v = double.IsNaN(row[j]) ? 0 : row[j] - means[j];
                squares[j] += v * v;
            }
        }

        var deviations = new double[d];
        for (int j = 0; j < d; j++)
        {
            double sd = n > 0 ? Math.Sqrt(squares[j] / n) : 0;
            // Differences at rounding level are noise, not variance: a constant column must stay constant.
            deviations[j] = sd > 1e-12 * Math.Max(1, Math.Abs(means[j])) ? sd : 0;
        }

        var values = new double[(long)n * d];
        Parallel.For(0, (n + 4095) / 4096, chunk =>
        {
            int end = Math.Min(n, (chunk + 1) * 4096);
            for (int i = chunk * 4096; i < end; i++)
            {
                var row = rows[i];
                for (int j = 0; j < d; j++)
                {
                    values[(long)i * d + j] = Z(row[j], means[j], deviations[j]) * weights[j];
                }
            }
        });

        return new StandardisedRows(values, n, d, means, deviations, weights);
    }

    /// <summary>The clipped z-score of one value; 0 when missing or the column is constant.</summary>
    public static double Z(double value, double mean, double deviation) =>
        deviation > 0 && !double.IsNaN(value) ? Math.Clamp((value - mean) / deviation, -ZLimit, ZLimit) : 0;

    /// <summary>The rows at <paramref name="indices"/>, copied into a new flat array.</summary>
    public double[] Take(int[] indices)
    {
        var taken = new double[indices.Length * Dimensions];
        for (int i = 0; i < indices.Length; i++)
        {
            Array.Copy(Values, (long)indices[i] * Dimensions, taken, (long)i * Dimensions, Dimensions);
        }

        return taken;
    }

    /// <summary>
    /// <paramref name="size"/> distinct row indices drawn with <paramref name="rng"/> (a partial Fisher–Yates
    /// shuffle), in ascending order; every index when there are no more rows than that.
    /// </summary>
    public static int[] Sample(int count, int size, Random rng)
    {
        var all = new int[count];
        for (int i = 0; i < count; i++)
        {
            all[i] = i;
        }

        if (size >= count)
        {
            return all;
        }

        for (int i = 0; i < size; i++)
        {
            int j = rng.Next(i, count);
            (all[i], all[j]) = (all[j], all[i]);
        }

        var sample = all[..size];
        Array.Sort(sample);
        return sample;
    }
}
