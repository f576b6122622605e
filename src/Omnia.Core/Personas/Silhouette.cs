namespace Omnia.Core.Personas;

/// <summary>
/// The mean silhouette of a labelling of a few thousand rows: for each row, (b − a) / max(a, b), where a is its
/// mean distance to the rest of its cluster and b the mean distance to the nearest other cluster. The pairwise
/// distances are computed once and shared by every k tried.
/// </summary>
internal sealed class Silhouette
{
    private readonly double[] _distances;
    private readonly int _count;

    public Silhouette(double[] x, int count, int d)
    {
        _count = count;
        _distances = new double[count * count];
        Parallel.For(0, count, i =>
        {
            var row = x.AsSpan(i * d, d);
            for (int j = 0; j < count; j++)
            {
                _distances[i * count + j] = i == j ? 0 : Math.Sqrt(KMeans.SquaredDistance(row, x.AsSpan(j * d, d)));
            }
        });
    }

    /// <summary>The mean silhouette of <paramref name="labels"/> (one per row, in [0, k)); a singleton scores 0.</summary>
    public double Mean(int[] labels, int k)
    {
        var sizes = new int[k];
        for (int i = 0; i < _count; i++)
        {
            sizes[labels[i]]++;
        }

        var scores = new double[_count];
        Parallel.For(0, _count, () => new double[k], (i, _, sums) =>
        {
            Array.Clear(sums);
            var row = _distances.AsSpan(i * _count, _count);
            for (int j = 0; j < row.Length; j++)
            {
                sums[labels[j]] += row[j];
            }

            int own = labels[i];
            if (sizes[own] > 1)
            {
                double a = sums[own] / (sizes[own] - 1), b = double.PositiveInfinity;
                for (int c = 0; c < k; c++)
                {
                    if (c != own && sizes[c] > 0)
                    {
                        b = Math.Min(b, sums[c] / sizes[c]);
                    }
                }

                double spread = Math.Max(a, b);
                scores[i] = double.IsFinite(b) && spread > 0 ? (b - a) / spread : 0;
            }

            return sums;
        }, _ => { });

        double total = 0;
        foreach (var score in scores)
        {
            total += score;
        }

        return _count == 0 ? 0 : total / _count;
    }
}
