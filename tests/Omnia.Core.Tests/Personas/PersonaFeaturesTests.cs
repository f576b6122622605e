using Omnia.Core.Personas;

namespace Omnia.Core.Tests.Personas;

public sealed class PersonaFeaturesTests
{
    private static readonly string[] Categories = ["Jackets", "Camping"];

    [Fact]
    public void Names_are_the_fixed_features_then_one_affinity_per_category()
    {
        var names = PersonaFeatures.Names(Categories);

        Assert.Equal(PersonaFeatures.Fixed.Count + 2, names.Count);
        Assert.Equal(["Jackets affinity", "Camping affinity"], names.TakeLast(2));
        Assert.Contains(PersonaFeatures.StoreShare, names);
        Assert.Equal(names.Count, names.Distinct().Count());
    }

    [Fact]
    public void Extract_reads_activity_value_recency_identity_consent_and_shares()
    {
        var input = People.Person(
            new Dictionary<string, int> { ["store"] = 6, ["email"] = 2, ["display"] = 1, ["affiliate"] = 1 },
            orders: 4, revenue: 400, lastSeenDaysAgo: 3, lastOrderDaysAgo: 10, firstSeenDaysAgo: 1000, email: "x@example.com",
            categories: new Dictionary<string, int> { ["Jackets"] = 3, ["Camping"] = 1, ["Socks"] = 4 },
            consent: new Dictionary<string, bool> { ["email"] = true, ["sms"] = false });

        var f = Features(input);

        Assert.Equal(Math.Log(11), f[PersonaFeatures.Events], 9);
        Assert.Equal(Math.Log(5), f[PersonaFeatures.Orders], 9);
        Assert.Equal(Math.Log(401), f[PersonaFeatures.Revenue], 9);
        Assert.Equal(100, f[PersonaFeatures.AverageOrderValue], 9);
        Assert.Equal(0.4, f[PersonaFeatures.OrdersPerEvent], 9);
        Assert.Equal(0.8, f[PersonaFeatures.ProductEventsPerEvent], 9);
        Assert.Equal(3, f[PersonaFeatures.DaysSinceLastSeen], 9);
        Assert.Equal(10, f[PersonaFeatures.DaysSinceLastOrder], 9);
        Assert.Equal(PersonaFeatures.TenureCap, f[PersonaFeatures.TenureDays]);
        Assert.Equal(1, f[PersonaFeatures.Identified]);
        Assert.Equal(1, f[PersonaFeatures.EmailOptIn]);
        Assert.Equal(0, f[PersonaFeatures.SmsOptIn]);
        Assert.Equal(0.6, f[PersonaFeatures.StoreShare], 9);
        Assert.Equal(0.2, f[PersonaFeatures.EmailShare], 9);
        Assert.Equal(0.2, f[PersonaFeatures.OtherPaidShare], 9);
        Assert.Equal(0, f[PersonaFeatures.DirectShare]);
        Assert.Equal(0.375, f["Jackets affinity"], 9);
        Assert.Equal(0.125, f["Camping affinity"], 9);
    }

    [Fact]
    public void Order_recency_and_value_are_missing_for_someone_who_never_ordered()
    {
        var f = Features(People.Person(new Dictionary<string, int> { ["organic_search"] = 3 }));

        Assert.True(double.IsNaN(f[PersonaFeatures.DaysSinceLastOrder]));
        Assert.True(double.IsNaN(f[PersonaFeatures.AverageOrderValue]));
        Assert.Equal(0, f[PersonaFeatures.Orders]);
        Assert.Equal(0, f[PersonaFeatures.OrdersPerEvent]);
        Assert.Equal(0, f[PersonaFeatures.Identified]);
        Assert.Equal(0, f["Jackets affinity"]);
    }

    [Fact]
    public void Unknown_channels_count_as_other()
    {
        var f = Features(People.Person(new Dictionary<string, int> { ["carrier_pigeon"] = 1, ["other"] = 1, ["direct"] = 2 }));

        Assert.Equal(0.5, f[PersonaFeatures.OtherChannelShare], 9);
    }

    [Fact]
    public void Age_comes_from_an_age_or_birthday_trait_and_is_missing_otherwise()
    {
        var withAge = People.Person(new Dictionary<string, int> { ["direct"] = 1 }, traits: new Dictionary<string, string> { ["age"] = "41" });
        var withBirthday = People.Person(new Dictionary<string, int> { ["direct"] = 1 }, traits: new Dictionary<string, string> { ["birthday"] = "1995-09-30" });
        var without = People.Person(new Dictionary<string, int> { ["direct"] = 1 });

        Assert.Equal(41, Features(withAge)[PersonaFeatures.Age]);
        Assert.Equal(30, Features(withBirthday)[PersonaFeatures.Age], 1);
        Assert.True(double.IsNaN(Features(without)[PersonaFeatures.Age]));
    }

    [Fact]
    public void Category_affinities_together_weigh_as_much_as_two_features()
    {
        var weights = PersonaFeatures.Weights(["A", "B", "C", "D", "E", "F", "G", "H"]);

        Assert.All(weights.Take(PersonaFeatures.Fixed.Count), w => Assert.Equal(1, w));
        Assert.Equal(PersonaFeatures.CategoryBlockWeight, weights.Skip(PersonaFeatures.Fixed.Count).Sum(w => w * w), 9);
    }

    private static Dictionary<string, double> Features(PersonaInput input)
    {
        var values = PersonaFeatures.Extract(input, People.Now, Categories);
        return PersonaFeatures.Names(Categories).Select((name, i) => (name, values[i])).ToDictionary(x => x.name, x => x.Item2);
    }
}
