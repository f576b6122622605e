namespace Omnia.Core.Attribution;

/// <summary>Lifecycle milestones a touch can create; the W-shaped model gives them extra credit.</summary>
[Flags]
public enum JourneyMilestone : byte
{
    /// <summary>An ordinary touch.</summary>
    None = 0,

    /// <summary>The touch that turned the person into a lead (e.g. a sign-up).</summary>
    Lead = 1,

    /// <summary>The touch that created the opportunity (e.g. a quote request or a checkout).</summary>
    Opportunity = 2,
}
