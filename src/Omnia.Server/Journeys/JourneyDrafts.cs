using System.Text.Json;
using Omnia.Core.Audiences;
using Omnia.Core.Content;
using Omnia.Core.Journeys;
using Omnia.Core.Processing;
using Omnia.Core.Profiles;
using Omnia.Core.Segments;
using Omnia.Server.Audiences;

namespace Omnia.Server.Journeys;

/// <summary>
/// The editing side of journeys, shared by the API and the builder: drafts (saved even when invalid), checks
/// (the format's path-precise errors, plus segments and content that do not exist), publishing, status changes,
/// versions, counts and dry runs. Publishing and status changes go through <see cref="JourneyCatalog"/>, which hands the
/// compiled journeys to the engine; counts are the engine's (<see cref="DerivedState.CountersOf"/>).
/// </summary>
public sealed class JourneyDrafts(
    IJourneyStore journeys, IContentStore content, ISegmentStore segments, AudienceSettingsDocuments settings,
    IProfileStore profiles, AudienceModels audiences, JourneyCatalog catalog, DerivedState engine, Messaging.ContactPolicies policies, JourneyHistories histories, TimeProvider clock)
{
    /// <summary>A draft may be at most this large.</summary>
    public const int MaxDraftBytes = 256 * 1024;

    /// <summary>A dry run over a period replays at most this many of the most recently seen profiles.</summary>
    public const int MaxDryRunProfiles = 2_000;

    /// <summary>Every journey not archived (or all, with <paramref name="archived"/>), with its headline counts.</summary>
    public async Task<IReadOnlyList<JourneySummary>> ListAsync(int workspaceId, bool archived = false, CancellationToken ct = default)
    {
        var recorded = await histories.AllAsync(workspaceId, ct);
        return (await journeys.ListJourneysAsync(workspaceId, ct))
            .Where(j => archived || j.Status != JourneyStatus.Archived)
            .OrderBy(j => j.Name, StringComparer.OrdinalIgnoreCase)
            .Select(j =>
            {
                var counters = engine.CountersOf(j.Id);
                return new JourneySummary(j.Slug, j.Name, StatusName(j.Status), j.LiveVersion, j.UpdatedAt,
                    counters?.Entries ?? 0, counters?.Active ?? 0, counters?.Conversions ?? 0, recorded.GetValueOrDefault(j.Slug));
            })
            .ToList();
    }

    /// <summary>One journey with its draft's problems and its counts; null when there is none.</summary>
    public async Task<JourneyView?> GetAsync(int workspaceId, string slug, CancellationToken ct = default)
    {
        if (await journeys.FindJourneyAsync(workspaceId, slug, ct) is not { } stored)
            return null;
        var errors = await CheckAsync(workspaceId, stored.DraftJson, ct);
        bool changed = true;
        if (stored.LiveVersion > 0)
        {
            var versions = await journeys.ListVersionsAsync(stored.Id, ct);
            var live = versions.FirstOrDefault(v => v.Version == stored.LiveVersion);
            changed = live is null || !SameDefinition(live.DefinitionJson, stored.DraftJson);
        }
        return new JourneyView(stored.Slug, stored.Name, StatusName(stored.Status), stored.LiveVersion, stored.UpdatedAt,
            Element(stored.DraftJson), errors, changed, JourneyCounts.Of(engine.CountersOf(stored.Id)),
            (await histories.AllAsync(workspaceId, ct)).GetValueOrDefault(stored.Slug));
    }

    /// <summary>
    /// Saves a draft, valid or not (so no work is lost), and returns it with its problems. Refuses only text that is
    /// not a JSON object (<see cref="DraftOutcome.Refusal"/>).
    /// </summary>
    public async Task<DraftOutcome> SaveDraftAsync(int workspaceId, string slug, string json, CancellationToken ct = default)
    {
        if (!JourneySlugs.IsValid(slug))
            return new DraftOutcome(null, $"'{slug}' is not a journey slug; use lower-case letters, digits and dashes (at most 64), e.g. abandoned-cart.", false);
        string? name;
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                return new DraftOutcome(null, "$: a journey draft must be a JSON object, e.g. {\"version\":1,\"name\":\"Welcome\",…}; see docs/journeys.md.", false);
            // JSON may escape a lone surrogate (\udc00), which no reader can turn back into text: refused here, or the
            // saved draft could never be shown again.
            JsonSerializer.Serialize(document.RootElement);
            name = document.RootElement.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(n.GetString())
                ? n.GetString()!.Trim() : null;
        }
        catch (Exception e) when (e is JsonException { InnerException: InvalidOperationException } or InvalidOperationException)
        {
            return new DraftOutcome(null, "$: the draft has a string that is not valid Unicode (a lone surrogate escape such as \\udc00); remove it. Nothing was saved.", false);
        }
        catch (JsonException e)
        {
            return new DraftOutcome(null, $"$: the draft is not JSON ({e.Message}); nothing was saved.", false);
        }

        bool created = await journeys.FindJourneyAsync(workspaceId, slug, ct) is null;
        await journeys.PutDraftAsync(workspaceId, slug, Truncate(name ?? slug, 200), json, ct);
        return new DraftOutcome(await GetAsync(workspaceId, slug, ct), null, created);
    }

    /// <summary>
    /// The problems of a definition: the format's (each with its JSON path), then segments and content it names that
    /// do not exist. Empty when it can be published.
    /// </summary>
    public async Task<IReadOnlyList<string>> CheckAsync(int workspaceId, string json, CancellationToken ct = default)
    {
        var parsed = JourneyDefinition.Parse(json, await settings.LoadComputedTraitsAsync(workspaceId, ct));
        if (!parsed.IsValid)
            return parsed.Errors.Select(e => e.ToString()).ToList();

        var errors = new List<string>();
        var known = (await segments.ListSegmentsAsync(workspaceId, ct)).Select(s => s.Slug).ToHashSet(StringComparer.Ordinal);
        foreach (var missing in parsed.Definition.ReferencedSegments().Where(s => !known.Contains(s)))
            errors.Add($"{SegmentPath(parsed.Definition, missing)}: there is no segment '{missing}' in this workspace; create it first or pick another");
        var items = (await content.ListContentAsync(workspaceId, ct)).Select(c => c.Slug).ToHashSet(StringComparer.Ordinal);
        for (int i = 0; i < parsed.Definition.Nodes.Count; i++)
        {
            if (parsed.Definition.Nodes[i] is SendStep send && !items.Contains(send.Content))
                errors.Add($"nodes[{i}].content: there is no content '{send.Content}' in this workspace; write it under Content first or pick another");
        }
        return errors;
    }

    /// <summary>Publishes the draft as the next version and makes the journey live on it; refused with every problem when it is invalid.</summary>
    public async Task<PublishOutcome> PublishAsync(int workspaceId, string slug, string? publishedBy, CancellationToken ct = default)
    {
        if (await journeys.FindJourneyAsync(workspaceId, slug, ct) is not { } stored)
            return PublishOutcome.NotFound();
        var errors = await CheckAsync(workspaceId, stored.DraftJson, ct);
        return errors.Count > 0 ? PublishOutcome.Invalid(errors) : await catalog.PublishAsync(workspaceId, slug, publishedBy, ct);
    }

    /// <summary>Pauses, resumes (live again) or archives a journey. Null when there is none; an error text when the change makes no sense.</summary>
    public async Task<StatusOutcome> SetStatusAsync(int workspaceId, string slug, JourneyStatus status, CancellationToken ct = default)
    {
        if (await journeys.FindJourneyAsync(workspaceId, slug, ct) is not { } stored)
            return new StatusOutcome(false, null);
        if (status != JourneyStatus.Archived && stored.LiveVersion == 0)
            return new StatusOutcome(true, $"Journey '{slug}' has never been published; publish it first.");
        if (status == JourneyStatus.Live && stored.Status == JourneyStatus.Archived)
            return new StatusOutcome(true, $"Journey '{slug}' is archived; publish it again to make it live.");
        return await catalog.SetStatusAsync(workspaceId, slug, status, ct)
            ? new StatusOutcome(true, null)
            : new StatusOutcome(true, $"Journey '{slug}' cannot be {StatusName(status)} now.");
    }

    /// <summary>Every published version, newest first; null when there is no such journey.</summary>
    public async Task<IReadOnlyList<VersionView>?> VersionsAsync(int workspaceId, string slug, CancellationToken ct = default)
    {
        if (await journeys.FindJourneyAsync(workspaceId, slug, ct) is not { } stored)
            return null;
        return (await journeys.ListVersionsAsync(stored.Id, ct)).OrderByDescending(v => v.Version)
            .Select(v => new VersionView(v.Version, v.PublishedAt, v.PublishedBy, v.Version == stored.LiveVersion && stored.Status == JourneyStatus.Live, Element(v.DefinitionJson)))
            .ToList();
    }

    /// <summary>
    /// Replays the journey's draft over one profile's history (<paramref name="profileId"/>), or over the last
    /// <paramref name="days"/> days of the most recently seen profiles, without sending anything.
    /// </summary>
    public async Task<DryRunOutcome> DryRunAsync(int workspaceId, string slug, long? profileId, int days, CancellationToken ct = default)
    {
        if (await journeys.FindJourneyAsync(workspaceId, slug, ct) is not { } stored)
            return new DryRunOutcome(false, null, []);
        var parsed = JourneyDefinition.Parse(stored.DraftJson, await settings.LoadComputedTraitsAsync(workspaceId, ct));
        if (!parsed.IsValid)
            return new DryRunOutcome(true, null, parsed.Errors.Select(e => e.ToString()).ToList());

        var now = clock.GetUtcNow();
        var from = now.AddDays(-days);
        IReadOnlyList<long> ids = profileId is { } one
            ? [one]
            : (await profiles.QueryAsync(workspaceId, new ProfileQuery { Sort = ProfileSort.LastSeen, Descending = true }, ct)).Take(MaxDryRunProfiles).ToList();
        var model = await audiences.ForAsync(workspaceId, ct);
        var facts = await profiles.FactsAsync(ids, PropertiesRead(stored.DraftJson), ct);
        var histories = ids.Where(facts.ContainsKey).Select(id => facts[id])
            .Where(f => f.Profile.WorkspaceId == workspaceId && (profileId is not null || f.Profile.LastSeen >= from))
            .Select(f => new ProfileHistory(f.Profile, f.Events)
            {
                TimeZone = RenderModel.ZoneOf(f.Profile.Traits.ToDictionary(t => t.Key, t => t.Value.Value, StringComparer.Ordinal)),
            })
            .ToList();
        if (profileId is not null && histories.Count == 0)
            return new DryRunOutcome(true, null, [$"profileId: there is no profile '{Profiles.ProfileIds.Format(profileId.Value)}' in this workspace"]);

        var journey = CompiledJourney.Compile(stored.Id, Math.Max(stored.LiveVersion, 1), parsed.Definition);
        var policy = await policies.ForAsync(workspaceId, ct);
        var identifiers = new Dictionary<long, IReadOnlyList<Omnia.Core.Identity.Identifier>>();
        foreach (var history in histories)
            identifiers[history.Profile.Id] = await profiles.IdentifiersAsync(history.Profile.Id, ct);
        var report = JourneyDryRun.Run(journey, histories, new DryRunOptions(from, now)
        {
            Audience = model.Context,
            IsReachable = (profile, channel) => Omnia.Core.Messaging.ContactRules.IsReachable(policy, channel,
                Omnia.Core.Messaging.ChannelAddresses.For(channel, profile, identifiers.GetValueOrDefault(profile.Id) ?? []) is not null, profile.Consent),
        });
        var messages = report.Messages;
        var view = new DryRunView(from, now, histories.Count, report.Entries, report.InProgress, messages.Count,
            messages.Take(500).Select(m => new DryRunMessage(Profiles.ProfileIds.Format(m.ProfileId), m.At, m.NodeId, m.Content, m.Channel, m.EntryKey)).ToList(),
            report.Exits.ToDictionary(e => JsonNamingPolicy.CamelCase.ConvertName(e.Key.ToString()), e => e.Value),
            report.Refusals.ToDictionary(e => JsonNamingPolicy.CamelCase.ConvertName(e.Key.ToString()), e => e.Value),
            report.Conversions.Journey.Converted);
        return new DryRunOutcome(true, view, []);
    }

    /// <summary>The id of a journey by slug, for the counts of the engine; null when there is none.</summary>
    public async Task<StoredJourney?> FindAsync(int workspaceId, string slug, CancellationToken ct = default) =>
        await journeys.FindJourneyAsync(workspaceId, slug, ct);

    /// <summary>Live counts of a journey.</summary>
    public JourneyCounts Counts(long journeyId) => JourneyCounts.Of(engine.CountersOf(journeyId));

    /// <summary>The lower-case name of a status, as the API writes it.</summary>
    public static string StatusName(JourneyStatus status) => status.ToString().ToLowerInvariant();

    private static string SegmentPath(JourneyDefinition definition, string slug) => definition.Trigger switch
    {
        SegmentTrigger s when s.Slug == slug => "trigger",
        ScheduleTrigger s when s.Segment == slug => "trigger.schedule.segment",
        _ => "$",
    };

    /// <summary>Property names the draft reads (keys, match keys, filter properties), so the dry run's events carry them.</summary>
    private static List<string> PropertiesRead(string json)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            Collect(document.RootElement, names);
        }
        catch (JsonException)
        {
        }
        return [.. names];

        static void Collect(JsonElement element, HashSet<string> names)
        {
            if (element.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in element.EnumerateArray())
                    Collect(item, names);
            }
            else if (element.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name is "key" or "matchKey" or "property" && property.Value.ValueKind == JsonValueKind.String)
                        names.Add(property.Value.GetString()!);
                    Collect(property.Value, names);
                }
            }
        }
    }

    private static bool SameDefinition(string a, string b)
    {
        var left = JourneyDefinition.ParseSaved(a);
        var right = JourneyDefinition.ParseSaved(b);
        return left.IsValid && right.IsValid && left.Definition.Equals(right.Definition);
    }

    private static JsonElement Element(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(json);
        }
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];
}

/// <summary>A saved draft (null with <see cref="Refusal"/> when the text was no JSON object).</summary>
public sealed record DraftOutcome(JourneyView? Journey, string? Refusal, bool Created);

/// <summary>A status change: <see cref="Found"/> false when there is no such journey; a refusal in words.</summary>
public sealed record StatusOutcome(bool Found, string? Refusal);

/// <summary>A dry run's report, or why it could not run.</summary>
public sealed record DryRunOutcome(bool Found, DryRunView? Report, IReadOnlyList<string> Errors);
