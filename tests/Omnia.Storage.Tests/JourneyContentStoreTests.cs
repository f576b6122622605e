using Omnia.Core.Journeys;
using Omnia.Storage.Sqlite;

namespace Omnia.Storage.Tests;

/// <summary>Journey drafts, published versions and content items in the embedded store, across a reopen.</summary>
public sealed class JourneyContentStoreTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("omnia-journeys-").FullName;
    private SqliteStore _store;

    public JourneyContentStoreTests() => _store = new SqliteStore(_directory, TimeProvider.System);

    public void Dispose()
    {
        _store.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Publishing_a_draft_creates_version_one_and_makes_the_journey_live()
    {
        var workspace = await _store.Workspaces.CreateWorkspaceAsync("shop", "Shop");
        var draft = await _store.Journeys.PutDraftAsync(workspace.Id, "cart", "Cart", "{\"a\":1}");
        Assert.Equal(JourneyStatus.Draft, draft.Status);
        Assert.Equal(0, draft.LiveVersion);

        var published = await _store.Journeys.PublishAsync(workspace.Id, "cart", "ana@example.com");

        Assert.Equal(1, published.Version);
        Assert.Equal("ana@example.com", published.PublishedBy);
        var journey = await _store.Journeys.FindJourneyAsync(workspace.Id, "cart");
        Assert.Equal(JourneyStatus.Live, journey!.Status);
        Assert.Equal(1, journey.LiveVersion);
    }

    [Fact]
    public async Task Publishing_an_unchanged_draft_writes_no_new_version_but_an_edit_does_and_old_versions_stay()
    {
        var workspace = await _store.Workspaces.CreateWorkspaceAsync("shop", "Shop");
        await _store.Journeys.PutDraftAsync(workspace.Id, "cart", "Cart", "{\"a\":1}");
        await _store.Journeys.PublishAsync(workspace.Id, "cart", null);
        Assert.Equal(1, (await _store.Journeys.PublishAsync(workspace.Id, "cart", null)).Version);

        await _store.Journeys.PutDraftAsync(workspace.Id, "cart", "Cart reminder", "{\"a\":2}");
        Assert.Equal(2, (await _store.Journeys.PublishAsync(workspace.Id, "cart", null)).Version);

        _store.Dispose();
        _store = new SqliteStore(_directory, TimeProvider.System);
        var journey = (await _store.Journeys.FindJourneyAsync(workspace.Id, "cart"))!;
        var versions = await _store.Journeys.ListVersionsAsync(journey.Id);
        Assert.Equal(["{\"a\":1}", "{\"a\":2}"], versions.Select(v => v.DefinitionJson));
        Assert.Equal("Cart reminder", journey.Name);
        Assert.Equal(2, journey.LiveVersion);
        Assert.Equal(2, (await _store.Journeys.AllVersionsAsync(workspace.Id)).Count);
    }

    [Fact]
    public async Task Pausing_and_archiving_change_the_status_and_a_missing_journey_reports_false()
    {
        var workspace = await _store.Workspaces.CreateWorkspaceAsync("shop", "Shop");
        await _store.Journeys.PutDraftAsync(workspace.Id, "cart", "Cart", "{}");
        await _store.Journeys.PublishAsync(workspace.Id, "cart", null);

        Assert.True(await _store.Journeys.SetStatusAsync(workspace.Id, "cart", JourneyStatus.Paused));
        Assert.Equal(JourneyStatus.Paused, (await _store.Journeys.FindJourneyAsync(workspace.Id, "cart"))!.Status);
        Assert.True(await _store.Journeys.SetStatusAsync(workspace.Id, "cart", JourneyStatus.Archived));
        Assert.Equal(JourneyStatus.Archived, (await _store.Journeys.ListJourneysAsync(workspace.Id)).Single().Status);
        Assert.False(await _store.Journeys.SetStatusAsync(workspace.Id, "nope", JourneyStatus.Paused));
    }

    [Fact]
    public async Task Journeys_of_one_workspace_are_invisible_to_another()
    {
        var shop = await _store.Workspaces.CreateWorkspaceAsync("shop", "Shop");
        var other = await _store.Workspaces.CreateWorkspaceAsync("other", "Other");
        await _store.Journeys.PutDraftAsync(shop.Id, "cart", "Cart", "{}");
        await _store.Journeys.PublishAsync(shop.Id, "cart", null);

        Assert.Empty(await _store.Journeys.ListJourneysAsync(other.Id));
        Assert.Empty(await _store.Journeys.AllVersionsAsync(other.Id));
        Assert.Null(await _store.Journeys.FindJourneyAsync(other.Id, "cart"));
    }

    [Fact]
    public async Task Content_versions_grow_only_when_the_json_changes_and_delete_removes_the_item()
    {
        var workspace = await _store.Workspaces.CreateWorkspaceAsync("shop", "Shop");
        Assert.Equal(1, (await _store.Content.PutContentAsync(workspace.Id, "cart-email", "{\"x\":1}")).Version);
        Assert.Equal(1, (await _store.Content.PutContentAsync(workspace.Id, "cart-email", "{\"x\":1}")).Version);
        Assert.Equal(2, (await _store.Content.PutContentAsync(workspace.Id, "cart-email", "{\"x\":2}")).Version);

        _store.Dispose();
        _store = new SqliteStore(_directory, TimeProvider.System);
        var found = await _store.Content.FindContentAsync(workspace.Id, "cart-email");
        Assert.Equal("{\"x\":2}", found!.Json);
        Assert.Single(await _store.Content.ListContentAsync(workspace.Id));

        Assert.True(await _store.Content.DeleteContentAsync(workspace.Id, "cart-email"));
        Assert.False(await _store.Content.DeleteContentAsync(workspace.Id, "cart-email"));
        Assert.Null(await _store.Content.FindContentAsync(workspace.Id, "cart-email"));
    }
}
