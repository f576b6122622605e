using Microsoft.AspNetCore.Http.HttpResults;
using Omnia.Core.Identity;
using Omnia.Core.Profiles;
using Omnia.Server.Admin;
using Omnia.Server.Processing;
using Omnia.Server.Profiles;

namespace Omnia.Server.Privacy;

/// <summary>Finds the person a privacy request names: a profile id, or an identifier of any type (normalised as events are).</summary>
public sealed class PersonFinder(IProfileStore profiles, WorkspaceRules rules)
{
    public async Task<(long? ProfileId, ProblemHttpResult? Problem)> FindAsync(WorkspaceContext w, string? type, string? value, string? profile, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(profile))
        {
            if (!ProfileIds.TryParse(profile, out long id))
            {
                return (null, Problems.BadRequest($"'{profile}' is not a profile id (they look like prf_123)."));
            }

            return await profiles.GetAsync(w.Id, id, ct) is { } state ? (state.Id, null) : (null, Problems.NotFound($"There is no profile {profile}."));
        }

        if (string.IsNullOrWhiteSpace(type) || string.IsNullOrWhiteSpace(value))
        {
            return (null, Problems.BadRequest("Name the person by 'profile' (prf_…) or by 'type' (email, userId, phone, anonymousId, deviceId, …) and 'value'."));
        }

        var identity = rules.For(w.Id).Identity;
        string storageType = IdentifierTypeNames.FromApi(type);
        if (IdentifierNormalizer.Normalize(storageType, value, identity.DefaultPhoneRegion) is not { } normalized)
        {
            return (null, Problems.BadRequest($"'{value}' is not a usable {type}."));
        }

        return await profiles.FindAsync(w.Id, new Identifier(storageType, normalized), ct) is { } found
            ? (found, null)
            : (null, Problems.NotFound($"No profile has {type} '{value}'."));
    }
}
