namespace Omnia.Core.Attribution;

/// <summary>What a credit belongs to: a channel, or a campaign within a channel.</summary>
/// <param name="Channel">The channel code.</param>
/// <param name="Campaign">The campaign, or null for a channel-level credit (or a touch that had no campaign).</param>
public readonly record struct AttributionKey(string Channel, string? Campaign = null)
{
    /// <summary><c>channel</c>, or <c>channel / campaign</c>.</summary>
    public override string ToString() => Campaign is null ? Channel : $"{Channel} / {Campaign}";
}
