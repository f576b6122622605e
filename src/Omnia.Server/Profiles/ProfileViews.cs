using Omnia.Core.Audiences;
using Omnia.Core.Profiles;
using Omnia.Server.Admin;

namespace Omnia.Server.Profiles;

/// <summary>Builds the single customer view of a profile (as the API, the CLI and the dashboard show it) from the stores.</summary>
public sealed class ProfileViews(IProfileStore profiles, IAudienceStore audiences, ISegmentStore segments)
{
    /// <summary>The view of a profile (a merged-away id gives its survivor), or null when it does not exist.</summary>
    public async Task<ProfileView?> ViewAsync(WorkspaceContext w, long profileId, CancellationToken ct = default)
    {
        var state = await profiles.GetAsync(w.Id, profileId, ct);
        if (state is null)
        {
            return null;
        }

        var identifiers = await profiles.IdentifiersAsync(state.Id, ct);
        var merges = await profiles.MergesIntoAsync(state.Id, ct);
        var audience = (await audiences.GetAsync([state.Id], ct)).GetValueOrDefault(state.Id);
        IReadOnlyList<string> names = [];
        if (audience is { Segments.Count: > 0 })
        {
            var byId = (await segments.ListSegmentsAsync(w.Id, ct)).ToDictionary(s => s.Id, s => s.Definition.Name);
            names = audience.Segments.Where(byId.ContainsKey).Select(id => byId[id]).ToList();
        }

        return ProfileView.From(state, identifiers, merges) with { Segments = names };
    }
}
