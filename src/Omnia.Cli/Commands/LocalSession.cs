using Omnia.Core.Identity;
using Omnia.Core.Profiles;
using Omnia.Core.Workspaces;
using Omnia.Server.Admin;
using Omnia.Server.Audiences;
using Omnia.Server.Processing;
using Omnia.Server.Profiles;

namespace Omnia.Cli.Commands;

/// <summary>
/// A workspace in a local data directory: a node started in this process, caught up with the whole log before
/// the first answer, using the same catalogs and messages as the admin API.
/// </summary>
internal sealed class LocalSession : IWorkspaceSession
{
    private readonly LocalNode _node;
    private readonly Workspace _workspace;

    private LocalSession(LocalNode node, Workspace workspace)
    {
        _node = node;
        _workspace = workspace;
    }

    private SegmentCatalog Segments => Service<SegmentCatalog>();

    private PersonaCatalog Personas => Service<PersonaCatalog>();

    /// <summary>Opens the store in <paramref name="dataDirectory"/>, which must exist, and waits until audiences reflect the whole log.</summary>
    public static async Task<LocalSession> OpenAsync(string dataDirectory, string workspaceSlug, CancellationToken ct)
    {
        var node = await LocalNode.StartAsync(dataDirectory, ct);
        try
        {
            var workspace = await node.Services.GetRequiredService<IWorkspaceStore>().FindWorkspaceAsync(workspaceSlug, ct)
                ?? throw new CommandFailure($"There is no workspace '{workspaceSlug}' in {Path.GetFullPath(dataDirectory)}.");
            await node.Services.GetRequiredService<ProcessingService>().AudiencesCaughtUpAsync(ct);
            return new LocalSession(node, workspace);
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
    }

    public async Task<ProfileView?> FindProfileAsync(string value, string? type, CancellationToken ct)
    {
        var profiles = Service<IProfileStore>();
        var identity = Service<WorkspaceRules>().For(_workspace.Id).Identity;
        long? id = null;
        if (type is null && value.StartsWith("prf_", StringComparison.Ordinal) && ProfileIds.TryParse(value, out long parsed))
        {
            id = parsed;
        }
        else if (type is not null)
        {
            // As GET /profiles/lookup answers an explicit type.
            string storageType = IdentifierTypeNames.FromApi(type);
            string normalized = IdentifierNormalizer.Normalize(storageType, value, identity.DefaultPhoneRegion)
                ?? throw new CommandFailure($"'{value}' is not a usable {type}.");
            id = await profiles.FindAsync(_workspace.Id, new Identifier(storageType, normalized), ct);
            if (id is null && !KnownIdentifierTypes.Contains(identity, storageType))
            {
                throw new CommandFailure(KnownIdentifierTypes.UnknownTypeMessage(type, identity));
            }
        }
        else
        {
            foreach (string t in ProfileCommand.GuessTypes(value))
            {
                string storageType = IdentifierTypeNames.FromApi(t);
                if (IdentifierNormalizer.Normalize(storageType, value, identity.DefaultPhoneRegion) is { } normalized
                    && await profiles.FindAsync(_workspace.Id, new Identifier(storageType, normalized), ct) is { } found)
                {
                    id = found;
                    break;
                }
            }
        }

        return id is null ? null : await Service<ProfileViews>().ViewAsync(new WorkspaceContext(_workspace, new Caller("cli", Role.Owner, null)), id.Value, ct);
    }

    public async Task<IReadOnlyList<TimelineEntry>> TimelineAsync(string profileId, int limit, CancellationToken ct)
    {
        if (!ProfileIds.TryParse(profileId, out long id))
        {
            return [];
        }

        var channels = Service<WorkspaceRules>().For(_workspace.Id).Channels;
        var events = await Service<IProfileStore>().TimelineAsync(id, limit, null, ct);
        return events.Select(e => TimelineEntry.From(e, channels)).ToList();
    }

    public Task<IReadOnlyList<SegmentView>> ListSegmentsAsync(CancellationToken ct) => Segments.ListAsync(_workspace.Id, ct);

    public Task<SegmentView?> GetSegmentAsync(string slug, CancellationToken ct) => Segments.GetAsync(_workspace.Id, slug, ct);

    public async Task<IReadOnlyList<ProfileSummary>> MembersAsync(string slug, int limit, CancellationToken ct)
    {
        if (await Segments.GetAsync(_workspace.Id, slug, ct) is not { } segment)
        {
            return [];
        }

        var (members, _) = await Segments.MembersAsync(segment.Id, 0, limit, ct);
        return members;
    }

    public async Task<(SegmentView Segment, bool Created)> ApplySegmentAsync(string? slug, string json, CancellationToken ct)
    {
        var outcome = await Segments.SaveAsync(_workspace.Id, slug, json, createOnly: false, ct);
        if (outcome.Segment is not { } saved)
        {
            throw Invalid(outcome.Errors, "nothing was saved");
        }

        await Service<ProcessingService>().AudiencesCaughtUpAsync(ct);
        return (await Segments.GetAsync(_workspace.Id, saved.Slug, ct) ?? saved, outcome.Created);
    }

    public async Task<EstimateView> EstimateAsync(string json, int sample, bool exact, CancellationToken ct)
    {
        var outcome = await Segments.EstimateAsync(_workspace.Id, json, sample, exact, ct);
        return outcome.Estimate is { } e
            ? new EstimateView(e.Estimate, e.Low, e.High, e.IsExact, e.Sampled, e.Matched, e.Population, outcome.Examples)
            : throw Invalid(outcome.Errors, "fix them to see an estimate");
    }

    public async Task<bool> DeleteSegmentAsync(string slug, CancellationToken ct)
    {
        var outcome = await Segments.DeleteAsync(_workspace.Id, slug, ct);
        return outcome.UsedBy.Count > 0
            ? throw new CommandFailure($"Segment '{slug}' is used by {string.Join(", ", outcome.UsedBy.Select(s => $"'{s}'"))}; change those first.")
            : outcome.Found;
    }

    public Task<IReadOnlyList<PersonaView>> ListPersonasAsync(CancellationToken ct) => Personas.ListAsync(_workspace.Id, ct);

    public async Task<IReadOnlyList<PersonaView>> TrainPersonasAsync(int? k, int seed, CancellationToken ct)
    {
        if (await Personas.TrainAsync(_workspace.Id, k, seed, ct) is null)
        {
            throw new CommandFailure("There are too few profiles with events to find personas; load more data first.");
        }

        await Service<ProcessingService>().AudiencesCaughtUpAsync(ct);
        return await Personas.ListAsync(_workspace.Id, ct);
    }

    public Task<bool> RenamePersonaAsync(string key, string name, CancellationToken ct) => Personas.RenameAsync(_workspace.Id, key, name, ct);

    public ValueTask DisposeAsync() => _node.DisposeAsync();

    private T Service<T>() where T : notnull => _node.Services.GetRequiredService<T>();

    // The same words as the segments API's 400.
    private static CommandFailure Invalid(IReadOnlyList<string> errors, string outcome) =>
        new($"The segment definition has {errors.Count} problem(s); {outcome}. See docs/segments.md for the format.", CommandFailure.Refused, errors);

    public async Task<string?> ExportPersonAsync(string profileId, CancellationToken ct)
    {
        if (!ProfileIds.TryParse(profileId, out long id))
        {
            return null;
        }

        var export = await Service<Omnia.Server.Privacy.PersonExports>().ExportAsync(new WorkspaceContext(_workspace, new Caller("cli", Role.Owner, null)), id, ct);
        return export is null ? null : System.Text.Json.JsonSerializer.Serialize(export, OmniaHttp.Json);
    }

    public async Task<Omnia.Core.Privacy.ErasureRecord?> ErasePersonAsync(string profileId, CancellationToken ct)
    {
        if (!ProfileIds.TryParse(profileId, out long id))
            return null;
        var record = await Service<ProcessingService>().EraseAsync(_workspace.Id, id, "omnia CLI", ct);
        if (record is not null)
        {
            await Service<Omnia.Server.Audit.AuditLog>().RecordAsync(
                "omnia CLI", null, new Omnia.Server.Audit.AuditChange(_workspace.Id, "profile.erased", profileId), null, Omnia.Server.Privacy.PrivacyApi.AuditOf(record), ct);
        }

        return record;
    }
}
