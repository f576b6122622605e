using Omnia.Core.Events;
using Omnia.Core.Identity;
using Omnia.Core.Profiles;

namespace Omnia.Server.Profiles;

/// <summary>A profile as the admin API and the dashboard show it: the single customer view.</summary>
public sealed record ProfileView(
    string Id,
    IReadOnlyList<IdentifierView> Identifiers,
    IReadOnlyDictionary<string, EventValue> Traits,
    ComputedTraitsView ComputedTraits,
    IReadOnlyDictionary<string, ConsentState> Consent,
    long EventCount,
    IReadOnlyList<string> MergedFrom,
    IReadOnlyList<string> Segments)
{
    /// <summary>The lifecycle stage (awareness … advocacy) as audience processing last decided it.</summary>
    public string? LifecycleStage { get; init; }

    /// <summary>The persona the profile is assigned to, or null when the workspace has no personas yet.</summary>
    public PersonaRef? Persona { get; init; }

    public static ProfileView From(ProfileState state, IReadOnlyList<Identifier> identifiers, IReadOnlyList<MergeRecord> merges) => new(
        ProfileIds.Format(state.Id),
        identifiers.Select(IdentifierView.From).OrderBy(i => i.Type, StringComparer.Ordinal).ThenBy(i => i.Value, StringComparer.Ordinal).ToList(),
        state.Traits.OrderBy(t => t.Key, StringComparer.Ordinal).ToDictionary(t => t.Key, t => t.Value.Value),
        ComputedTraitsView.From(state),
        state.Consent,
        state.EventCount,
        merges.Select(m => ProfileIds.Format(m.From)).ToList(),
        []);
}

/// <summary>An identifier with its type named as in the lookup API (<c>userId</c>, <c>anonymousId</c>, <c>email</c>, …).</summary>
public sealed record IdentifierView(string Type, string Value)
{
    public static IdentifierView From(Identifier identifier) => new(IdentifierTypeNames.ToApi(identifier.Type), identifier.Value);
}

/// <summary>A persona as a profile refers to it: its key and its (editable) name.</summary>
public sealed record PersonaRef(string Key, string Name);

/// <summary>
/// Traits Omnia computes from behaviour: the basics below, then (as further properties) the other built-in traits
/// (preferred channel, days since last purchase, RFM, …) and the workspace's own computed traits.
/// </summary>
public sealed record ComputedTraitsView(
    DateTimeOffset? FirstSeen,
    DateTimeOffset? LastSeen,
    long EventCount,
    int OrderCount,
    decimal Revenue,
    DateTimeOffset? LastOrderAt,
    string? AcquisitionChannel,
    string? AcquisitionCampaign,
    IReadOnlyDictionary<string, int> ChannelCounts)
{
    public static ComputedTraitsView From(ProfileState s) => new(
        s.EventCount == 0 ? null : s.FirstSeen,
        s.EventCount == 0 ? null : s.LastSeen,
        s.EventCount,
        s.OrderCount,
        s.Revenue,
        s.LastOrderAt,
        s.Acquisition?.Channel,
        s.Acquisition?.Campaign,
        s.ChannelCounts);

    /// <summary>The other computed traits by name (built-in ones not listed above, and the workspace's own).</summary>
    [System.Text.Json.Serialization.JsonExtensionData]
    public IDictionary<string, object?>? More { get; init; }
}

/// <summary>Profile ids in the API: <c>prf_</c> and the internal number.</summary>
public static class ProfileIds
{
    public static string Format(long id) => "prf_" + id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static bool TryParse(string? text, out long id)
    {
        id = 0;
        if (text is null)
        {
            return false;
        }

        var digits = text.StartsWith("prf_", StringComparison.Ordinal) ? text[4..] : text;
        return long.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out id) && id > 0;
    }
}

/// <summary>Maps identifier type names between the API (<c>userId</c>) and storage (<c>user_id</c>).</summary>
public static class IdentifierTypeNames
{
    public static string ToApi(string type) => type switch
    {
        IdentifierTypes.UserId => "userId",
        IdentifierTypes.AnonymousId => "anonymousId",
        IdentifierTypes.DeviceId => "deviceId",
        _ => type,
    };

    public static string FromApi(string type) => type switch
    {
        "userId" or "user_id" => IdentifierTypes.UserId,
        "anonymousId" or "anonymous_id" => IdentifierTypes.AnonymousId,
        "deviceId" or "device_id" => IdentifierTypes.DeviceId,
        _ => type.Trim().ToLowerInvariant(),
    };
}
