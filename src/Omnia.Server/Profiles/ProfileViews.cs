using Omnia.Core.Audiences;
using Omnia.Core.Lifecycle;
using Omnia.Core.Profiles;
using Omnia.Core.Segments;
using Omnia.Server.Admin;
using Omnia.Server.Audiences;

namespace Omnia.Server.Profiles;

/// <summary>Builds the single customer view of a profile (as the API, the CLI and the dashboard show it) from the stores.</summary>
public sealed class ProfileViews(IProfileStore profiles, IAudienceStore audiences, AudienceModels models, PersonaCatalog personas, TimeProvider clock)
{
    /// <summary>Built-in computed traits shown beside the basics of <see cref="ComputedTraitsView"/>.</summary>
    private static readonly string[] MoreBuiltIns = ComputedTraits.Names
        .Except([ComputedTraits.OrderCount, ComputedTraits.Revenue, ComputedTraits.EventCount, ComputedTraits.FirstSeen, ComputedTraits.LastSeen,
            ComputedTraits.LastOrderAt, ComputedTraits.AcquisitionChannel], StringComparer.Ordinal).ToArray();

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
        var model = await models.ForAsync(w.Id, ct);
        var audience = (await audiences.GetAsync([state.Id], ct)).GetValueOrDefault(state.Id);
        var segmentNames = model.Segments.ToDictionary(s => s.Id, s => s.Compiled.Definition.Name);
        var names = (audience?.Segments ?? []).Where(segmentNames.ContainsKey).Select(id => segmentNames[id]).ToList();

        // Computed traits are decided now, from the profile and its events.
        var facts = (await profiles.FactsAsync([state.Id], null, ct)).TryGetValue(state.Id, out var found)
            ? found with { Audience = model.Context }
            : new ProfileFacts(state, []) { Audience = model.Context };
        var now = clock.GetUtcNow();
        var more = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (string name in MoreBuiltIns.Concat(model.Settings.ComputedTraits.Select(t => t.Name)))
        {
            more[name] = ComputedTraits.Evaluate(name, facts, now).Value;
        }

        PersonaRef? persona = null;
        if (audience?.Persona is { } key && await personas.LoadAsync(w.Id, ct) is { } document && document.Model.Clusters.FirstOrDefault(c => c.Key == key) is { } cluster)
        {
            persona = new PersonaRef(key, document.NameOf(cluster));
        }

        var view = ProfileView.From(state, identifiers, merges);
        return view with
        {
            Segments = names,
            ComputedTraits = view.ComputedTraits with { More = more },
            LifecycleStage = audience?.LifecycleStage is { } stage ? LifecycleStages.Name(stage) : null,
            Persona = persona,
        };
    }
}
