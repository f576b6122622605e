namespace Omnia.Core.Attribution;

/// <summary>Settings of <see cref="AttributionEngine"/>; the defaults suit a report.</summary>
public sealed record AttributionOptions
{
    /// <summary>The defaults.</summary>
    public static AttributionOptions Default { get; } = new();

    /// <summary>Credit channels (default) or campaigns within channels.</summary>
    public AttributionLevel Level { get; init; } = AttributionLevel.Channel;

    /// <summary>The channel that last non-direct skips (compared case-insensitively). Default <c>direct</c>.</summary>
    public string DirectChannel { get; init; } = "direct";

    /// <summary>Time decay's half-life: a touch this long before the last touch gets half the weight. Default 7 days.</summary>
    public TimeSpan TimeDecayHalfLife { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Up to this many channels (at most 20) Shapley values are exact (every coalition); beyond, they are
    /// estimated from <see cref="ShapleyPermutations"/> sampled orders. Default 15.</summary>
    public int ShapleyExactLimit { get; init; } = 15;

    /// <summary>Channel orders sampled when Shapley values are estimated (rounded up to a multiple of the number of channels). Default 2,000.</summary>
    public int ShapleyPermutations { get; init; } = 2_000;

    /// <summary>Seed of the Shapley sampling: same paths, same options, same seed, same result. Default 1.</summary>
    public int Seed { get; init; } = 1;
}
