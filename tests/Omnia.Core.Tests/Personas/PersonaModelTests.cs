using System.Text.Json;
using Omnia.Core.Personas;

namespace Omnia.Core.Tests.Personas;

public sealed class PersonaModelTests
{
    [Fact]
    public void A_new_profile_is_assigned_to_the_nearest_persona()
    {
        var people = People.ThreeGroups(100, seed: 1);
        var model = PersonaTrainer.Train(people.Select(p => p.Input).ToList(), People.Now, new PersonaOptions(K: 3));
        int storePersona = model.Assign(people.First(p => p.Group == "store").Input, People.Now);
        int searchPersona = model.Assign(people.First(p => p.Group == "search").Input, People.Now);

        var newStoreShopper = People.Person(new Dictionary<string, int> { ["store"] = 9, ["direct"] = 1 }, orders: 5, revenue: 350, email: "new@example.com",
            categories: new Dictionary<string, int> { ["Jackets"] = 4 });
        var newBrowser = People.Person(new Dictionary<string, int> { ["organic_search"] = 8 }, lastSeenDaysAgo: 20,
            categories: new Dictionary<string, int> { ["Camping"] = 5 });

        Assert.Equal(storePersona, model.Assign(newStoreShopper, People.Now));
        Assert.Equal(searchPersona, model.Assign(newBrowser, People.Now));
        Assert.NotEqual(storePersona, searchPersona);
    }

    [Fact]
    public void Assign_picks_the_centroid_nearest_after_standardising()
    {
        var (rows, _) = PlantedClusters.Generate(2_000, 5, clusters: 3, seed: 3, separation: 6);
        var model = PersonaTrainer.Train(rows, ["a", "b", "c", "d", "e"], new PersonaOptions(K: 3), weights: [1, 0.5, 2, 1, 1]);

        foreach (var row in rows.Take(200))
        {
            var z = row.Select((v, j) => (v - model.Means[j]) / model.StandardDeviations[j] * model.Weights[j]).ToArray();
            var nearest = Enumerable.Range(0, model.K).MinBy(c => model.Centroids[c].Zip(z).Sum(p => (p.First - p.Second) * (p.First - p.Second)));
            Assert.Equal(nearest, model.Assign(row));
        }
    }

    [Fact]
    public void Assign_rejects_a_row_of_the_wrong_length()
    {
        var (rows, _) = PlantedClusters.Generate(100, 2, clusters: 2, seed: 3, separation: 4);
        var model = PersonaTrainer.Train(rows, ["a", "b"], new PersonaOptions(K: 2));

        Assert.Throws<ArgumentException>(() => model.Assign(new[] { 1.0 }));
    }

    [Fact]
    public void A_model_round_trips_through_json()
    {
        var people = People.ThreeGroups(60, seed: 2);
        var model = PersonaTrainer.Train(people.Select(p => p.Input).ToList(), People.Now, PersonaOptions.Default);

        var json = JsonSerializer.Serialize(model);
        var back = JsonSerializer.Deserialize<PersonaModel>(json)!;

        Assert.Equal(json, JsonSerializer.Serialize(back));
        Assert.Equal(model.Clusters[0].TypicalJourney!.Channels, back.Clusters[0].TypicalJourney!.Channels);
        Assert.All(people, p => Assert.Equal(model.Assign(p.Input, People.Now), back.Assign(p.Input, People.Now)));
    }
}
