using Omnia.Core.Audiences;
using Omnia.Core.Profiles;
using Omnia.Core.Segments;
using Omnia.Server.Profiles;

namespace Omnia.Server.Audiences;

/// <summary>
/// Saving, deleting, sizing and previewing segments: one code path for the API, the CLI and the dashboard, so
/// they give the same answers and the same validation messages.
/// </summary>
public sealed class SegmentCatalog(
    ISegmentStore segments, IAudienceStore audiences, IProfileStore profiles, AudienceModels models, AudienceSettingsDocuments settings, TimeProvider clock)
{
    /// <summary>Profiles evaluated for an estimate unless asked otherwise.</summary>
    public const int DefaultSample = 1_000;

    /// <summary>A definition document may be this long.</summary>
    public const int MaxDefinitionBytes = 256 * 1024;

    public async Task<IReadOnlyList<SegmentView>> ListAsync(int workspaceId, CancellationToken ct = default)
    {
        var saved = await segments.ListSegmentsAsync(workspaceId, ct);
        var sizes = await audiences.SizesAsync(workspaceId, ct);
        bool recomputing = await IsRecomputingAsync(workspaceId, ct);
        return saved.Select(s => SegmentView.From(s, sizes.GetValueOrDefault(s.Id), recomputing)).ToList();
    }

    public async Task<SegmentView?> GetAsync(int workspaceId, string slug, CancellationToken ct = default)
    {
        var saved = await segments.FindSegmentAsync(workspaceId, slug, ct);
        if (saved is null)
        {
            return null;
        }

        var sizes = await audiences.SizesAsync(workspaceId, ct);
        return SegmentView.From(saved, sizes.GetValueOrDefault(saved.Id), await IsRecomputingAsync(workspaceId, ct));
    }

    /// <summary>
    /// Checks and saves a definition under <paramref name="slug"/> (from the name when null). With
    /// <paramref name="createOnly"/>, an existing slug is a conflict rather than replaced.
    /// </summary>
    public async Task<SaveOutcome> SaveAsync(int workspaceId, string? slug, string json, bool createOnly, CancellationToken ct = default)
    {
        var parsed = Parse(json, await settings.LoadComputedTraitsAsync(workspaceId, ct), out var errors);
        if (parsed is null)
        {
            return SaveOutcome.Invalid(errors);
        }

        slug ??= SegmentSlug.FromName(parsed.Name);
        if (!SegmentSlug.IsValid(slug))
        {
            return SaveOutcome.Invalid([slug is null
                ? "name: give a name with letters or digits, or a slug"
                : SegmentSlug.Reserved.Contains(slug, StringComparer.Ordinal)
                    ? $"slug: '{slug}' is reserved; choose another slug"
                    : $"slug: '{slug}' is not a valid slug: use lower-case letters, digits and dashes, at most {SegmentSlug.MaxLength} characters"]);
        }

        var existing = await segments.ListSegmentsAsync(workspaceId, ct);
        var previous = existing.FirstOrDefault(s => s.Slug == slug);
        if (createOnly && previous is not null)
        {
            return SaveOutcome.Conflict($"A segment with slug '{slug}' exists already; PUT /segments/{slug} to change it, or choose another name.");
        }

        var candidate = new StoredSegment(previous?.Id ?? 0, workspaceId, slug, parsed, 1, clock.GetUtcNow(), clock.GetUtcNow());
        var problems = SegmentGraph.Check(existing, candidate);
        if (problems.Count > 0)
        {
            return SaveOutcome.Invalid(problems.Select(p => "condition: " + p).ToList());
        }

        var saved = await segments.PutSegmentAsync(workspaceId, slug, parsed.ToJson(), ct);
        if (previous is null || saved.Version != previous.Version)
        {
            await models.ReloadAsync(workspaceId, ct);
        }

        var sizes = await audiences.SizesAsync(workspaceId, ct);
        return SaveOutcome.Saved(SegmentView.From(saved, sizes.GetValueOrDefault(saved.Id), await IsRecomputingAsync(workspaceId, ct)), created: previous is null);
    }

    /// <summary>Deletes a segment unless other segments refer to it. Its members leave it as membership is recomputed.</summary>
    public async Task<DeleteOutcome> DeleteAsync(int workspaceId, string slug, CancellationToken ct = default)
    {
        var existing = await segments.ListSegmentsAsync(workspaceId, ct);
        if (existing.All(s => s.Slug != slug))
        {
            return DeleteOutcome.NotFound;
        }

        var usedBy = SegmentGraph.UsedBy(existing, slug);
        if (usedBy.Count > 0)
        {
            return new DeleteOutcome(true, usedBy);
        }

        await segments.DeleteSegmentAsync(workspaceId, slug, ct);
        await models.ReloadAsync(workspaceId, ct);
        return new DeleteOutcome(true, []);
    }

    /// <summary>
    /// How many profiles a draft definition would hold, from a uniform sample of <paramref name="sample"/> profiles
    /// (every profile when <paramref name="exact"/>), with a few of the matching profiles as a preview.
    /// </summary>
    public async Task<EstimateOutcome> EstimateAsync(int workspaceId, string json, int sample, bool exact, CancellationToken ct = default)
    {
        var parsed = Parse(json, await settings.LoadComputedTraitsAsync(workspaceId, ct), out var errors);
        if (parsed is null)
        {
            return new EstimateOutcome(null, [], errors);
        }

        var model = await models.ForAsync(workspaceId, ct);
        var bySlug = model.Segments.ToDictionary(s => s.Slug, s => s.Id, StringComparer.Ordinal);
        var missing = parsed.ReferencedSegments().Where(slug => !bySlug.ContainsKey(slug)).ToList();
        if (missing.Count > 0)
        {
            return new EstimateOutcome(null, [], missing.Select(m => $"condition: refers to segment '{m}', which does not exist").ToList());
        }

        var compiled = SegmentEvaluator.Compile(parsed);
        // Other segments, the lifecycle stage and the persona are read as they are stored now, as real-time evaluation keeps them.
        var properties = parsed.PropertyNames(model.Settings.ComputedTraits);
        var (ids, population) = await audiences.SampleProfileIdsAsync(workspaceId, exact ? int.MaxValue : Math.Clamp(sample, 100, 100_000), seed: 1, ct);
        var now = clock.GetUtcNow();
        var matched = new List<ProfileState>();
        int evaluated = 0;
        foreach (var chunk in ids.Chunk(500))
        {
            var facts = await profiles.FactsAsync(chunk, properties, ct);
            var memberships = await audiences.GetAsync(chunk, ct);
            foreach (long id in chunk)
            {
                if (!facts.TryGetValue(id, out var profile))
                {
                    continue;
                }

                evaluated++;
                var stored = memberships.GetValueOrDefault(id);
                var inSegments = stored?.Segments ?? [];
                var current = profile with { Audience = model.Context, LifecycleStage = stored?.LifecycleStage, Persona = stored?.Persona };
                if (compiled.Evaluate(current, now, slug => inSegments.Contains(bySlug[slug])).IsMember)
                {
                    matched.Add(profile.Profile);
                }
            }
        }

        var estimate = SizeEstimate.FromSample(matched.Count, evaluated, Math.Max(population, evaluated));
        var examples = matched.OrderByDescending(p => p.LastSeen).Take(10).Select(ProfileSummary.From).ToList();
        return new EstimateOutcome(estimate, examples, []);
    }

    /// <summary>A page of a segment's members, in profile id order.</summary>
    public async Task<(IReadOnlyList<ProfileSummary> Members, long? Next)> MembersAsync(long segmentId, long after, int limit, CancellationToken ct = default)
    {
        var ids = await audiences.MembersAsync(segmentId, after, limit, ct);
        var states = (await profiles.GetManyAsync(ids, ct)).ToDictionary(p => p.Id);
        var members = ids.Where(states.ContainsKey).Select(id => ProfileSummary.From(states[id])).ToList();
        return (members, ids.Count == limit ? ids[^1] : null);
    }

    private async Task<bool> IsRecomputingAsync(int workspaceId, CancellationToken ct)
    {
        var model = await models.ForAsync(workspaceId, ct);
        var progress = await audiences.RecomputeProgressAsync(workspaceId, ct);
        return progress is not { Done: true } || progress.Fingerprint != model.Fingerprint;
    }

    private static SegmentDefinition? Parse(string json, IReadOnlyList<ComputedTraitDefinition> computedTraits, out IReadOnlyList<string> errors)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            errors = ["$: send the segment definition as JSON: {\"version\":1,\"name\":\"…\",\"condition\":{…}} (see docs/segments.md)"];
            return null;
        }

        var parsed = SegmentDefinition.Parse(json, computedTraits);
        errors = parsed.Errors.Select(e => e.ToString()).ToList();
        return parsed.Definition;
    }
}

/// <summary>The result of <see cref="SegmentCatalog.SaveAsync"/>.</summary>
public sealed record SaveOutcome(SegmentView? Segment, bool Created, IReadOnlyList<string> Errors, string? ConflictMessage)
{
    public static SaveOutcome Saved(SegmentView segment, bool created) => new(segment, created, [], null);

    public static SaveOutcome Invalid(IReadOnlyList<string> errors) => new(null, false, errors, null);

    public static SaveOutcome Conflict(string message) => new(null, false, [], message);
}

/// <summary>The result of <see cref="SegmentCatalog.DeleteAsync"/>: whether it existed and, if it was kept, which segments use it.</summary>
public sealed record DeleteOutcome(bool Found, IReadOnlyList<string> UsedBy)
{
    public static readonly DeleteOutcome NotFound = new(false, []);
}

/// <summary>The result of <see cref="SegmentCatalog.EstimateAsync"/>.</summary>
public sealed record EstimateOutcome(SizeEstimate? Estimate, IReadOnlyList<ProfileSummary> Examples, IReadOnlyList<string> Errors);
