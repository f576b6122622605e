using System.Text.Json;
using Omnia.Core.Events;
using Omnia.Core.Journeys;
using Omnia.Core.Profiles;
using Omnia.Core.Segments;

namespace Omnia.Core.Tests.Journeys;

/// <summary>Shorthands for journey tests: definitions, events, contexts and driving one instance.</summary>
internal static class TestJourneys
{
    public static readonly DateTimeOffset T0 = new(2025, 6, 2, 10, 0, 0, TimeSpan.Zero);

    public static JourneyDefinition Parse(string json)
    {
        var result = JourneyDefinition.Parse(json);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return result.Definition!;
    }

    public static CompiledJourney Compile(string json, long journeyId = 7, int version = 1) =>
        CompiledJourney.Compile(journeyId, version, Parse(json));

    public static IReadOnlyList<string> ErrorsOf(string json) =>
        JourneyDefinition.Parse(json).Errors.Select(e => e.ToString()).ToList();

    public static ProfileEvent Event(string name, DateTimeOffset at, object? properties = null) =>
        new(name, EventType.Track, at, properties is null ? default : JsonSerializer.SerializeToElement(properties));

    public static ProfileState Profile(long id = 42, Action<ProfileState>? change = null)
    {
        var profile = new ProfileState { Id = id, WorkspaceId = 1 };
        change?.Invoke(profile);
        return profile;
    }

    public static ProfileState WithTrait(this ProfileState profile, string name, object value)
    {
        profile.Traits[name] = new TraitValue(JsonSerializer.SerializeToElement(value), T0);
        return profile;
    }

    public static ProfileState WithConsent(this ProfileState profile, string channel, bool subscribed)
    {
        profile.Consent[channel] = new ConsentState(subscribed, T0, "test");
        return profile;
    }

    public static JourneyContext Context(ProfileState? profile = null) => new(new ProfileFacts(profile ?? Profile(), []));
}

/// <summary>
/// Drives the instances of one profile in one journey the way an engine would: entry decisions against the
/// history, each input to every live instance, effects collected.
/// </summary>
internal sealed class Driver(CompiledJourney journey, JourneyContext? context = null, long profileId = 42)
{
    private long _nextInstance = 1;

    public JourneyContext Context { get; set; } = context ?? TestJourneys.Context();

    public List<JourneyInstance> Instances { get; } = [];

    public List<JourneyEffect> Effects { get; } = [];

    public List<EntryDecision> Decisions { get; } = [];

    public IEnumerable<SendMessage> Sent => Effects.OfType<SendMessage>();

    public JourneyInstance Instance => Assert.Single(Instances);

    /// <summary>An event: first to the live instances, then as a trigger.</summary>
    public Driver Event(string name, DateTimeOffset at, object? properties = null)
    {
        var e = TestJourneys.Event(name, at, properties);
        Advance(JourneyInput.Event(e));
        return Trigger(TriggerInput.Event(e));
    }

    public Driver Trigger(TriggerInput input)
    {
        var history = new EntryHistory(Instances.Select(EntryRecord.Of).ToList());
        var decision = JourneyEntry.Decide(journey, input, history);
        Decisions.Add(decision);
        if (decision.Enters)
            Take(JourneyRuntime.Start(journey, decision, _nextInstance++, profileId, Context), null);
        return this;
    }

    public Driver Advance(JourneyInput input)
    {
        foreach (var instance in Instances.ToList())
            Take(JourneyRuntime.Advance(journey, instance, input, Context), instance);
        return this;
    }

    public Driver Clock(DateTimeOffset now) => Advance(JourneyInput.Time(now));

    private void Take(JourneyProgress progress, JourneyInstance? previous)
    {
        if (previous is not null)
            Instances[Instances.IndexOf(previous)] = progress.Instance;
        else
            Instances.Add(progress.Instance);
        Effects.AddRange(progress.Effects);
    }
}
