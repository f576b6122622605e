using Omnia.Core.Lifecycle;
using Omnia.Core.Personas;
using Omnia.Core.Segments;

namespace Omnia.Core.Audiences;

/// <summary>
/// A workspace's audience settings besides its segments: data-defined computed traits, RFM breakpoints and
/// lifecycle rules. Each is a settings document; a missing one means the defaults.
/// </summary>
public sealed record AudienceSettings(IReadOnlyList<ComputedTraitDefinition> ComputedTraits, RfmBreakpoints Rfm, LifecycleRules Lifecycle)
{
    /// <summary>The workspace's trained persona model, or null before personas are first trained.</summary>
    public PersonaModel? Personas { get; init; }

    /// <summary>When <see cref="Personas"/> was trained (part of the model's identity).</summary>
    public DateTimeOffset? PersonasTrainedAt { get; init; }

    /// <summary>
    /// Event properties that reports read (conversion goals, saved funnels and their surveys): kept with events like
    /// the properties definitions read. They change what events keep, not what audiences are.
    /// </summary>
    public IReadOnlyList<string> ReportPropertyNames { get; init; } = [];

    /// <summary>The settings document names.</summary>
    public const string ComputedTraitsSetting = "computed-traits";
    public const string RfmSetting = "rfm-breakpoints";
    public const string LifecycleSetting = "lifecycle-rules";
    public const string PersonasSetting = "personas";

    /// <summary>No computed traits of its own, default RFM breakpoints and default lifecycle rules.</summary>
    public static AudienceSettings Default { get; } = new([], RfmBreakpoints.Default, LifecycleRules.Default);
}
