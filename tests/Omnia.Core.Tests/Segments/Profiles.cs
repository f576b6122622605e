using System.Text.Json;
using Omnia.Core.Events;
using Omnia.Core.Profiles;
using Omnia.Core.Segments;

namespace Omnia.Core.Tests.Segments;

/// <summary>Builds the facts of one profile for segment tests.</summary>
internal sealed class Profiles
{
    /// <summary>The instant most tests evaluate at.</summary>
    public static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly ProfileState _state;
    private readonly List<ProfileEvent> _events = [];

    private Profiles(long id, int workspaceId) => _state = new ProfileState { Id = id, WorkspaceId = workspaceId };

    public static Profiles New(long id = 42, int workspaceId = 1) => new(id, workspaceId);

    public Profiles Trait(string name, object? value)
    {
        _state.Traits[name] = new TraitValue(JsonSerializer.SerializeToElement(value), Now);
        return this;
    }

    public Profiles Event(string name, DateTimeOffset at, object? properties = null, EventType type = EventType.Track)
    {
        var json = properties is null ? default : JsonSerializer.SerializeToElement(properties);
        _events.Add(new ProfileEvent(name, type, at, json));
        return this;
    }

    public Profiles Consent(string channel, bool subscribed)
    {
        _state.Consent[channel] = new ConsentState(subscribed, Now, "test");
        return this;
    }

    public Profiles With(Action<ProfileState> change)
    {
        change(_state);
        return this;
    }

    /// <summary>The facts, events sorted by time (stable, so equal timestamps keep the order they were added).</summary>
    public ProfileFacts Build() => new(_state, _events.OrderBy(e => e.Timestamp).ToList());

    /// <summary>
    /// <see cref="Build"/> with the computed basics derived from the events as the projector derives them: event
    /// count, first and last seen, and orders (<c>Order Completed</c>, their <c>revenue</c>, the latest).
    /// </summary>
    public ProfileFacts BuildProjected()
    {
        var facts = Build();
        var state = facts.Profile;
        (state.EventCount, state.OrderCount, state.Revenue, state.LastOrderAt) = (0, 0, 0, null);
        (state.FirstSeen, state.LastSeen) = (DateTimeOffset.MaxValue, DateTimeOffset.MinValue);
        foreach (var e in facts.Events)
        {
            state.EventCount++;
            state.FirstSeen = e.Timestamp < state.FirstSeen ? e.Timestamp : state.FirstSeen;
            state.LastSeen = e.Timestamp > state.LastSeen ? e.Timestamp : state.LastSeen;
            if (e.Name != "Order Completed")
                continue;
            state.OrderCount++;
            if (e.Properties["revenue"].TryGetDecimal(out var revenue))
                state.Revenue += revenue;
            state.LastOrderAt = e.Timestamp;
        }
        return facts;
    }
}

/// <summary>Shorthands for writing conditions as JSON in tests.</summary>
internal static class Segment
{
    /// <summary>A valid definition around <paramref name="conditionJson"/>; fails the test with the errors otherwise.</summary>
    public static SegmentDefinition Of(string conditionJson)
    {
        var result = SegmentDefinition.Parse($$"""{"version":1,"name":"Test","condition":{{conditionJson}}}""");
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return result.Definition!;
    }

    public static SegmentResult Evaluate(string conditionJson, ProfileFacts facts, DateTimeOffset? at = null, Func<string, bool>? isMemberOf = null) =>
        SegmentEvaluator.Evaluate(Of(conditionJson), facts, at ?? Profiles.Now, isMemberOf);

    public static bool IsMember(string conditionJson, ProfileFacts facts, DateTimeOffset? at = null, Func<string, bool>? isMemberOf = null) =>
        Evaluate(conditionJson, facts, at, isMemberOf).IsMember;

    /// <summary>The errors of a definition around <paramref name="conditionJson"/>, as "path: message".</summary>
    public static IReadOnlyList<string> ErrorsOf(string conditionJson) =>
        SegmentDefinition.Parse($$"""{"version":1,"name":"Test","condition":{{conditionJson}}}""").Errors.Select(e => e.ToString()).ToList();
}
