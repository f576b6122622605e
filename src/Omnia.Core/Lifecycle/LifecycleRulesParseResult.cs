using System.Diagnostics.CodeAnalysis;
using Omnia.Core.Segments;

namespace Omnia.Core.Lifecycle;

/// <summary>The outcome of <see cref="LifecycleRules.Parse(string)"/>: the rules, or every error found in them.</summary>
public sealed record LifecycleRulesParseResult(LifecycleRules? Rules, IReadOnlyList<SegmentError> Errors)
{
    /// <summary>Whether the rules were read without errors.</summary>
    [MemberNotNullWhen(true, nameof(Rules))]
    public bool IsValid => Rules is not null;
}
