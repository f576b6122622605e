namespace Omnia.Core.Audiences;

/// <summary>
/// How many profiles a draft segment would hold, from evaluating a uniform random sample of the workspace's
/// profiles: <see cref="Estimate"/> with a 95% interval [<see cref="Low"/>, <see cref="High"/>] (normal
/// approximation with the finite-population correction, widened to the Wilson interval when few or nearly all
/// sampled profiles match). <see cref="IsExact"/> when every profile was evaluated.
/// </summary>
public sealed record SizeEstimate(long Estimate, long Low, long High, int Sampled, int Matched, long Population, bool IsExact)
{
    private const double Z = 1.959964;

    /// <summary>The estimate from <paramref name="matched"/> of <paramref name="sampled"/> profiles drawn from <paramref name="population"/>.</summary>
    public static SizeEstimate FromSample(int matched, int sampled, long population)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(matched);
        ArgumentOutOfRangeException.ThrowIfLessThan(sampled, matched);
        ArgumentOutOfRangeException.ThrowIfLessThan(population, (long)sampled);
        if (sampled == population)
        {
            return new SizeEstimate(matched, matched, matched, sampled, matched, population, IsExact: true);
        }

        double n = sampled;
        double p = matched / n;
        double correction = population > 1 ? Math.Sqrt((population - n) / (population - 1)) : 0;
        // Wilson score interval: stays inside [0, 1] and is honest when nothing (or everything) matched.
        double denominator = 1 + Z * Z / n;
        double centre = (p + Z * Z / (2 * n)) / denominator;
        double half = Z * Math.Sqrt(p * (1 - p) / n + Z * Z / (4 * n * n)) / denominator * correction;
        long low = Math.Max(matched, (long)Math.Floor(Math.Max(0, centre - half) * population));
        long high = Math.Min(population - (sampled - matched), (long)Math.Ceiling(Math.Min(1, centre + half) * population));
        long estimate = (long)Math.Round(p * population);
        return new SizeEstimate(Math.Clamp(estimate, low, high), low, high, sampled, matched, population, IsExact: false);
    }
}
