namespace Omnia.Core.Personas;

/// <summary>How <see cref="PersonaTrainer"/> searches for personas. The defaults suit anything from a few hundred to millions of people.</summary>
/// <param name="K">A fixed number of personas; null lets the silhouette choose between <paramref name="MinK"/> and <paramref name="MaxK"/>.</param>
/// <param name="MinK">Smallest number of personas tried (at least 2).</param>
/// <param name="MaxK">Largest number of personas tried.</param>
/// <param name="Seed">Same rows, same options, same seed: the same model.</param>
/// <param name="Restarts">k-means++ starts per k, each run on <paramref name="RestartSampleSize"/> rows; the one with the
/// lowest inertia wins and is refined on the search sample.</param>
/// <param name="MaxIterations">Cap on Lloyd iterations per run.</param>
/// <param name="Tolerance">A run stops when an iteration lowers the inertia by less than this fraction.</param>
/// <param name="SearchSampleSize">Rows (a seeded random sample) the k search and restarts run on; the chosen
/// centroids are then refined on all rows.</param>
/// <param name="RestartSampleSize">Rows (a seeded random sample of the search sample) each restart runs on.</param>
/// <param name="SilhouetteSampleSize">Rows (a seeded random sample of the search sample) the silhouette is measured on; time and memory grow with its square (at most 10,000).</param>
/// <param name="Categories">Product categories to compute affinities for; null takes the <paramref name="MaxCategories"/>
/// categories with most events across the inputs.</param>
/// <param name="MaxCategories">How many categories to pick when <paramref name="Categories"/> is null.</param>
/// <param name="TopFeatures">Distinguishing features listed per persona.</param>
/// <param name="TopChannels">Typical channels listed per persona.</param>
public sealed record PersonaOptions(
    int? K = null,
    int MinK = 2,
    int MaxK = 8,
    int Seed = 1,
    int Restarts = 20,
    int MaxIterations = 100,
    double Tolerance = 1e-4,
    int SearchSampleSize = 20_000,
    int RestartSampleSize = 5_000,
    int SilhouetteSampleSize = 2_000,
    IReadOnlyList<string>? Categories = null,
    int MaxCategories = 8,
    int TopFeatures = 5,
    int TopChannels = 3)
{
    /// <summary>The defaults.</summary>
    public static PersonaOptions Default { get; } = new();
}
