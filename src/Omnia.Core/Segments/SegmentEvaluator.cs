using System.Runtime.CompilerServices;

namespace Omnia.Core.Segments;

/// <summary>
/// Decides segment membership for one profile at one instant. Pure: no clock, no I/O; the same facts and
/// instant always give the same answer, which is what lets real-time evaluation and a full recompute agree.
/// </summary>
public static class SegmentEvaluator
{
    private static readonly ConditionalWeakTable<SegmentDefinition, CompiledSegment> Compiled = new();

    /// <summary>
    /// Whether the profile is in the segment at <paramref name="now"/>, and when that would flip from the
    /// passage of time alone (see <see cref="SegmentResult"/>). The definition is compiled once per instance and
    /// reused; hold a <see cref="CompiledSegment"/> from <see cref="Compile"/> to control that yourself.
    /// </summary>
    /// <param name="isMemberOf">Answers <c>{"segment":"slug"}</c> conditions; needed only when the definition has one.</param>
    /// <exception cref="ArgumentException">The definition is invalid, or the events are not in timestamp order.</exception>
    /// <exception cref="InvalidOperationException">
    /// The definition refers to a segment and no lookup was given, or to a computed trait that is neither built in
    /// nor defined in <see cref="ProfileFacts.Audience"/>.
    /// </exception>
    public static SegmentResult Evaluate(SegmentDefinition definition, ProfileFacts facts, DateTimeOffset now, Func<string, bool>? isMemberOf = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return Compiled.GetValue(definition, CompiledSegment.Compile).Evaluate(facts, now, isMemberOf);
    }

    /// <summary>Compiles a definition for evaluating many profiles.</summary>
    public static CompiledSegment Compile(SegmentDefinition definition) => CompiledSegment.Compile(definition);
}
