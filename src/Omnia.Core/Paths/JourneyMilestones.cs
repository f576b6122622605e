using System.Collections.Frozen;
using Omnia.Core.Attribution;

namespace Omnia.Core.Paths;

/// <summary>
/// The events that mark lifecycle milestones on a journey, for the W-shaped model: a visit holding a lead event
/// (<c>Signed Up</c>, <c>Lead Created</c>, …) created the lead, one holding an opportunity event (<c>Checkout
/// Started</c>, <c>Quote Requested</c>, …) the opportunity.
/// </summary>
public static class JourneyMilestones
{
    /// <summary>Events that turn a person into a lead.</summary>
    public static IReadOnlyList<string> LeadEvents { get; } = ["Signed Up", "Lead Created", "Form Submitted", "Newsletter Subscribed", "Account Created"];

    /// <summary>Events that open an opportunity.</summary>
    public static IReadOnlyList<string> OpportunityEvents { get; } = ["Checkout Started", "Opportunity Created", "Quote Requested", "Demo Requested"];

    private static readonly FrozenDictionary<string, JourneyMilestone> ByName =
        LeadEvents.Select(n => (n, JourneyMilestone.Lead)).Concat(OpportunityEvents.Select(n => (n, JourneyMilestone.Opportunity)))
            .ToFrozenDictionary(p => p.n, p => p.Item2, StringComparer.Ordinal);

    /// <summary>The milestone an event named <paramref name="name"/> marks, or none.</summary>
    public static JourneyMilestone Of(string? name) => name is not null && ByName.TryGetValue(name, out var milestone) ? milestone : JourneyMilestone.None;
}
