using Omnia.Core.Segments;

namespace Omnia.Core.Journeys;

/// <summary>
/// A journey as data: how profiles enter (<see cref="Trigger"/>, <see cref="Entry"/>), the steps they go through
/// (<see cref="Nodes"/>, from <see cref="Start"/> along explicit edges), what counts as a conversion
/// (<see cref="Goal"/>) and what ends an instance early (<see cref="ExitOn"/>). Stored as versioned JSON
/// (<c>{"version":1,"name":"…","trigger":{…},"start":"…","nodes":[…]}</c>); read and check one with
/// <see cref="Parse(string)"/>, write it with <see cref="ToJson"/>, run it with <see cref="CompiledJourney"/> and
/// <see cref="JourneyRuntime"/>. Compares by value.
/// </summary>
/// <param name="Name">What people see, at most 200 characters.</param>
/// <param name="Start">The id of the first node.</param>
/// <param name="Goal">What counts as a conversion; null for a journey without one.</param>
/// <param name="ExitOn">What ends an instance at once, whatever step it is at; empty for nothing.</param>
public sealed record JourneyDefinition(
    string Name,
    string? Description,
    JourneyTrigger Trigger,
    EntryRules Entry,
    string Start,
    IReadOnlyList<JourneyStep> Nodes,
    JourneyGoal? Goal,
    IReadOnlyList<ExitCriterion> ExitOn)
{
    /// <summary>The format version this code reads and writes.</summary>
    public const int CurrentVersion = 1;

    /// <summary>A journey has at most this many nodes.</summary>
    public const int MaxNodes = 200;

    /// <summary>The longest path from the start, not counting jumps back to earlier nodes, has at most this many nodes.</summary>
    public const int MaxDepth = 100;

    /// <summary>Always <see cref="CurrentVersion"/>.</summary>
    public int Version => CurrentVersion;

    /// <summary>
    /// Reads and checks a definition: its JSON, then its graph (unknown and unreachable nodes, loops without a wait,
    /// limits). Never throws for bad input: the result holds the definition or every problem, each with its JSON path.
    /// </summary>
    public static JourneyParseResult Parse(string json) => JourneyJsonReader.Read(json, ComputedTraitCatalog.BuiltIns);

    /// <summary>
    /// <see cref="Parse(string)"/>, with the workspace's own computed traits allowed in condition steps.
    /// </summary>
    public static JourneyParseResult Parse(string json, IEnumerable<ComputedTraitDefinition> computedTraits) =>
        JourneyJsonReader.Read(json, ComputedTraitCatalog.With(computedTraits));

    /// <summary>Reads a definition saved earlier: computed trait names are taken as they are.</summary>
    public static JourneyParseResult ParseSaved(string json) => JourneyJsonReader.Read(json, ComputedTraitCatalog.AnyName);

    /// <summary>The definition as JSON, in the canonical form <see cref="Parse(string)"/> reads back to an equal definition.</summary>
    public string ToJson(bool indented = false) => JourneyJsonWriter.Write(this, indented);

    /// <summary>Checks a definition built in code the same way <see cref="Parse(string)"/> checks JSON; empty when valid.</summary>
    public IReadOnlyList<SegmentError> Validate() => ParseSaved(ToJson()).Errors;

    /// <summary>The node with <paramref name="id"/>, or null.</summary>
    public JourneyStep? Node(string id)
    {
        foreach (var node in Nodes)
        {
            if (node.Id == id)
                return node;
        }
        return null;
    }

    /// <summary>The segments the journey refers to (trigger, schedule, exit criteria, condition steps), each once.</summary>
    public IReadOnlyList<string> ReferencedSegments()
    {
        var slugs = new List<string>();
        switch (Trigger)
        {
            case SegmentTrigger segment:
                slugs.Add(segment.Slug);
                break;
            case ScheduleTrigger schedule:
                slugs.Add(schedule.Segment);
                break;
        }
        slugs.AddRange(ExitOn.OfType<SegmentExitCriterion>().Select(e => e.Slug));
        foreach (var step in Nodes.OfType<ConditionStep>())
        {
            if (step.If is ProfileTest test)
                slugs.AddRange(new SegmentDefinition("condition", null, test.Condition).ReferencedSegments());
        }
        return slugs.Distinct(StringComparer.Ordinal).ToList();
    }

    public bool Equals(JourneyDefinition? other) =>
        other is not null && Name == other.Name && Description == other.Description && Trigger.Equals(other.Trigger)
        && Entry.Equals(other.Entry) && Start == other.Start && Nodes.SequenceEqual(other.Nodes)
        && Equals(Goal, other.Goal) && ExitOn.SequenceEqual(other.ExitOn);

    public override int GetHashCode() =>
        HashCode.Combine(Name, Description, Trigger, Entry, Start, ValueLists.Hash(Nodes), Goal, ValueLists.Hash(ExitOn));
}
