using Omnia.Core.Identity;

namespace Omnia.Core.Tests.Identity;

/// <summary>Generated traffic (fixed seed) with shared browsers, logins, email clicks and tight limits.</summary>
public class IdentityGraphPropertyTests
{
    private static readonly IdentityRules TightRules = new()
    {
        Rules =
        [
            new("user_id", 1, 1), new("email", 2, 2), new("phone", 3, 2), new("device_id", 5, 3),
            new("anonymous_id", 6, 4),
        ],
        MaxIdentifiersPerProfile = 8,
    };

    private sealed record Person(List<Identifier> Identifiers);

    [Theory]
    [InlineData(20240611)]
    [InlineData(7)]
    public void Generated_traffic_keeps_the_graph_consistent(int seed)
    {
        var random = new Random(seed);
        var people = Enumerable.Range(0, 300).Select(i => NewPerson(random, i)).ToList();
        var sharedBrowsers = Enumerable.Range(0, 15).Select(i => new Identifier("anonymous_id", $"shared-{i}")).ToList();
        var graph = new IdentityGraph();
        long next = 1;
        var created = new HashSet<long>();
        var mergedInto = new Dictionary<long, long>();
        var returned = new HashSet<long>();
        int drops = 0, merges = 0;

        for (var n = 0; n < 2_000; n++)
        {
            var person = people[random.Next(people.Count)];
            var ids = person.Identifiers.OrderBy(_ => random.Next()).Take(random.Next(1, 4)).ToList();
            if (random.Next(10) == 0)
                ids.Insert(random.Next(ids.Count + 1), sharedBrowsers[random.Next(sharedBrowsers.Count)]);

            var result = graph.Resolve(ids, TightRules, () => next++);

            var profileId = Assert.IsType<long>(result.ProfileId);
            Assert.True(graph.HasProfile(profileId));
            Assert.Equal(result.Created, created.Add(profileId));
            returned.Add(profileId);
            foreach (var id in ids.Except(result.Dropped))
                Assert.Equal(profileId, graph.Find(id));
            Assert.All(result.Dropped, id => Assert.Contains(id, ids));
            foreach (var merge in result.Merges)
            {
                Assert.Equal(profileId, merge.Into);
                Assert.False(graph.HasProfile(merge.From));
                mergedInto.Add(merge.From, merge.Into);
            }
            drops += result.Dropped.Count;
            merges += result.Merges.Count;
            if (n % 250 == 0)
                AssertConsistent(graph, created, mergedInto);
        }

        AssertConsistent(graph, created, mergedInto);
        foreach (var id in returned)
            Assert.True(graph.HasProfile(Survivor(id, mergedInto)), $"profile {id} is neither live nor merged into a live one");
        Assert.True(drops > 50, $"only {drops} identifiers were dropped; the limits were not exercised");
        Assert.True(merges > 50, $"only {merges} merges happened; stitching was not exercised");
    }

    private static void AssertConsistent(IdentityGraph graph, HashSet<long> created, Dictionary<long, long> mergedInto)
    {
        var live = created.Where(id => !mergedInto.ContainsKey(id)).ToList();
        Assert.Equal(live.Count, graph.ProfileCount);
        var seen = new HashSet<Identifier>();
        foreach (var profileId in live)
        {
            var ids = graph.IdentifiersOf(profileId);
            Assert.NotEmpty(ids);
            Assert.InRange(ids.Count, 1, TightRules.MaxIdentifiersPerProfile);
            foreach (var group in ids.GroupBy(i => i.Type))
                Assert.InRange(group.Count(), 1, TightRules.RuleFor(group.Key).Limit);
            foreach (var id in ids)
            {
                Assert.True(seen.Add(id), $"{id} is held by two profiles");
                Assert.Equal(profileId, graph.Find(id));
            }
        }
        Assert.Equal(seen.Count, graph.IdentifierCount);
    }

    private static long Survivor(long profileId, Dictionary<long, long> mergedInto)
    {
        while (mergedInto.TryGetValue(profileId, out var into))
            profileId = into;
        return profileId;
    }

    private static Person NewPerson(Random random, int i)
    {
        var ids = new List<Identifier>();
        if (random.Next(4) > 0)
            ids.Add(new("user_id", $"u{i}"));
        for (var e = random.Next(0, 4); e > 0; e--)
            ids.Add(new("email", $"p{i}.{e}@example.com"));
        for (var p = random.Next(0, 3); p > 0; p--)
            ids.Add(new("phone", $"+1415555{i:D3}{p}"));
        for (var d = random.Next(0, 3); d > 0; d--)
            ids.Add(new("device_id", $"dev-{i}-{d}"));
        for (var a = random.Next(1, 7); a > 0; a--)
            ids.Add(new("anonymous_id", $"anon-{i}-{a}"));
        if (random.Next(5) == 0)
            ids.Add(new("crm_id", $"crm-{i}"));
        return new Person(ids);
    }
}
