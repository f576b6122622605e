using Omnia.Bench.Micro;
using Omnia.Core.Identity;
using Omnia.Core.Profiles;
using Omnia.Core.Touchpoints;

namespace Omnia.Bench.Memory;

/// <summary>
/// Managed bytes of the two in-memory structures that grow with people, measured in this process with
/// Omnia's classes: the identity graph for <c>people</c> people with the load generator's identifiers
/// (user id, email, one or two browsers), and a typical cached <see cref="ProfileState"/>.
/// </summary>
public static class MemoryModel
{
    public static (double GraphBytes, double ProfileBytes) Measure(int people, Action<string> log)
    {
        long before = Settled();
        var graph = new IdentityGraph();
        long next = 1;
        for (int p = 0; p < people; p++)
        {
            var ids = new List<Identifier>(4)
            {
                new(IdentifierTypes.UserId, $"user-{p:D7}"),
                new(IdentifierTypes.Email, $"person{p}@example.org"),
                new(IdentifierTypes.AnonymousId, $"anon-{p:D7}-0"),
            };
            if (p % 3 == 0)
            {
                ids.Add(new(IdentifierTypes.AnonymousId, $"anon-{p:D7}-1"));
            }

            graph.Resolve(ids, IdentityRules.Default, () => next++);
        }

        long graphBytes = Settled() - before;
        log($"identity graph for {people:N0} people ({graph.IdentifierCount:N0} identifiers): {graphBytes / 1e6:N0} MB managed, {graphBytes / (double)graph.IdentifierCount:N0} bytes/identifier");

        const int profiles = 20_000;
        var events = SampleEvents.Logged(500, people: 50);
        var documents = events.Select(e => System.Text.Json.JsonDocument.Parse(e.Json)).ToArray();
        before = Settled();
        var states = new ProfileState[profiles];
        for (int i = 0; i < profiles; i++)
        {
            states[i] = new ProfileState { Id = i, WorkspaceId = 1 };
            for (int k = 0; k < 10; k++)
            {
                int j = (i * 10 + k) % events.Count;
                var input = TouchpointInput.FromEvent(documents[j].RootElement);
                ProfileProjector.Apply(states[i], events[j], documents[j].RootElement, TouchpointClassifier.Classify(in input, ChannelRules.Default));
            }
        }

        double profileBytes = (Settled() - before) / (double)profiles;
        log($"a cached profile after 10 events: {profileBytes:N0} bytes managed");
        GC.KeepAlive(graph);
        GC.KeepAlive(states);
        foreach (var document in documents)
        {
            document.Dispose();
        }

        return (graphBytes, profileBytes);
    }

    private static long Settled()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
