using Omnia.Server.Audiences;
using Omnia.Server.Profiles;

namespace Omnia.Cli.Commands;

/// <summary>
/// One workspace of a store, as the profile, segments and personas commands use it: a local data directory
/// (<see cref="LocalSession"/>) or a running server (<see cref="RemoteSession"/>). Both answer with the admin
/// API's views, so the commands render both the same way. Not-found answers are null or false; a refusal
/// (an invalid definition, a segment in use) is a <see cref="CommandFailure"/> with the API's message.
/// </summary>
internal interface IWorkspaceSession : IAsyncDisposable
{
    /// <summary>The profile with this identifier (a prf_ id, or of <paramref name="type"/>; guessed from the value when null).</summary>
    Task<ProfileView?> FindProfileAsync(string value, string? type, CancellationToken ct);

    /// <summary>The profile's newest events, newest first.</summary>
    Task<IReadOnlyList<TimelineEntry>> TimelineAsync(string profileId, int limit, CancellationToken ct);

    Task<IReadOnlyList<SegmentView>> ListSegmentsAsync(CancellationToken ct);

    Task<SegmentView?> GetSegmentAsync(string slug, CancellationToken ct);

    /// <summary>The first members of a segment, in profile id order.</summary>
    Task<IReadOnlyList<ProfileSummary>> MembersAsync(string slug, int limit, CancellationToken ct);

    /// <summary>Creates or replaces a segment (slug from its name when null) and waits until its membership is computed.</summary>
    Task<(SegmentView Segment, bool Created)> ApplySegmentAsync(string? slug, string json, CancellationToken ct);

    Task<EstimateView> EstimateAsync(string json, int sample, bool exact, CancellationToken ct);

    /// <summary>Deletes a segment; false when there is none with that slug.</summary>
    Task<bool> DeleteSegmentAsync(string slug, CancellationToken ct);

    Task<IReadOnlyList<PersonaView>> ListPersonasAsync(CancellationToken ct);

    /// <summary>Trains the personas and waits until profiles are assigned to them.</summary>
    Task<IReadOnlyList<PersonaView>> TrainPersonasAsync(int? k, int seed, CancellationToken ct);

    /// <summary>Renames a persona; false when there is none with that key.</summary>
    Task<bool> RenamePersonaAsync(string key, string name, CancellationToken ct);

    /// <summary>Everything held about a person (a profile id from <see cref="FindProfileAsync"/>) as JSON; null when there is none.</summary>
    Task<string?> ExportPersonAsync(string profileId, CancellationToken ct);

    /// <summary>Erases a person for good; null when there is none.</summary>
    Task<Omnia.Core.Privacy.ErasureRecord?> ErasePersonAsync(string profileId, CancellationToken ct);
}
