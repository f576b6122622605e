using System.Diagnostics.CodeAnalysis;
using Omnia.Core.Segments;

namespace Omnia.Core.Messaging;

/// <summary>The outcome of <see cref="ContactPolicy.Parse"/>: a policy, or every error found in it.</summary>
public sealed record ContactPolicyParseResult(ContactPolicy? Policy, IReadOnlyList<SegmentError> Errors)
{
    [MemberNotNullWhen(true, nameof(Policy))]
    public bool IsValid => Policy is not null;
}
