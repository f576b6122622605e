namespace Omnia.Core.Personas;

/// <summary>
/// Finds personas in people's behaviour with k-means on standardised features. The number of personas is
/// chosen by the best mean silhouette over <see cref="PersonaOptions.MinK"/>..<see cref="PersonaOptions.MaxK"/>
/// unless given. The k search and restarts run on a seeded sample; the chosen centroids are then refined with
/// Lloyd iterations over all rows, so a million people train in seconds. Deterministic for a seed.
/// </summary>
public static class PersonaTrainer
{
    private const int MaxSilhouetteSample = 10_000;

    /// <summary>
    /// Extracts <see cref="PersonaFeatures"/> from each input (measured at <paramref name="now"/>), trains, and
    /// describes each persona with its revenue, typical channels and typical journey.
    /// </summary>
    /// <exception cref="ArgumentException">Too few inputs for the personas asked for, or nothing tells them apart.</exception>
    public static PersonaModel Train(IReadOnlyList<PersonaInput> inputs, DateTimeOffset now, PersonaOptions options)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(options);
        var categories = options.Categories ?? TopCategories(inputs, options.MaxCategories);
        var rows = new double[inputs.Count][];
        for (int i = 0; i < rows.Length; i++)
        {
            rows[i] = PersonaFeatures.Extract(inputs[i], now, categories);
        }

        var names = PersonaFeatures.Names(categories);
        return PersonaDescriber.Describe(Fit(rows, names, PersonaFeatures.Weights(categories), options), rows, names, categories, inputs, options);
    }

    /// <summary>
    /// Trains on ready-made feature rows (one value per name; NaN for missing, imputed with the column mean).
    /// Personas are described from the features alone: revenue, channels and journeys are left empty.
    /// </summary>
    /// <param name="weights">Per feature, how much it counts in distances once standardised (default 1 each; 0 ignores it).</param>
    /// <exception cref="ArgumentException">Rows of the wrong length or with infinite values, too few rows for
    /// the personas asked for, or every feature constant.</exception>
    public static PersonaModel Train(IReadOnlyList<double[]> rows, IReadOnlyList<string> featureNames, PersonaOptions options,
        IReadOnlyList<double>? weights = null)
    {
        ArgumentNullException.ThrowIfNull(featureNames);
        var w = weights?.ToArray() ?? [.. Enumerable.Repeat(1.0, featureNames.Count)];
        if (w.Length != featureNames.Count || !Array.TrueForAll(w, x => x >= 0 && double.IsFinite(x)))
        {
            throw new ArgumentException("Weights need one finite, non-negative value per feature.", nameof(weights));
        }

        return PersonaDescriber.Describe(Fit(rows, featureNames, w, options), rows, featureNames, [], inputs: null, options);
    }

    /// <summary>The <paramref name="max"/> categories with most events across the inputs (ties by name).</summary>
    internal static IReadOnlyList<string> TopCategories(IReadOnlyList<PersonaInput> inputs, int max)
    {
        var totals = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var input in inputs)
        {
            foreach (var (category, count) in input.CategoryCounts)
            {
                if (count > 0)
                {
                    totals[category] = totals.GetValueOrDefault(category) + count;
                }
            }
        }

        return [.. totals.OrderByDescending(t => t.Value).ThenBy(t => t.Key, StringComparer.Ordinal).Take(Math.Max(0, max)).Select(t => t.Key)];
    }

    internal static PersonaFit Fit(IReadOnlyList<double[]> rows, IReadOnlyList<string> featureNames, double[] weights, PersonaOptions options)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(featureNames);
        ArgumentNullException.ThrowIfNull(options);
        var (minK, maxK) = KRange(rows.Count, featureNames.Count, options);
        int n = rows.Count, d = featureNames.Count;
        var data = StandardisedRows.Create(rows, weights);
        if (Enumerable.Range(0, d).All(j => data.StandardDeviations[j] == 0 || weights[j] == 0))
        {
            throw new ArgumentException("Every feature has the same value in every row (zero variance): nothing tells personas apart.", nameof(rows));
        }

        var rng = new Random(options.Seed);
        var searchRows = StandardisedRows.Sample(n, options.SearchSampleSize, rng);
        var search = searchRows.Length == n ? data.Values : data.Take(searchRows);
        var silhouetteSample = Subsample(search, searchRows.Length, d, options.SilhouetteSampleSize, rng, out int silhouetteCount);
        var restartSample = Subsample(search, searchRows.Length, d, options.RestartSampleSize, rng, out int restartCount);

        var silhouette = maxK >= 2 ? new Silhouette(silhouetteSample, silhouetteCount, d) : null;
        var silhouetteLabels = new int[silhouetteCount];
        var searchLabels = new int[searchRows.Length];
        var restartLabels = new int[restartCount];
        var silhouettes = new List<PersonaSilhouette>();
        (int K, double[] Centroids, double Score)? chosen = null;
        for (int k = minK; k <= maxK; k++)
        {
            var centroids = BestOfRestarts(restartSample, restartCount, d, k, options, rng, restartLabels);
            if (centroids is null)
            {
                if (options.K is not null || chosen is null)
                {
                    throw new ArgumentException($"The rows have fewer than {k} distinct points: they cannot make {k} personas.", nameof(rows));
                }

                break;
            }

            KMeans.Lloyd(search, searchRows.Length, d, centroids, k, options.MaxIterations, options.Tolerance, searchLabels);
            double score = 0;
            if (silhouette is not null && k >= 2)
            {
                KMeans.Nearest(silhouetteSample, silhouetteCount, d, centroids, k, silhouetteLabels);
                score = silhouette.Mean(silhouetteLabels, k);
                silhouettes.Add(new PersonaSilhouette(k, score));
            }

            if (chosen is null || score > chosen.Value.Score)
            {
                chosen = (k, centroids, score);
            }
        }

        var (bestK, final, _) = chosen!.Value;
        var labels = new int[n];
        var run = KMeans.Lloyd(data.Values, n, d, final, bestK, options.MaxIterations, options.Tolerance, labels);
        return BySize(data, bestK, final, labels, run.Inertia, silhouettes, options.Seed);
    }

    private static (int Min, int Max) KRange(int rows, int features, PersonaOptions options)
    {
        if (features == 0)
        {
            throw new ArgumentException("At least one feature is needed.", nameof(features));
        }

        if (options.Restarts < 1 || options.MaxIterations < 1 || options.SearchSampleSize < 1 || options.RestartSampleSize < 1 || options.SilhouetteSampleSize < 1
            || !(options.Tolerance >= 0))
        {
            throw new ArgumentException("Restarts, MaxIterations and sample sizes must be at least 1, Tolerance at least 0.", nameof(options));
        }

        if (options.SilhouetteSampleSize > MaxSilhouetteSample)
        {
            // The silhouette keeps every pairwise distance of its sample: 10,000 rows already take 800 MB.
            throw new ArgumentException($"SilhouetteSampleSize can be at most {MaxSilhouetteSample:N0}; got {options.SilhouetteSampleSize:N0}.", nameof(options));
        }

        if (options.K is { } k)
        {
            if (k < 1)
            {
                throw new ArgumentException($"K must be at least 1; got {k}.", nameof(options));
            }

            return rows < k
                ? throw new ArgumentException($"{rows} rows cannot make {k} personas: there must be at least as many rows as personas (k).", nameof(rows))
                : (k, k);
        }

        if (options.MinK < 2 || options.MaxK < options.MinK)
        {
            throw new ArgumentException($"Need 2 ≤ MinK ≤ MaxK; got MinK {options.MinK}, MaxK {options.MaxK}.", nameof(options));
        }

        // The silhouette needs at least one row more than clusters.
        int max = Math.Min(options.MaxK, rows - 1);
        return max < options.MinK
            ? throw new ArgumentException($"{rows} rows are too few to choose between {options.MinK} and {options.MaxK} personas: need more rows than k (at least {options.MinK + 1}).", nameof(rows))
            : (options.MinK, max);
    }

    /// <summary>A seeded random subsample of the flat rows <paramref name="x"/> (all of them when there are no more than <paramref name="size"/>).</summary>
    private static double[] Subsample(double[] x, int n, int d, int size, Random rng, out int count)
    {
        var rows = StandardisedRows.Sample(n, size, rng);
        count = rows.Length;
        if (count == n)
        {
            return x;
        }

        var sample = new double[count * d];
        for (int i = 0; i < count; i++)
        {
            Array.Copy(x, rows[i] * d, sample, i * d, d);
        }

        return sample;
    }

    /// <summary>
    /// The lowest-inertia result of <see cref="PersonaOptions.Restarts"/> k-means++ starts run to convergence on a small
    /// sample; cheap restarts are what make k-means reliable when clusters sit close together in many dimensions.
    /// </summary>
    private static double[]? BestOfRestarts(double[] x, int n, int d, int k, PersonaOptions options, Random rng, int[] labels)
    {
        double[]? best = null;
        double bestInertia = double.PositiveInfinity;
        for (int r = 0; r < options.Restarts; r++)
        {
            var centroids = KMeans.Seed(x, n, d, k, rng);
            if (centroids is null)
            {
                return null;
            }

            var run = KMeans.Lloyd(x, n, d, centroids, k, options.MaxIterations, options.Tolerance, labels);
            if (run.Inertia < bestInertia)
            {
                (best, bestInertia) = (centroids, run.Inertia);
            }
        }

        return best;
    }

    /// <summary>Renumbers clusters largest first (ties keep their order), so "p1" is always the biggest persona.</summary>
    private static PersonaFit BySize(StandardisedRows data, int k, double[] centroids, int[] labels, double inertia, IReadOnlyList<PersonaSilhouette> silhouettes, int seed)
    {
        int d = data.Dimensions;
        var counts = new long[k];
        foreach (var label in labels)
        {
            counts[label]++;
        }

        var order = Enumerable.Range(0, k).OrderByDescending(c => counts[c]).ThenBy(c => c).ToArray();
        var rank = new int[k];
        var sorted = new double[k * d];
        var sizes = new long[k];
        for (int i = 0; i < k; i++)
        {
            rank[order[i]] = i;
            sizes[i] = counts[order[i]];
            Array.Copy(centroids, order[i] * d, sorted, i * d, d);
        }

        for (int i = 0; i < labels.Length; i++)
        {
            labels[i] = rank[labels[i]];
        }

        return new PersonaFit(data, k, sorted, labels, sizes, inertia, silhouettes, seed);
    }
}
