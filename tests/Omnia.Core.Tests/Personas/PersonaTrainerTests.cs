using System.Text.Json;
using Omnia.Core.Personas;

namespace Omnia.Core.Tests.Personas;

public sealed class PersonaTrainerTests
{
    private static readonly string[] Names = ["A", "B", "C", "D", "E", "F", "G", "H"];

    [Fact]
    public void Planted_gaussian_clusters_are_recovered()
    {
        var (rows, truth) = PlantedClusters.Generate(5_000, Names.Length, clusters: 4, seed: 11);

        var model = PersonaTrainer.Train(rows, Names, new PersonaOptions(K: 4, Seed: 3));

        var found = rows.Select(model.Assign).ToArray();
        Assert.True(PlantedClusters.AdjustedRandIndex(truth, found) >= 0.9, $"ARI {PlantedClusters.AdjustedRandIndex(truth, found):N3}");
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Silhouette_picks_the_planted_number_of_clusters(int planted)
    {
        var (rows, truth) = PlantedClusters.Generate(2_000, Names.Length, planted, seed: 20 + planted);

        var model = PersonaTrainer.Train(rows, Names, new PersonaOptions(Seed: 5));

        Assert.Equal(planted, model.K);
        Assert.Equal([2, 3, 4, 5, 6, 7, 8], model.Silhouettes.Select(s => s.K));
        Assert.Equal(model.Silhouettes.Max(s => s.Silhouette), model.Silhouettes.Single(s => s.K == planted).Silhouette);
        Assert.True(PlantedClusters.AdjustedRandIndex(truth, rows.Select(model.Assign).ToArray()) >= 0.9);
    }

    [Fact]
    public void The_k_search_runs_on_a_sample_and_still_finds_the_planted_clusters_in_all_rows()
    {
        var (rows, truth) = PlantedClusters.Generate(30_000, Names.Length, clusters: 5, seed: 8);

        var model = PersonaTrainer.Train(rows, Names, new PersonaOptions(Seed: 2, SearchSampleSize: 3_000, SilhouetteSampleSize: 500));

        Assert.Equal(5, model.K);
        Assert.Equal(30_000, model.RowCount);
        Assert.Equal(30_000, model.Clusters.Sum(c => c.Size));
        Assert.True(PlantedClusters.AdjustedRandIndex(truth, rows.Select(model.Assign).ToArray()) >= 0.9);
    }

    [Fact]
    public void Same_seed_gives_the_same_model()
    {
        var (rows, _) = PlantedClusters.Generate(2_000, Names.Length, clusters: 4, seed: 1, separation: 1.5);
        var options = new PersonaOptions(Seed: 9, SearchSampleSize: 1_000);

        var first = JsonSerializer.Serialize(PersonaTrainer.Train(rows, Names, options));
        var second = JsonSerializer.Serialize(PersonaTrainer.Train(rows, Names, options));

        Assert.Equal(first, second);
    }

    [Fact]
    public void A_given_k_is_respected()
    {
        var (rows, _) = PlantedClusters.Generate(2_000, Names.Length, clusters: 5, seed: 4);

        var model = PersonaTrainer.Train(rows, Names, new PersonaOptions(K: 3));

        Assert.Equal(3, model.K);
        Assert.Equal(3, model.Clusters.Count);
        Assert.Equal(3, model.Centroids.Length);
        Assert.Equal(3, model.Silhouettes.Single().K);
    }

    [Fact]
    public void Personas_are_keyed_p1_to_pk_largest_first_and_shares_add_up()
    {
        var (rows, _) = PlantedClusters.Generate(3_000, Names.Length, clusters: 4, seed: 6);

        var model = PersonaTrainer.Train(rows, Names, new PersonaOptions(K: 4));

        Assert.Equal(["p1", "p2", "p3", "p4"], model.Clusters.Select(c => c.Key));
        Assert.Equal([0, 1, 2, 3], model.Clusters.Select(c => c.Index));
        Assert.Equal(model.Clusters.Select(c => c.Size).OrderDescending(), model.Clusters.Select(c => c.Size));
        Assert.Equal(1, model.Clusters.Sum(c => c.Share), 9);
        Assert.Equal(model.Clusters.Count, model.Clusters.Select(c => c.Name).Distinct().Count());
    }

    [Fact]
    public void Fewer_rows_than_k_is_an_argument_exception()
    {
        double[][] rows = [[1, 2], [3, 4]];

        var error = Assert.Throws<ArgumentException>(() => PersonaTrainer.Train(rows, ["x", "y"], new PersonaOptions(K: 3)));

        Assert.Contains("2 rows cannot make 3 personas", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_single_row_is_too_few_to_choose_k()
    {
        var error = Assert.Throws<ArgumentException>(() => PersonaTrainer.Train([[1.0, 2.0]], ["x", "y"], PersonaOptions.Default));

        Assert.Contains("too few", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rows_that_are_all_the_same_are_an_argument_exception()
    {
        var rows = Enumerable.Repeat(new[] { 1.0, 5.0, 0.0 }, 50).ToArray();

        var error = Assert.Throws<ArgumentException>(() => PersonaTrainer.Train(rows, ["x", "y", "z"], PersonaOptions.Default));

        Assert.Contains("zero variance", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fewer_distinct_rows_than_k_is_an_argument_exception()
    {
        double[][] rows = [.. Enumerable.Range(0, 30).Select(i => new[] { i % 2 * 10.0, 1.0 })];

        var error = Assert.Throws<ArgumentException>(() => PersonaTrainer.Train(rows, ["x", "y"], new PersonaOptions(K: 3)));

        Assert.Contains("fewer than 3 distinct", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_k_search_stops_at_the_number_of_distinct_rows()
    {
        double[][] rows = [.. Enumerable.Range(0, 30).Select(i => new[] { i % 3 * 10.0, 1.0 })];

        var model = PersonaTrainer.Train(rows, ["x", "y"], PersonaOptions.Default);

        Assert.Equal(3, model.K);
        Assert.Equal([2, 3], model.Silhouettes.Select(s => s.K));
    }

    [Fact]
    public void A_row_of_the_wrong_length_is_an_argument_exception()
    {
        double[][] rows = [[1, 2], [3, 4], [5]];

        var error = Assert.Throws<ArgumentException>(() => PersonaTrainer.Train(rows, ["x", "y"], new PersonaOptions(K: 2)));

        Assert.Contains("Row 2 has 1 values", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_constant_feature_stays_at_zero_and_does_not_stop_training()
    {
        var (planted, truth) = PlantedClusters.Generate(1_000, 3, clusters: 2, seed: 2, separation: 6);
        var rows = planted.Select(r => new[] { r[0], 7.0, r[1], r[2] }).ToArray();

        var model = PersonaTrainer.Train(rows, ["a", "constant", "b", "c"], new PersonaOptions(K: 2));

        Assert.Equal(0, model.StandardDeviations[1]);
        Assert.Equal(7, model.Means[1]);
        Assert.All(model.Centroids, centroid => Assert.Equal(0, centroid[1]));
        Assert.DoesNotContain(model.Clusters.SelectMany(c => c.DistinguishingFeatures), f => f.Feature == "constant");
        Assert.True(PlantedClusters.AdjustedRandIndex(truth, rows.Select(model.Assign).ToArray()) >= 0.9);
    }

    [Fact]
    public void A_feature_with_zero_weight_does_not_separate_anyone_but_is_still_described()
    {
        var (planted, truth) = PlantedClusters.Generate(1_500, 3, clusters: 3, seed: 5, separation: 6);
        var noise = new Random(1);
        var rows = planted.Select(r => new[] { r[0], r[1], r[2], noise.NextDouble() < 0.5 ? 0.0 : 100.0 }).ToArray();

        var model = PersonaTrainer.Train(rows, ["a", "b", "c", "coin"], new PersonaOptions(K: 3), weights: [1, 1, 1, 0]);

        Assert.All(model.Centroids, centroid => Assert.Equal(0, centroid[3]));
        Assert.True(PlantedClusters.AdjustedRandIndex(truth, rows.Select(model.Assign).ToArray()) >= 0.9);
    }

    [Fact]
    public void Missing_values_are_imputed_with_the_column_mean()
    {
        var (rows, truth) = PlantedClusters.Generate(2_000, 4, clusters: 3, seed: 12, separation: 6);
        var observed = rows.Where((_, i) => i % 5 != 0).Average(r => r[3]);
        for (int i = 0; i < rows.Length; i += 5)
        {
            rows[i][3] = double.NaN;
        }

        var model = PersonaTrainer.Train(rows, ["a", "b", "c", "d"], new PersonaOptions(K: 3));

        Assert.Equal(observed, model.Means[3], 9);
        Assert.True(PlantedClusters.AdjustedRandIndex(truth, rows.Select(model.Assign).ToArray()) >= 0.9);
    }
}
