using System.Security.Cryptography;
using System.Text;
using Omnia.Core.Lifecycle;
using Omnia.Core.Segments;

namespace Omnia.Core.Audiences;

/// <summary>
/// Everything that decides a workspace's audiences, compiled for evaluating many profiles: its segments in
/// dependency order (a segment comes after the segments it refers to). <see cref="Fingerprint"/> changes
/// whenever any of it changes, which is how the processor knows a full recompute is due.
/// Immutable and safe to share between threads.
/// </summary>
public sealed class AudienceModel
{
    private AudienceModel(int workspaceId, IReadOnlyList<ModelSegment> segments, AudienceSettings settings, string fingerprint, string settingsFingerprint)
    {
        SettingsFingerprint = settingsFingerprint;
        WorkspaceId = workspaceId;
        Segments = segments;
        Settings = settings;
        Context = new AudienceContext(settings.Rfm, settings.ComputedTraits);
        Lifecycle = LifecycleEvaluator.Compile(settings.Lifecycle);
        Fingerprint = fingerprint;
        var conditions = segments.Select(s => s.Compiled.Definition)
            .Concat(settings.Lifecycle.Rules.Select(r => new SegmentDefinition(r.Stage.ToString(), null, r.Condition)));
        EventNames = conditions.SelectMany(d => d.EventNames(settings.ComputedTraits)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        PropertyNames = conditions.SelectMany(d => d.PropertyNames(settings.ComputedTraits))
            .Concat(settings.ComputedTraits.SelectMany(t => t.PropertyNames())).Concat(settings.ReportPropertyNames)
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>The settings the model was built with.</summary>
    public AudienceSettings Settings { get; }

    /// <summary>What evaluation reads besides a profile's facts: RFM breakpoints and computed trait definitions.</summary>
    public AudienceContext Context { get; }

    /// <summary>The compiled lifecycle rules.</summary>
    public CompiledLifecycleRules Lifecycle { get; }

    public int WorkspaceId { get; }

    /// <summary>The segments, each after the segments it refers to.</summary>
    public IReadOnlyList<ModelSegment> Segments { get; }

    /// <summary>The names of the events any segment looks at; the only events loaded to evaluate a profile (none: traits suffice).</summary>
    public IReadOnlyList<string> EventNames { get; }

    /// <summary>
    /// The event property names any definition reads (segments, lifecycle rules, every computed trait) and those reports
    /// read (<see cref="AudienceSettings.ReportPropertyNames"/>): the only properties kept with events in memory.
    /// </summary>
    public IReadOnlyList<string> PropertyNames { get; }

    /// <summary>
    /// A hash of everything in the model but the segments (computed traits, RFM breakpoints, lifecycle rules,
    /// personas): when only segments changed, only they (and the segments that refer to them) need a recompute.
    /// </summary>
    public string SettingsFingerprint { get; }

    /// <summary>
    /// The segments whose result may differ from <paramref name="previous"/>'s for the same profile: those added or
    /// changed, and those that refer to them; null when more than segments changed (everything must be decided
    /// again). Segments of <paramref name="previous"/> that are gone are in <paramref name="removed"/>.
    /// </summary>
    public IReadOnlySet<long>? ChangedSegmentsSince(AudienceModel previous, out IReadOnlyList<long> removed)
    {
        ArgumentNullException.ThrowIfNull(previous);
        var before = previous.Segments.ToDictionary(s => s.Id, s => s.Version);
        var gone = before.Keys.Where(id => Segments.All(s => s.Id != id)).ToList();
        removed = gone;
        if (previous.WorkspaceId != WorkspaceId || previous.SettingsFingerprint != SettingsFingerprint)
            return null;
        var changed = new HashSet<long>();
        var changedSlugs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var slug in previous.Segments.Where(s => gone.Contains(s.Id)).Select(s => s.Slug))
            changedSlugs.Add(slug);
        foreach (var segment in Segments)
        {
            // Dependency order: a segment comes after those it refers to, so one pass sees every change it depends on.
            if (!before.TryGetValue(segment.Id, out var version) || version != segment.Version
                || segment.Compiled.Definition.ReferencedSegments().Any(changedSlugs.Contains))
            {
                changed.Add(segment.Id);
                changedSlugs.Add(segment.Slug);
            }
        }

        return changed;
    }

    /// <summary>A hash of every definition and version in the model.</summary>
    public string Fingerprint { get; }

    /// <summary>A workspace with no audiences defined.</summary>
    public static AudienceModel Empty(int workspaceId) => Build(workspaceId, [], AudienceSettings.Default);

    /// <summary>
    /// Compiles a workspace's saved segments. A segment that refers to a missing segment, or that is part of a
    /// reference cycle, is left out (saving checks for both, so this only guards against a store edited by hand).
    /// </summary>
    public static AudienceModel Build(int workspaceId, IReadOnlyList<StoredSegment> segments, AudienceSettings settings)
    {
        ArgumentNullException.ThrowIfNull(segments);
        ArgumentNullException.ThrowIfNull(settings);
        var ordered = SegmentGraph.Order(segments, out _);
        var compiled = ordered.Select(s => new ModelSegment(s.Id, s.Slug, s.Version, SegmentEvaluator.Compile(s.Definition))).ToList();
        var text = new StringBuilder();
        foreach (var trait in settings.ComputedTraits.OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            text.Append("trait:").Append(trait.ToJson()).Append('\n');
        }

        text.Append("rfm:").Append(string.Join(',', settings.Rfm.RecencyDays)).Append('|').Append(string.Join(',', settings.Rfm.Frequency))
            .Append('|').Append(string.Join(',', settings.Rfm.Monetary)).Append('\n');
        text.Append("lifecycle:").Append(settings.Lifecycle.ToJson()).Append('\n');
        text.Append("personas:").Append(settings.PersonasTrainedAt?.ToUnixTimeMilliseconds()).Append('\n');
        string settingsFingerprint = Hash(text.ToString());
        foreach (var segment in ordered.OrderBy(s => s.Id))
        {
            text.Append(segment.Id).Append(':').Append(segment.Version).Append(':').Append(segment.Definition.ToJson()).Append('\n');
        }

        return new AudienceModel(workspaceId, compiled, settings, Hash(text.ToString()), settingsFingerprint);
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
}

/// <summary>A compiled segment of an <see cref="AudienceModel"/>.</summary>
public sealed record ModelSegment(long Id, string Slug, int Version, CompiledSegment Compiled);
