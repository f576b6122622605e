namespace Omnia.Core.Personas;

/// <summary>
/// A trained set of personas: the standardisation, the centroids and a description per persona. Plain data
/// that round-trips through System.Text.Json; <see cref="Assign(double[])"/> places a new person.
/// </summary>
/// <param name="FeatureNames">The features, in the order rows are given.</param>
/// <param name="Categories">The product categories behind the category-affinity features (empty when trained from raw rows).</param>
/// <param name="Means">Per feature, the mean over the training rows (missing values excluded); also the value a missing value is imputed with.</param>
/// <param name="StandardDeviations">Per feature, the population standard deviation; 0 for a constant feature, which then never separates anyone.</param>
/// <param name="Weights">Per feature, the factor its z-score is multiplied by before distances are measured.</param>
/// <param name="Centroids">Per persona (indexed like <see cref="Clusters"/>), its centre in weighted standardised space (z-score × weight).</param>
/// <param name="K">The number of personas.</param>
/// <param name="Seed">The seed the model was trained with.</param>
/// <param name="RowCount">How many rows it was trained on.</param>
/// <param name="Inertia">Sum of squared standardised distances from each row to its centroid.</param>
/// <param name="Silhouettes">The silhouette of every k tried, ascending k (one entry when k was given).</param>
/// <param name="Clusters">The personas, largest first.</param>
public sealed record PersonaModel(
    IReadOnlyList<string> FeatureNames,
    IReadOnlyList<string> Categories,
    double[] Means,
    double[] StandardDeviations,
    double[] Weights,
    double[][] Centroids,
    int K,
    int Seed,
    long RowCount,
    double Inertia,
    IReadOnlyList<PersonaSilhouette> Silhouettes,
    IReadOnlyList<PersonaCluster> Clusters)
{
    /// <summary>
    /// The persona (index into <see cref="Clusters"/>) whose centroid is nearest to <paramref name="features"/>
    /// once standardised with <see cref="Means"/>, <see cref="StandardDeviations"/> and <see cref="Weights"/>, as in
    /// training: NaN counts as average and z-scores are clipped to ±4.
    /// </summary>
    /// <exception cref="ArgumentException">The row does not have one value per feature.</exception>
    public int Assign(double[] features)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (features.Length != Means.Length)
        {
            throw new ArgumentException($"Expected {Means.Length} feature values, got {features.Length}.", nameof(features));
        }

        Span<double> z = features.Length <= 256 ? stackalloc double[features.Length] : new double[features.Length];
        for (int j = 0; j < z.Length; j++)
        {
            z[j] = StandardisedRows.Z(features[j], Means[j], StandardDeviations[j]) * Weights[j];
        }

        int best = 0;
        double bestDistance = double.PositiveInfinity;
        for (int c = 0; c < Centroids.Length; c++)
        {
            double distance = KMeans.SquaredDistance(z, Centroids[c]);
            if (distance < bestDistance)
            {
                (best, bestDistance) = (c, distance);
            }
        }

        return best;
    }

    /// <summary>The persona of one person, with features extracted as in training (<see cref="PersonaFeatures.Extract"/>).</summary>
    public int Assign(PersonaInput input, DateTimeOffset now) => Assign(PersonaFeatures.Extract(input, now, Categories));
}
