using System.Text.Json;
using Omnia.Core.Content;
using Omnia.Core.Profiles;
using Omnia.Core.Segments;
using Omnia.Server.Audiences;
using Omnia.Server.Journeys;
using Omnia.Server.Profiles;

namespace Omnia.Server.Content;

/// <summary>
/// Content items for the API and the editor: saved only when valid (docs/messaging.md), each answered with its
/// constraint and consistency issues, and previews rendered with a real profile's data (nothing is sent).
/// </summary>
public sealed class ContentLibrary(IContentStore store, IProfileStore profiles, AudienceModels audiences, TimeProvider clock)
{
    /// <summary>A content item may be at most this large.</summary>
    public const int MaxContentBytes = 1024 * 1024;

    public async Task<IReadOnlyList<ContentSummary>> ListAsync(int workspaceId, CancellationToken ct = default) =>
        (await store.ListContentAsync(workspaceId, ct))
            .Select(c => (Stored: c, Parsed: ContentItem.Parse(c.Json).Content))
            .OrderBy(c => c.Parsed?.Name ?? c.Stored.Slug, StringComparer.OrdinalIgnoreCase)
            .Select(c => new ContentSummary(c.Stored.Slug, c.Parsed?.Name ?? c.Stored.Slug, c.Parsed?.Campaign, c.Parsed?.Channels ?? [], c.Stored.Version, c.Stored.UpdatedAt))
            .ToList();

    public async Task<ContentView?> GetAsync(int workspaceId, string slug, CancellationToken ct = default) =>
        await store.FindContentAsync(workspaceId, slug, ct) is { } stored ? View(stored) : null;

    /// <summary>The raw stored item, for the audit log's before state.</summary>
    public async Task<StoredContent?> FindAsync(int workspaceId, string slug, CancellationToken ct = default) =>
        await store.FindContentAsync(workspaceId, slug, ct);

    /// <summary>Checks and saves an item; nothing is saved when it has errors (<see cref="ContentOutcome.Errors"/>).</summary>
    public async Task<ContentOutcome> SaveAsync(int workspaceId, string slug, string json, CancellationToken ct = default)
    {
        if (!JourneySlugs.IsValid(slug))
            return new ContentOutcome(null, [$"slug: '{slug}' is not a content slug; use lower-case letters, digits and dashes (at most 64), e.g. cart-reminder"], false);
        var parsed = ContentItem.Parse(json);
        if (!parsed.IsValid)
            return new ContentOutcome(null, parsed.Errors.Select(e => e.ToString()).ToList(), false);
        bool created = await store.FindContentAsync(workspaceId, slug, ct) is null;
        var stored = await store.PutContentAsync(workspaceId, slug, parsed.Content.ToJson(), ct);
        return new ContentOutcome(View(stored), [], created);
    }

    public async Task<bool> DeleteAsync(int workspaceId, string slug, CancellationToken ct = default) =>
        await store.DeleteContentAsync(workspaceId, slug, ct);

    /// <summary>The issues of a draft item without saving it: its errors (each with its path), or its constraint and consistency issues.</summary>
    public ContentCheckView Check(string json)
    {
        var parsed = ContentItem.Parse(json);
        if (!parsed.IsValid)
            return new ContentCheckView(false, parsed.Errors.Select(e => e.ToString()).ToList(), [], null);
        var sms = parsed.Content.Sms is null ? null
            : SmsView.Of(ContentPreview.Render(CompiledContent.Compile(parsed.Content), new RenderModel { Now = clock.GetUtcNow() })
                .FirstOrDefault(p => p.Channel == ContentChannels.Sms)?.Message);
        return new ContentCheckView(true, [], Issues(parsed.Content), sms);
    }

    /// <summary>
    /// Renders an item (saved, by slug, or a draft's JSON) for one profile of the workspace. Errors when the item or
    /// profile is unknown or the draft is invalid.
    /// </summary>
    public async Task<PreviewOutcome> PreviewAsync(int workspaceId, string? slug, string? draftJson, long profileId, CancellationToken ct = default)
    {
        string? json = draftJson;
        if (slug is not null)
        {
            if (await store.FindContentAsync(workspaceId, slug, ct) is not { } stored)
                return new PreviewOutcome(null, [], NotFound: $"There is no content '{slug}' in this workspace; GET /content lists them.");
            json = stored.Json;
        }

        var parsed = ContentItem.Parse(json ?? "");
        if (!parsed.IsValid)
            return new PreviewOutcome(null, parsed.Errors.Select(e => e.ToString()).ToList(), null);
        var facts = (await profiles.FactsAsync([profileId], null, ct)).GetValueOrDefault(profileId);
        if (facts is null || facts.Profile.WorkspaceId != workspaceId)
            return new PreviewOutcome(null, [], NotFound: $"There is no profile '{ProfileIds.Format(profileId)}' in this workspace; search under Profiles for one.");
        var model = await audiences.ForAsync(workspaceId, ct);
        var previews = ContentPreview.Render(CompiledContent.Compile(parsed.Content), facts with { Audience = model.Context }, clock.GetUtcNow());
        return new PreviewOutcome(new PreviewView(ProfileIds.Format(facts.Profile.Id),
            previews.Select(p => new ChannelPreviewView(p.Channel, p.Message, p.RenderError, p.Issues.Select(IssueView.Of).ToList(), SmsView.Of(p.Message))).ToList()), [], null);
    }

    private ContentView View(StoredContent stored)
    {
        var parsed = ContentItem.Parse(stored.Json);
        return new ContentView(stored.Slug, parsed.Content?.Name ?? stored.Slug, stored.Version, stored.UpdatedAt, Element(stored.Json),
            parsed.IsValid ? Issues(parsed.Content) : parsed.Errors.Select(e => new IssueView(e.Path, "error", "invalid", e.Message)).ToList());
    }

    /// <summary>The consistency issues of the variants and the constraint issues of each variant rendered with no profile data.</summary>
    private IReadOnlyList<IssueView> Issues(ContentItem item)
    {
        var rendered = ContentPreview.Render(CompiledContent.Compile(item), new RenderModel { Now = clock.GetUtcNow() });
        return rendered.SelectMany(p => p.Issues).Concat(ConsistencyCheck.Check(item))
            .Select(IssueView.Of).Distinct().ToList();
    }

    private static JsonElement Element(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}

/// <summary>A save: the item with its issues, or the errors that kept it from being saved.</summary>
public sealed record ContentOutcome(ContentView? Content, IReadOnlyList<string> Errors, bool Created);

/// <summary>A preview, or the draft's errors, or what was not found.</summary>
public sealed record PreviewOutcome(PreviewView? Preview, IReadOnlyList<string> Errors, string? NotFound);
