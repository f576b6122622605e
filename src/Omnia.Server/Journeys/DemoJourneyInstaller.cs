using Omnia.Core.Content;
using Omnia.Core.Demo;
using Omnia.Core.Journeys;

namespace Omnia.Server.Journeys;

/// <summary>
/// Installs the demo's live journeys and their content in a workspace, after its history is loaded (so old carts send
/// nothing): each journey is first replayed over that recorded history with the engine's dry run (nothing is sent)
/// and the result kept as its <see cref="RecordedHistory"/>, then published.
/// </summary>
public sealed class DemoJourneyInstaller(IJourneyStore journeys, IContentStore contents, JourneyCatalog catalog, JourneyDrafts drafts, JourneyHistories histories)
{
    /// <summary>Installs them; <paramref name="historyDays"/> is how far back the replay looks (0: no replay).</summary>
    public async Task InstallAsync(int workspaceId, string wait = "1h", int historyDays = 0, CancellationToken ct = default)
    {
        foreach (var (slug, json) in DemoJourneys.Content)
        {
            var content = ContentItem.Parse(json);
            if (!content.IsValid)
                throw new InvalidOperationException($"Demo content '{slug}' is invalid: {string.Join("; ", content.Errors)}");
            await contents.PutContentAsync(workspaceId, slug, content.Content.ToJson(), ct);
        }

        foreach (var (slug, name, json) in DemoJourneys.Others.Prepend((DemoJourneys.AbandonedCartSlug, "Abandoned cart", DemoJourneys.AbandonedCart(wait))))
        {
            await journeys.PutDraftAsync(workspaceId, slug, name, json, ct);
            if (historyDays > 0 && await drafts.DryRunAsync(workspaceId, slug, null, historyDays, ct) is { Report: { } report })
                await histories.PutAsync(workspaceId, slug, JourneyHistories.Of(report), ct);
            var published = await catalog.PublishAsync(workspaceId, slug, "demo", ct);
            if (published.Version is null)
                throw new InvalidOperationException($"Demo journey '{slug}' is invalid: {string.Join("; ", published.Errors)}");
        }
    }
}
