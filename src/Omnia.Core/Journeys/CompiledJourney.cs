using Omnia.Core.Events;
using System.Text.Json;
using Omnia.Core.Segments;

namespace Omnia.Core.Journeys;

/// <summary>
/// One published version of a journey, ready to run: nodes looked up by id, event filters and conditions compiled
/// once. Immutable and safe to share between threads.
/// </summary>
public sealed class CompiledJourney
{
    private readonly Dictionary<string, JourneyStep> _nodes;
    private readonly Dictionary<string, EventMatcher> _waitMatchers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CompiledSegment> _conditions = new(StringComparer.Ordinal);

    private CompiledJourney(long journeyId, int version, JourneyDefinition definition)
    {
        JourneyId = journeyId;
        Version = version;
        Definition = definition;
        _nodes = definition.Nodes.ToDictionary(n => n.Id, StringComparer.Ordinal);
        foreach (var node in definition.Nodes)
        {
            switch (node)
            {
                case WaitForEventStep wait:
                    _waitMatchers[node.Id] = new EventMatcher(wait.Event);
                    break;
                case ConditionStep { If: ProfileTest test }:
                    _conditions[node.Id] = CompiledSegment.Compile(new SegmentDefinition(node.Id, null, test.Condition));
                    break;
            }
        }
        TriggerMatcher = definition.Trigger is EventTrigger e ? new EventMatcher(e.Event) : null;
        GoalMatcher = definition.Goal is { } goal ? new EventMatcher(goal.Event) : null;
        ExitMatchers = definition.ExitOn.OfType<EventExitCriterion>().Select(c => (new EventMatcher(c.Event), c.MatchKey)).ToArray();
    }

    /// <summary>The journey's id, the same for all its versions; part of every effect key and of variant assignment.</summary>
    public long JourneyId { get; }

    /// <summary>The published version number (1, 2, …); part of every effect key.</summary>
    public int Version { get; }

    public JourneyDefinition Definition { get; }

    internal EventMatcher? TriggerMatcher { get; }

    internal EventMatcher? GoalMatcher { get; }

    internal (EventMatcher Matcher, string? MatchKey)[] ExitMatchers { get; }

    /// <summary>Compiles version <paramref name="version"/> of journey <paramref name="journeyId"/>.</summary>
    /// <exception cref="ArgumentException">The definition does not pass <see cref="JourneyDefinition.Validate"/>.</exception>
    public static CompiledJourney Compile(long journeyId, int version, JourneyDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var errors = definition.Validate();
        if (errors.Count > 0)
            throw new ArgumentException("Invalid journey definition: " + string.Join("; ", errors), nameof(definition));
        return new CompiledJourney(journeyId, version, definition);
    }

    internal JourneyStep Node(string id) =>
        _nodes.TryGetValue(id, out var node) ? node : throw new InvalidOperationException($"Journey {JourneyId} v{Version} has no node '{id}'.");

    internal EventMatcher WaitMatcher(string nodeId) => _waitMatchers[nodeId];

    internal CompiledSegment Condition(string nodeId) => _conditions[nodeId];

    /// <summary>Whether <paramref name="e"/> carries <paramref name="key"/> in property <paramref name="property"/>.</summary>
    internal static bool CarriesKey(ProfileEvent e, string property, string? key) =>
        key is not null && EntryKeys.Read(e.Properties, property) == key;
}

/// <summary>How an entry key is read from a property: a string as it is, a number as written; anything else is no key.</summary>
public static class EntryKeys
{
    /// <summary>The key held in <paramref name="properties"/>' <paramref name="property"/>, or null.</summary>
    public static string? Read(EventProperties properties, string property)
    {
        var value = properties[property];
        return value.Kind switch
        {
            EventValueKind.String when value.String is { Length: > 0 } text => text,
            EventValueKind.Number => value.ToJson(),
            _ => null,
        };
    }
}
