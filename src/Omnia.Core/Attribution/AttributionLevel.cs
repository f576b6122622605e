namespace Omnia.Core.Attribution;

/// <summary>What the models credit: channels, or campaigns within channels.</summary>
public enum AttributionLevel
{
    /// <summary>One credit per channel; campaigns are ignored.</summary>
    Channel,

    /// <summary>One credit per (channel, campaign); a touch without a campaign counts as its channel's "no campaign" key.</summary>
    Campaign,
}
