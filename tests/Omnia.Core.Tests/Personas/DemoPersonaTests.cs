using Omnia.Core.Demo;
using Omnia.Core.Personas;
using Omnia.Core.Tests.Demo;

namespace Omnia.Core.Tests.Personas;

/// <summary>
/// Personas from the demo dataset against the behaviour mixes the generator drew customers from. Six personas
/// are asked for: on this data the silhouette prefers two (known vs anonymous), which is true but not useful.
/// </summary>
public sealed class DemoPersonaTests
{
    private static readonly List<(PersonaInput Input, Persona Truth)> People =
        DemoPersonaInputs.Build(new DemoOptions(DemoDatasetFixture.Now, Customers: 1_200, Days: 90, Seed: 42));

    private static readonly PersonaModel Model =
        PersonaTrainer.Train(People.Select(p => p.Input).ToList(), DemoDatasetFixture.Now, new PersonaOptions(K: 6));

    private static readonly int[] Labels = [.. People.Select(p => Model.Assign(p.Input, DemoDatasetFixture.Now))];

    [Theory]
    [InlineData("Anonymous visitors", nameof(Persona.AnonymousVisitor), 0.85)]
    [InlineData("Store regulars", nameof(Persona.LoyalStoreShopper), 0.8)]
    [InlineData("App regulars", nameof(Persona.AppRegular), 0.9)]
    [InlineData("Lapsed high spenders", nameof(Persona.LapsedVip), 0.4)]
    public void Demo_behaviour_mixes_come_back_as_named_personas(string name, string mix, double minimumShare)
    {
        var truth = Enum.Parse<Persona>(mix);
        var summary = string.Join("; ", Model.Clusters.Select(c => $"{c.Name} {c.Size}: {string.Join(", ", c.DistinguishingFeatures.Select(f => $"{f.Feature} {f.ZDifference:N1}"))}"));
        var persona = Model.Clusters.SingleOrDefault(c => c.Name == name);
        Assert.True(persona is not null, summary);

        var members = People.Where((_, i) => Labels[i] == persona.Index).ToList();
        double share = members.Count(p => p.Truth == truth) / (double)members.Count;
        Assert.True(share >= minimumShare, $"{name}: {share:P0} {truth}");
        Assert.Equal(truth, members.GroupBy(p => p.Truth).MaxBy(g => g.Count())!.Key);
    }

    [Fact]
    public void Store_regulars_stand_out_by_store_share_and_bring_the_most_revenue()
    {
        var store = Model.Clusters.Single(c => c.Name == "Store regulars");

        Assert.Contains(store.DistinguishingFeatures, f => f.Feature == PersonaFeatures.StoreShare && f.ZDifference > 1);
        Assert.Contains(store.TypicalChannels, c => c.Channel == "store");
        Assert.Equal(store, Model.Clusters.MaxBy(c => c.RevenueShare));
    }
}
