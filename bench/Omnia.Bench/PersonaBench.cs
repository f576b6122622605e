using System.Diagnostics;
using Omnia.Core.Personas;

namespace Omnia.Bench;

/// <summary>
/// <c>personas</c>: trains personas on planted Gaussian clusters with the real feature count (the fixed persona
/// features plus 8 categories) and reports the time of the full training (k search by silhouette plus the final
/// Lloyd run over all rows), the k search alone, the time with k given, the silhouettes and how well the planted
/// clusters come back.
/// </summary>
public static class PersonaBench
{
    public static int Run(BenchArgs args)
    {
        string[] known = ["rows", "planted", "seed", "min-k", "max-k"];
        if (args.Unknown(known).FirstOrDefault() is { } unknown)
        {
            Console.Error.WriteLine($"Unknown option --{unknown}. Options: {string.Join(", ", known.Select(k => "--" + k))}");
            return 2;
        }

        int rows = args.Int("rows", 1_000_000), planted = args.Int("planted", 6), seed = args.Int("seed", 7);
        var names = PersonaFeatures.Names([.. Enumerable.Range(1, 8).Select(i => $"Category {i}")]);
        Console.WriteLine($"# personas: {rows:N0} rows x {names.Count} features, {planted} planted clusters, seed {seed}");
        Console.WriteLine(Machine.Describe());

        var generate = Stopwatch.StartNew();
        var (data, truth) = Planted(rows, names.Count, planted, seed);
        Log($"generated in {generate.Elapsed.TotalSeconds:N1} s");

        var options = new PersonaOptions(MinK: args.Int("min-k", 2), MaxK: args.Int("max-k", 8), Seed: seed);
        GC.Collect();
        var cpu = CpuSeconds();
        var train = Stopwatch.StartNew();
        var model = PersonaTrainer.Train(data, names, options);
        double trainSeconds = train.Elapsed.TotalSeconds, trainCpu = CpuSeconds() - cpu;
        Log($"train (k search + final): {trainSeconds:N2} s wall, {trainCpu:N2} s CPU; chosen k {model.K}");
        Log("silhouettes: " + string.Join(", ", model.Silhouettes.Select(s => $"k={s.K} {s.Silhouette:N3}")));

        var fixedK = Stopwatch.StartNew();
        var fixedModel = PersonaTrainer.Train(data, names, options with { K = model.K });
        double fixedSeconds = fixedK.Elapsed.TotalSeconds;
        Log($"train with k={model.K} given (restarts on the sample + final): {fixedSeconds:N2} s; same model: {SameCentroids(model, fixedModel)}");

        // The k search runs on a sample of SearchSampleSize rows whatever the row count, so training on just that many
        // rows costs what the search costs (plus a negligible final run); the rest of the full training is the final Lloyd run.
        var searchRows = data.Take(options.SearchSampleSize).ToArray();
        var search = Stopwatch.StartNew();
        PersonaTrainer.Train(searchRows, names, options);
        double searchSeconds = search.Elapsed.TotalSeconds;
        Log($"k search alone (training on {searchRows.Length:N0} rows): {searchSeconds:N2} s");

        var found = new int[rows];
        var assign = Stopwatch.StartNew();
        for (int i = 0; i < rows; i++)
        {
            found[i] = model.Assign(data[i]);
        }

        double assignRate = rows / assign.Elapsed.TotalSeconds;
        var (purity, ari) = Agreement(truth, planted, found, model.K);
        Log($"recovered: purity {purity:P2}, adjusted Rand index {ari:N4}; assign {assignRate:N0} rows/s (one thread)");
        foreach (var cluster in model.Clusters)
        {
            Log($"  {cluster.Key} {cluster.Name}: {cluster.Share:P1}, top {string.Join(", ", cluster.DistinguishingFeatures.Take(3).Select(f => $"{f.Feature} {f.ZDifference:+0.0;-0.0}σ"))}");
        }

        Console.WriteLine();
        Console.WriteLine($"personas: {rows:N0} x {names.Count} trained in {trainSeconds:N1} s ({trainCpu:N1} s CPU, k search {searchSeconds:N1} s, "
            + $"k given {fixedSeconds:N1} s) on {Environment.ProcessorCount} cores; k={model.K} (planted {planted}), ARI {ari:N3}, purity {purity:P1}");
        return 0;
    }

    private const double MinSeparation = 6;

    /// <summary>
    /// Planted clusters of unequal size (weights 1..k): centres N(0, 1) per feature at least <see cref="MinSeparation"/>
    /// apart, unit noise, then each feature scaled and shifted.
    /// </summary>
    private static (double[][] Rows, int[] Truth) Planted(int rows, int features, int clusters, int seed)
    {
        var rng = new Random(seed);
        var centres = new double[clusters][];
        var weights = new double[clusters];
        for (int c = 0; c < clusters; c++)
        {
            // Redrawn until at least MinSeparation noise deviations from every other centre, so k is well defined.
            do
            {
                centres[c] = [.. Enumerable.Range(0, features).Select(_ => Gaussian(rng))];
            }
            while (centres.Take(c).Any(other => Math.Sqrt(other.Zip(centres[c]).Sum(p => (p.First - p.Second) * (p.First - p.Second))) < MinSeparation));

            weights[c] = 1 + c;
        }

        var scale = Enumerable.Range(0, features).Select(_ => Math.Exp(rng.NextDouble() * 6 - 3)).ToArray();
        var shift = Enumerable.Range(0, features).Select(_ => rng.NextDouble() * 100).ToArray();
        double total = weights.Sum();
        var data = new double[rows][];
        var truth = new int[rows];
        for (int i = 0; i < rows; i++)
        {
            double pick = rng.NextDouble() * total;
            int c = 0;
            while (c < clusters - 1 && (pick -= weights[c]) > 0)
            {
                c++;
            }

            truth[i] = c;
            var row = new double[features];
            for (int j = 0; j < features; j++)
            {
                row[j] = shift[j] + scale[j] * (centres[c][j] + Gaussian(rng));
            }

            data[i] = row;
        }

        return (data, truth);
    }

    private static double Gaussian(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    /// <summary>Purity (each found cluster counted as its majority planted cluster) and the adjusted Rand index.</summary>
    private static (double Purity, double Ari) Agreement(int[] truth, int planted, int[] found, int k)
    {
        var table = new long[planted, k];
        for (int i = 0; i < truth.Length; i++)
        {
            table[truth[i], found[i]]++;
        }

        static double Pairs(double x) => x * (x - 1) / 2;
        double index = 0, rowPairs = 0, columnPairs = 0, majority = 0;
        for (int c = 0; c < k; c++)
        {
            long column = 0, best = 0;
            for (int t = 0; t < planted; t++)
            {
                index += Pairs(table[t, c]);
                column += table[t, c];
                best = Math.Max(best, table[t, c]);
            }

            columnPairs += Pairs(column);
            majority += best;
        }

        for (int t = 0; t < planted; t++)
        {
            long row = 0;
            for (int c = 0; c < k; c++)
            {
                row += table[t, c];
            }

            rowPairs += Pairs(row);
        }

        double expected = rowPairs * columnPairs / Pairs(truth.Length), maximum = (rowPairs + columnPairs) / 2;
        return (majority / truth.Length, maximum == expected ? 1 : (index - expected) / (maximum - expected));
    }

    private static bool SameCentroids(PersonaModel a, PersonaModel b) =>
        a.K == b.K && a.Centroids.Zip(b.Centroids).All(p => p.First.Zip(p.Second).All(x => Math.Abs(x.First - x.Second) < 1e-6));

    private static double CpuSeconds() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    private static void Log(string message) => Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");
}
