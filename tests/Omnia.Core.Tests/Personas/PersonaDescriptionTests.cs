using Omnia.Core.Personas;

namespace Omnia.Core.Tests.Personas;

public sealed class PersonaDescriptionTests
{
    private static readonly List<(PersonaInput Input, string Group)> Groups = People.ThreeGroups(150, seed: 4);
    private static readonly PersonaModel Model = PersonaTrainer.Train(Groups.Select(p => p.Input).ToList(), People.Now, PersonaOptions.Default);

    [Fact]
    public void The_three_planted_behaviours_become_three_personas()
    {
        Assert.Equal(3, Model.K);
        foreach (var group in Groups.GroupBy(p => p.Group))
        {
            Assert.Single(group.Select(p => Model.Assign(p.Input, People.Now)).Distinct());
        }
    }

    [Fact]
    public void The_store_persona_lists_store_share_first_and_is_named_store_regulars()
    {
        var store = Persona("store");

        Assert.Equal(PersonaFeatures.StoreShare, store.DistinguishingFeatures[0].Feature);
        Assert.True(store.DistinguishingFeatures[0].ZDifference > 1);
        Assert.True(store.DistinguishingFeatures[0].ClusterMean > store.DistinguishingFeatures[0].OverallMean);
        Assert.Equal("Store regulars", store.Name);
    }

    [Fact]
    public void Each_behaviour_gets_a_sensible_name()
    {
        Assert.Equal("App regulars", Persona("app").Name);
        Assert.Equal("Researchers who rarely buy", Persona("search").Name);
    }

    [Fact]
    public void Revenue_channels_and_journey_describe_the_members()
    {
        var store = Persona("store");
        var search = Persona("search");
        var members = Groups.Where(p => p.Group == "store").Select(p => p.Input).ToList();

        Assert.Equal(1.0 / 3, store.Share, 9);
        Assert.Equal((double)members.Sum(m => m.Profile.Revenue) / members.Count, store.AverageRevenue, 6);
        Assert.Equal(0, search.RevenueShare);
        Assert.Equal(1, Model.Clusters.Sum(c => c.RevenueShare), 9);
        Assert.Equal("store", store.TypicalChannels[0].Channel);
        Assert.Equal(["store", "email", "store"], store.TypicalJourney!.Channels);
        Assert.Equal(1, store.TypicalJourney.Share);
        Assert.Equal(["paid_social", "direct", "push", "direct"], Persona("app").TypicalJourney!.Channels);
    }

    [Fact]
    public void Categories_are_the_most_engaged_ones_unless_given()
    {
        var expected = Groups.SelectMany(p => p.Input.CategoryCounts)
            .GroupBy(c => c.Key).OrderByDescending(g => g.Sum(c => c.Value)).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key);
        Assert.Equal(expected, Model.Categories);

        var given = PersonaTrainer.Train(Groups.Select(p => p.Input).ToList(), People.Now, new PersonaOptions(K: 3, Categories: ["Camping"]));

        Assert.Equal(["Camping"], given.Categories);
        Assert.Equal("Camping affinity", given.FeatureNames[^1]);
    }

    private static PersonaCluster Persona(string group) =>
        Model.Clusters[Model.Assign(Groups.First(p => p.Group == group).Input, People.Now)];
}
