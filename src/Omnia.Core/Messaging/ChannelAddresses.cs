using Omnia.Core.Identity;
using Omnia.Core.Profiles;
using Omnia.Core.Touchpoints;

namespace Omnia.Core.Messaging;

/// <summary>
/// Where a message on a channel goes for a profile, as one rule the journey engine (choose-channel) and the dispatcher
/// share: email to the <c>email</c> trait, else an email identifier; SMS to the <c>phone</c> trait in E.164, else a phone
/// identifier (stored in E.164); push to the latest push token the app reported (<see cref="ProfileState.PushToken"/>);
/// in-app messages to the profile itself (they are held for it and read by the app). Null: no address.
/// </summary>
public static class ChannelAddresses
{
    /// <summary>The address of <paramref name="profile"/> on <paramref name="channel"/>, or null.</summary>
    /// <param name="defaultRegion">The region a national phone number in the trait is read in (ISO 3166 code).</param>
    public static string? For(string channel, ProfileState profile, IEnumerable<Identifier> identifiers, string defaultRegion = "US")
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(identifiers);
        return channel switch
        {
            Channels.Email => Trait(profile, "email") is { } email ? email.Trim()
                : identifiers.FirstOrDefault(i => i.Type == IdentifierTypes.Email).Value,
            Channels.Sms => Trait(profile, "phone") is { } phone && IdentifierNormalizer.NormalizePhone(phone, defaultRegion) is { } e164 ? e164
                : identifiers.FirstOrDefault(i => i.Type == IdentifierTypes.Phone).Value,
            Channels.Push => profile.PushToken?.Token,
            Channels.InApp => profile.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => null,
        };
    }

    private static string? Trait(ProfileState profile, string name) =>
        profile.Traits.TryGetValue(name, out var trait) && trait.Value.String is { } text && !string.IsNullOrWhiteSpace(text) ? text : null;
}
