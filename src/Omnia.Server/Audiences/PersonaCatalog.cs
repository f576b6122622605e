using System.Text.Json;
using Omnia.Core.Audiences;
using Omnia.Core.Personas;
using Omnia.Core.Profiles;
using Omnia.Core.Segments;
using Omnia.Core.Touchpoints;
using Omnia.Core.Workspaces;
using Omnia.Server.Processing;

namespace Omnia.Server.Audiences;

/// <summary>
/// Trains a workspace's personas from its profiles, keeps the model (and the names people give its personas)
/// as a settings document, and lists them with their current sizes. Training replaces the model, so every
/// profile is re-assigned by the recompute that follows.
/// </summary>
public sealed class PersonaCatalog(
    IWorkspaceStore workspaces, IAudienceStore audiences, IProfileStore profiles,
    AudienceSettingsDocuments settings, TimeProvider clock)
{
    /// <summary>Personas a marketer can tell apart: k is chosen by silhouette in this range unless given.</summary>
    public const int MinK = 3;
    public const int MaxK = 6;

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Clusters the workspace's profiles (those with events) and saves the model; null when there are too few profiles.</summary>
    public async Task<PersonaDocument?> TrainAsync(int workspaceId, int? k, int seed, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var inputs = new List<PersonaInput>();
        long after = 0;
        while (true)
        {
            var ids = await audiences.ProfileIdsAsync(workspaceId, after, 1_000, ct);
            if (ids.Count == 0)
            {
                break;
            }

            foreach (var facts in (await profiles.FactsAsync(ids, null, ct)).Values.Where(f => f.Profile.EventCount > 0))
            {
                inputs.Add(new PersonaInput(facts.Profile, facts.Profile.CategoryCounts, ChannelPath(facts.Events)));
            }

            after = ids[^1];
        }

        int minK = k ?? MinK;
        if (inputs.Count < Math.Max(minK, 2) * 5)
        {
            return null;
        }

        var options = PersonaOptions.Default with { K = k, MinK = MinK, MaxK = MaxK, Seed = seed };
        var model = PersonaTrainer.Train(inputs, now, options);
        var previous = await LoadAsync(workspaceId, ct);
        var document = new PersonaDocument(model, now, previous?.Names ?? new Dictionary<string, string>());
        await workspaces.PutSettingAsync(workspaceId, AudienceSettings.PersonasSetting, JsonSerializer.Serialize(document, Json), ct);
        await settings.NotifyChangedAsync(workspaceId, ct);
        return document;
    }

    public async Task<PersonaDocument?> LoadAsync(int workspaceId, CancellationToken ct = default) =>
        await workspaces.GetSettingAsync(workspaceId, AudienceSettings.PersonasSetting, ct) is { } json
            ? JsonSerializer.Deserialize<PersonaDocument>(json, Json)
            : null;

    /// <summary>The personas with their names, descriptions and how many profiles are assigned to each now.</summary>
    public async Task<IReadOnlyList<PersonaView>> ListAsync(int workspaceId, CancellationToken ct = default)
    {
        if (await LoadAsync(workspaceId, ct) is not { } document)
        {
            return [];
        }

        var (_, assigned) = await audiences.DistributionAsync(workspaceId, ct);
        return document.Model.Clusters.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => new PersonaView(
            c.Key, document.NameOf(c), c.Name, assigned.GetValueOrDefault(c.Key), c.Size, c.Share, c.RevenueShare, c.AverageRevenue,
            c.DistinguishingFeatures, c.TypicalChannels, c.TypicalJourney)).ToList();
    }

    /// <summary>Gives a persona a name of the marketer's choosing; false when there is no such persona.</summary>
    public async Task<bool> RenameAsync(int workspaceId, string key, string name, CancellationToken ct = default)
    {
        if (await LoadAsync(workspaceId, ct) is not { } document || document.Model.Clusters.All(c => c.Key != key))
        {
            return false;
        }

        var names = new Dictionary<string, string>(document.Names) { [key] = name.Trim() };
        await workspaces.PutSettingAsync(workspaceId, AudienceSettings.PersonasSetting, JsonSerializer.Serialize(document with { Names = names }, Json), ct);
        return true;
    }

    /// <summary>The channels of a profile's touchpoints in time order, repeats collapsed.</summary>
    private static List<string> ChannelPath(IReadOnlyList<Omnia.Core.Segments.ProfileEvent> events)
    {
        var path = new List<string>();
        foreach (var e in events)
        {
            if (e.Channel is { } channel && (path.Count == 0 || path[^1] != channel))
            {
                path.Add(channel);
            }
        }

        return path;
    }
}

/// <summary>A workspace's persona model as stored: the model, when it was trained, and the names people gave its personas.</summary>
public sealed record PersonaDocument(PersonaModel Model, DateTimeOffset TrainedAt, IReadOnlyDictionary<string, string> Names)
{
    /// <summary>The name a person gave the persona, else the suggested one.</summary>
    public string NameOf(PersonaCluster cluster) => Names.TryGetValue(cluster.Key, out var name) ? name : cluster.Name;
}

/// <summary>A persona as the API shows it.</summary>
public sealed record PersonaView(
    string Key, string Name, string SuggestedName, long Profiles, long TrainedSize, double Share, double RevenueShare, double AverageRevenue,
    IReadOnlyList<PersonaFeatureDifference> DistinguishingFeatures, IReadOnlyList<PersonaChannelShare> TypicalChannels, PersonaJourney? TypicalJourney);
