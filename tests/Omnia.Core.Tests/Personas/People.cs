using System.Text.Json;
using Omnia.Core.Personas;
using Omnia.Core.Profiles;

namespace Omnia.Core.Tests.Personas;

/// <summary>Builds persona inputs for tests: a profile with given channel counts, orders and traits.</summary>
internal static class People
{
    public static readonly DateTimeOffset Now = new(2025, 9, 30, 12, 0, 0, TimeSpan.Zero);

    public static PersonaInput Person(
        IReadOnlyDictionary<string, int> channels,
        int orders = 0,
        decimal revenue = 0,
        double lastSeenDaysAgo = 1,
        double? lastOrderDaysAgo = null,
        double firstSeenDaysAgo = 90,
        string? email = null,
        IReadOnlyDictionary<string, int>? categories = null,
        IReadOnlyList<string>? path = null,
        IReadOnlyDictionary<string, bool>? consent = null,
        IReadOnlyDictionary<string, string>? traits = null)
    {
        var profile = new ProfileState
        {
            FirstSeen = Now.AddDays(-firstSeenDaysAgo),
            LastSeen = Now.AddDays(-lastSeenDaysAgo),
            EventCount = channels.Values.Sum(),
            OrderCount = orders,
            Revenue = revenue,
            LastOrderAt = lastOrderDaysAgo is { } days ? Now.AddDays(-days) : orders > 0 ? Now.AddDays(-lastSeenDaysAgo) : null,
            ChannelCounts = new Dictionary<string, int>(channels, StringComparer.Ordinal),
        };
        if (email is not null)
        {
            profile.Traits["email"] = Trait(email);
        }

        foreach (var (name, value) in traits ?? new Dictionary<string, string>())
        {
            profile.Traits[name] = Trait(value);
        }

        foreach (var (channel, subscribed) in consent ?? new Dictionary<string, bool>())
        {
            profile.Consent[channel] = new ConsentState(subscribed, Now.AddDays(-30), "test");
        }

        return new PersonaInput(profile, categories ?? new Dictionary<string, int>(), path ?? []);
    }

    public static TraitValue Trait(string value) => new(JsonSerializer.SerializeToElement(value), Now.AddDays(-10));

    /// <summary>
    /// Three clear behaviours with noise: store shoppers, app users and search browsers who never buy (half of
    /// them identified). Half of each group opted in to email, so only behaviour tells the groups apart.
    /// </summary>
    public static List<(PersonaInput Input, string Group)> ThreeGroups(int perGroup, int seed)
    {
        var rng = new Random(seed);
        var people = new List<(PersonaInput, string)>();
        for (int i = 0; i < perGroup; i++)
        {
            people.Add((Person(
                new Dictionary<string, int> { ["store"] = 6 + rng.Next(6), ["direct"] = rng.Next(4), ["email"] = rng.Next(3) },
                orders: 3 + rng.Next(4), revenue: 200 + rng.Next(300), lastSeenDaysAgo: rng.Next(1, 20), email: $"s{i}@example.com",
                categories: new Dictionary<string, int> { ["Jackets"] = 3 + rng.Next(5), ["Footwear"] = rng.Next(2) },
                path: ["store", "email", "store"], consent: new Dictionary<string, bool> { ["email"] = i % 2 == 0 }), "store"));
            people.Add((Person(
                new Dictionary<string, int> { ["direct"] = 30 + rng.Next(30), ["push"] = 4 + rng.Next(5) },
                orders: 1 + rng.Next(3), revenue: 80 + rng.Next(200), lastSeenDaysAgo: rng.Next(0, 5), email: $"a{i}@example.com",
                categories: new Dictionary<string, int> { ["Footwear"] = 5 + rng.Next(5), ["Camping"] = rng.Next(3) },
                path: ["paid_social", "direct", "push", "direct"],
                consent: new Dictionary<string, bool> { ["push"] = true, ["email"] = i % 2 == 0 }), "app"));
            people.Add((Person(
                new Dictionary<string, int> { ["organic_search"] = 5 + rng.Next(10), ["referral"] = rng.Next(3), ["direct"] = rng.Next(2) },
                lastSeenDaysAgo: rng.Next(5, 60), email: i % 2 == 0 ? $"r{i}@example.com" : null,
                categories: new Dictionary<string, int> { ["Camping"] = 4 + rng.Next(6), ["Jackets"] = rng.Next(2) },
                path: ["organic_search", "referral"]), "search"));
        }

        return people;
    }
}
