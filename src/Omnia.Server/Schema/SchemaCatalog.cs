using System.Collections.Concurrent;
using Omnia.Core.Audiences;
using Omnia.Core.Events;
using Omnia.Core.Lifecycle;
using Omnia.Core.Schema;
using Omnia.Core.Touchpoints;
using Omnia.Server.Audiences;

namespace Omnia.Server.Schema;

/// <summary>
/// What a workspace's data and definitions name, for the visual editors' pickers: event names, properties and traits
/// with their value types from a sample of the event log (the newest <see cref="SampleLimit"/> events, read a page at
/// a time and kept for <see cref="CacheFor"/>), merged on every request with the names saved definitions use, and the
/// computed traits, segments, personas, lifecycle stages and channels that exist. No derived table: the log is the
/// source.
/// </summary>
public sealed class SchemaCatalog(
    IEventStore log, ISegmentStore segments, AudienceSettingsDocuments settings, PersonaCatalog personas, TimeProvider clock)
{
    /// <summary>At most this many of a workspace's newest events are read.</summary>
    public const int SampleLimit = 50_000;

    /// <summary>Events read per query, so one page is in memory at a time.</summary>
    public const int PageSize = 5_000;

    /// <summary>A workspace's sample is reused for this long.</summary>
    public static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<int, (DateTimeOffset ReadAt, Lazy<Task<ObservedSchema>> Sample)> _samples = new();

    public async Task<WorkspaceSchema> GetAsync(int workspaceId, CancellationToken ct = default)
    {
        var sample = await SampleAsync(workspaceId).WaitAsync(ct);
        var audience = await settings.LoadAsync(workspaceId, ct);
        var saved = await segments.ListSegmentsAsync(workspaceId, ct);
        var used = new UsedNames();
        foreach (var segment in saved)
        {
            used.Add(segment.Definition.Condition);
        }

        foreach (var rule in audience.Lifecycle.Rules)
        {
            used.Add(rule.Condition);
        }

        foreach (var trait in audience.ComputedTraits)
        {
            used.Add(trait);
        }

        var observed = sample.Including(used);
        var document = await personas.LoadAsync(workspaceId, ct);
        return new WorkspaceSchema(
            observed.Sample,
            observed.Events,
            observed.Traits,
            ComputedTraitChoice.For(audience.ComputedTraits),
            saved.OrderBy(s => s.Slug, StringComparer.Ordinal).Select(s => new SegmentChoice(s.Slug, s.Definition.Name)).ToList(),
            document is null ? [] : document.Model.Clusters.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => new PersonaChoice(c.Key, document.NameOf(c))).ToList(),
            LifecycleStages.Names,
            Channels.All.Select(c => new ChannelChoice(c, Channels.DisplayName(c))).ToList());
    }

    /// <summary>The cached sample, or a new read shared by the requests that arrive while it runs.</summary>
    private Task<ObservedSchema> SampleAsync(int workspaceId)
    {
        var now = clock.GetUtcNow();
        var entry = _samples.AddOrUpdate(
            workspaceId,
            _ => (now, new Lazy<Task<ObservedSchema>>(() => ReadSampleAsync(workspaceId))),
            (_, current) => now - current.ReadAt < CacheFor && !current.Sample.Value.IsFaulted
                ? current
                : (now, new Lazy<Task<ObservedSchema>>(() => ReadSampleAsync(workspaceId))));
        return entry.Sample.Value;
    }

    private async Task<ObservedSchema> ReadSampleAsync(int workspaceId)
    {
        // Not cancelled with the request that started it: others may be waiting for the same read.
        var collector = new SchemaCollector();
        long before = long.MaxValue;
        int read = 0;
        while (read < SampleLimit)
        {
            var page = await log.LatestBeforeAsync(workspaceId, before, Math.Min(PageSize, SampleLimit - read));
            foreach (var logged in page)
            {
                collector.Add(logged);
            }

            read += page.Count;
            if (page.Count < PageSize)
            {
                return collector.Build(SampleLimit, complete: true);
            }

            before = page[^1].Seq;
        }

        bool complete = (await log.LatestBeforeAsync(workspaceId, before, 1)).Count == 0;
        return collector.Build(SampleLimit, complete);
    }
}

/// <summary>The schema catalog of a workspace, as <c>GET /api/v1/workspaces/{workspace}/schema</c> answers it.</summary>
/// <param name="Sample">Which events the names and types were read from.</param>
/// <param name="Events">Event names (track events, pages and screens) with their properties, most frequent first.</param>
/// <param name="Traits">Profile traits (identify calls and <c>context.traits</c>), most frequent first.</param>
/// <param name="ComputedTraits">Built-in and the workspace's computed traits, with the operators conditions may use on each.</param>
/// <param name="Segments">Saved segments, by slug.</param>
/// <param name="Personas">The trained personas, by key, with the names people gave them.</param>
/// <param name="LifecycleStages">The stages, lowest first.</param>
/// <param name="Channels">Channel codes with their names, as consent conditions use them.</param>
public sealed record WorkspaceSchema(
    SchemaSample Sample,
    IReadOnlyList<ObservedEvent> Events,
    IReadOnlyList<ObservedField> Traits,
    IReadOnlyList<ComputedTraitChoice> ComputedTraits,
    IReadOnlyList<SegmentChoice> Segments,
    IReadOnlyList<PersonaChoice> Personas,
    IReadOnlyList<string> LifecycleStages,
    IReadOnlyList<ChannelChoice> Channels);

/// <summary>A saved segment a condition can refer to.</summary>
public sealed record SegmentChoice(string Slug, string Name);

/// <summary>A persona a condition can name.</summary>
public sealed record PersonaChoice(string Key, string Name);

/// <summary>A channel code and its name.</summary>
public sealed record ChannelChoice(string Code, string Name);
