using Microsoft.Extensions.DependencyInjection;
using Omnia.Core.Demo;
using Omnia.Core.Journeys;
using Omnia.Core.Workspaces;
using Omnia.Server.Journeys;

namespace Omnia.Server.Tests.Journeys;

/// <summary>What the engine runs follows publishing, pausing and restarts.</summary>
public sealed class JourneyCatalogTests : IAsyncLifetime
{
    private TestNode _node = null!;
    private int _workspace;

    public async Task InitializeAsync()
    {
        _node = await TestNode.StartAsync(directory: Directory.CreateTempSubdirectory("jr-catalog-").FullName);
        _workspace = (await _node.App.Services.GetRequiredService<IWorkspaceStore>().FindWorkspaceAsync("default"))!.Id;
    }

    public async Task DisposeAsync() => await _node.DisposeAsync();

    private JourneyModel? Model(TestNode node) =>
        node.App.Services.GetRequiredService<JourneyModels>().All().SingleOrDefault(m => m.WorkspaceId == _workspace);

    [Fact]
    public async Task An_invalid_draft_is_not_published_and_the_errors_name_the_path()
    {
        var store = _node.App.Services.GetRequiredService<IJourneyStore>();
        await store.PutDraftAsync(_workspace, "broken", "Broken", DemoJourneys.AbandonedCart().Replace("\"timeout\": \"1h\"", "\"timeout\": \"soon\"", StringComparison.Ordinal));

        var outcome = await _node.App.Services.GetRequiredService<JourneyCatalog>().PublishAsync(_workspace, "broken", null);

        Assert.Null(outcome.Version);
        Assert.Contains(outcome.Errors, e => e.Contains("timeout", StringComparison.Ordinal));
        Assert.Empty(await store.AllVersionsAsync(_workspace));
        Assert.True((await _node.App.Services.GetRequiredService<JourneyCatalog>().PublishAsync(_workspace, "missing", null)).Missing);
    }

    [Fact]
    public async Task Publishing_makes_a_journey_live_pausing_keeps_its_version_for_running_instances_and_a_restart_loads_the_same()
    {
        var store = _node.App.Services.GetRequiredService<IJourneyStore>();
        var catalog = _node.App.Services.GetRequiredService<JourneyCatalog>();
        await store.PutDraftAsync(_workspace, "cart", "Cart", DemoJourneys.AbandonedCart());
        var published = await catalog.PublishAsync(_workspace, "cart", "owner@example.com");
        Assert.Equal(1, published.Version!.Version);
        Assert.Equal("Abandoned cart", Assert.Single(Model(_node)!.Live).Definition.Name);

        Assert.True(await catalog.SetStatusAsync(_workspace, "cart", JourneyStatus.Paused));
        Assert.Empty(Model(_node)!.Live);
        Assert.NotNull(Model(_node)!.Version(published.Version.JourneyId, 1));

        Assert.True(await catalog.SetStatusAsync(_workspace, "cart", JourneyStatus.Live));
        _node = await _node.RestartAsync();
        Assert.Equal(published.Version.JourneyId, Assert.Single(Model(_node)!.Live).JourneyId);
    }
}
