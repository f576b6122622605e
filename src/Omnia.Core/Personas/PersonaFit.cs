namespace Omnia.Core.Personas;

/// <summary>
/// The raw outcome of clustering, before description: clusters are already ordered by size (largest first),
/// so <see cref="Labels"/> and <see cref="Centroids"/> use the final persona indices.
/// </summary>
internal sealed record PersonaFit(
    StandardisedRows Data,
    int K,
    double[] Centroids,
    int[] Labels,
    long[] Sizes,
    double Inertia,
    IReadOnlyList<PersonaSilhouette> Silhouettes,
    int Seed);
