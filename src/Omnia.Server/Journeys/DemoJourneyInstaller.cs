using Omnia.Core.Content;
using Omnia.Core.Demo;
using Omnia.Core.Journeys;

namespace Omnia.Server.Journeys;

/// <summary>Installs the demo's live journeys and their content in a workspace (after its history is loaded, so old carts send nothing).</summary>
public sealed class DemoJourneyInstaller(IJourneyStore journeys, IContentStore contents, JourneyCatalog catalog)
{
    public async Task InstallAsync(int workspaceId, string wait = "1h", CancellationToken ct = default)
    {
        var content = ContentItem.Parse(DemoJourneys.CartReminder);
        if (!content.IsValid)
            throw new InvalidOperationException($"Demo content '{DemoJourneys.CartReminderSlug}' is invalid: {string.Join("; ", content.Errors)}");
        await contents.PutContentAsync(workspaceId, DemoJourneys.CartReminderSlug, content.Content.ToJson(), ct);
        await journeys.PutDraftAsync(workspaceId, DemoJourneys.AbandonedCartSlug, "Abandoned cart", DemoJourneys.AbandonedCart(wait), ct);
        var published = await catalog.PublishAsync(workspaceId, DemoJourneys.AbandonedCartSlug, "demo", ct);
        if (published.Version is null)
            throw new InvalidOperationException($"Demo journey '{DemoJourneys.AbandonedCartSlug}' is invalid: {string.Join("; ", published.Errors)}");
    }
}
