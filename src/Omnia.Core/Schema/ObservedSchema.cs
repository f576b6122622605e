using System.Text.Json;

namespace Omnia.Core.Schema;

/// <summary>
/// The names a workspace's data uses, as seen in a sample of its event log and in its saved definitions: event names
/// with their properties, and trait names, each with the JSON value types observed and a few frequent values. Built
/// by <see cref="SchemaCollector"/>; <see cref="Including"/> adds the names definitions use.
/// </summary>
/// <param name="Events">Events by how often they occur in the sample (most frequent first), then those only definitions name.</param>
/// <param name="Traits">Traits from identify calls and <c>context.traits</c>, ordered the same way.</param>
/// <param name="Sample">Which part of the log was read.</param>
public sealed record ObservedSchema(IReadOnlyList<ObservedEvent> Events, IReadOnlyList<ObservedField> Traits, SchemaSample Sample)
{
    /// <summary>No events read, no names.</summary>
    public static ObservedSchema Empty { get; } = new([], [], new SchemaSample(0, 0, true, null, null, false));

    /// <summary>
    /// This schema with the names <paramref name="used"/> lists: names the sample has are marked as used by
    /// definitions; names it lacks (an event that has not happened lately) are added with a count of 0 and the
    /// value types their definitions imply.
    /// </summary>
    public ObservedSchema Including(UsedNames used)
    {
        ArgumentNullException.ThrowIfNull(used);
        var events = Events.ToDictionary(e => e.Name, StringComparer.Ordinal);
        foreach (var (name, usage) in used.Events)
        {
            var observed = events.GetValueOrDefault(name) ?? new ObservedEvent(name, [], 0, [], false);
            events[name] = observed with
            {
                Types = observed.Types.Union(usage.Types, StringComparer.Ordinal).ToList(),
                Properties = Merge(observed.Properties, usage.Properties),
                InDefinitions = true,
            };
        }

        return this with
        {
            Events = events.Values.OrderByDescending(e => e.Count).ThenBy(e => e.Name, StringComparer.Ordinal).ToList(),
            Traits = Merge(Traits, used.Traits),
        };
    }

    private static List<ObservedField> Merge(IReadOnlyList<ObservedField> observed, IReadOnlyDictionary<string, IReadOnlySet<string>> used)
    {
        var fields = observed.ToDictionary(f => f.Name, StringComparer.Ordinal);
        foreach (var (name, types) in used)
        {
            fields[name] = fields.TryGetValue(name, out var field)
                ? field with { InDefinitions = true }
                : new ObservedField(name, types.Where(t => t != ValueTypes.Date).Order(StringComparer.Ordinal).ToList(), 0, [], types.Contains(ValueTypes.Date), true);
        }

        return fields.Values.OrderByDescending(f => f.Count).ThenBy(f => f.Name, StringComparer.Ordinal).ToList();
    }
}

/// <summary>An event name (a track event's name, or a page or screen name) and what its properties hold.</summary>
/// <param name="Types">The calls it came as: <c>track</c>, <c>page</c>, <c>screen</c>.</param>
/// <param name="Count">How many events of the sample have this name.</param>
/// <param name="Properties">Top-level properties, most frequent first.</param>
/// <param name="InDefinitions">Whether a saved segment, lifecycle rule or computed trait names it.</param>
public sealed record ObservedEvent(string Name, IReadOnlyList<string> Types, long Count, IReadOnlyList<ObservedField> Properties, bool InDefinitions);

/// <summary>A property or trait: the JSON value types seen, how often, and its most frequent values.</summary>
/// <param name="Types">Some of <c>string</c>, <c>number</c>, <c>boolean</c>, <c>object</c>, <c>array</c>, most frequent first.</param>
/// <param name="Count">How many events of the sample carry it (not null).</param>
/// <param name="Examples">Up to five of the most frequent string, number or boolean values (strings of at most 100 characters).</param>
/// <param name="IsoDates">Every string value seen is an ISO-8601 date, so date comparisons apply.</param>
/// <param name="InDefinitions">Whether a saved definition compares it.</param>
public sealed record ObservedField(string Name, IReadOnlyList<string> Types, long Count, IReadOnlyList<JsonElement> Examples, bool IsoDates, bool InDefinitions);

/// <summary>The part of the event log a schema was read from.</summary>
/// <param name="Events">Events read.</param>
/// <param name="Limit">At most this many of the newest events are read.</param>
/// <param name="Complete">Every event of the workspace was read (it has no more than the limit).</param>
/// <param name="Oldest">Timestamp of the oldest event read.</param>
/// <param name="Newest">Timestamp of the newest event read.</param>
/// <param name="Truncated">Some names were left out because a list reached its cap (<see cref="SchemaCollector"/>).</param>
public sealed record SchemaSample(int Events, int Limit, bool Complete, DateTimeOffset? Oldest, DateTimeOffset? Newest, bool Truncated);
