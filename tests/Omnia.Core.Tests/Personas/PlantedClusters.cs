namespace Omnia.Core.Tests.Personas;

/// <summary>Gaussian clusters planted in generated rows, and how well a clustering finds them again.</summary>
internal static class PlantedClusters
{
    /// <summary>
    /// <paramref name="rows"/> rows of <paramref name="features"/> features around <paramref name="clusters"/> centres
    /// (cluster c of size proportional to c + 1) with unit noise, centres drawn in [−4, 4] per feature until every
    /// pair is at least <paramref name="separation"/> noise deviations apart, each feature then scaled and shifted
    /// so standardisation matters.
    /// </summary>
    public static (double[][] Rows, int[] Truth) Generate(int rows, int features, int clusters, int seed, double separation = 7)
    {
        var rng = new Random(seed);
        var centres = new double[clusters][];
        for (int c = 0; c < clusters; c++)
        {
            do
            {
                centres[c] = [.. Enumerable.Range(0, features).Select(_ => (rng.NextDouble() * 2 - 1) * 4)];
            }
            while (Enumerable.Range(0, c).Any(other => Distance(centres[c], centres[other]) < separation));
        }

        var scale = Enumerable.Range(0, features).Select(_ => Math.Exp(rng.NextDouble() * 4 - 2)).ToArray();
        var shift = Enumerable.Range(0, features).Select(_ => rng.NextDouble() * 50).ToArray();
        double total = clusters * (clusters + 1) / 2.0;
        var data = new double[rows][];
        var truth = new int[rows];
        for (int i = 0; i < rows; i++)
        {
            double pick = rng.NextDouble() * total;
            int c = 0;
            while (c < clusters - 1 && (pick -= c + 1) > 0)
            {
                c++;
            }

            truth[i] = c;
            data[i] = [.. Enumerable.Range(0, features).Select(j => shift[j] + scale[j] * (centres[c][j] + Gaussian(rng)))];
        }

        return (data, truth);
    }

    private static double Distance(double[] a, double[] b) => Math.Sqrt(a.Zip(b).Sum(p => (p.First - p.Second) * (p.First - p.Second)));

    public static double Gaussian(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    /// <summary>The adjusted Rand index of two labellings: 1 identical up to renaming, about 0 for chance.</summary>
    public static double AdjustedRandIndex(IReadOnlyList<int> a, IReadOnlyList<int> b)
    {
        var table = new Dictionary<(int, int), long>();
        var rowsOf = new Dictionary<int, long>();
        var columnsOf = new Dictionary<int, long>();
        for (int i = 0; i < a.Count; i++)
        {
            table[(a[i], b[i])] = table.GetValueOrDefault((a[i], b[i])) + 1;
            rowsOf[a[i]] = rowsOf.GetValueOrDefault(a[i]) + 1;
            columnsOf[b[i]] = columnsOf.GetValueOrDefault(b[i]) + 1;
        }

        static double Pairs(double x) => x * (x - 1) / 2;
        double index = table.Values.Sum(v => Pairs(v));
        double rowPairs = rowsOf.Values.Sum(v => Pairs(v)), columnPairs = columnsOf.Values.Sum(v => Pairs(v));
        double expected = rowPairs * columnPairs / Pairs(a.Count), maximum = (rowPairs + columnPairs) / 2;
        return maximum == expected ? 1 : (index - expected) / (maximum - expected);
    }
}
