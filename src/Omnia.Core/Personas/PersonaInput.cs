using Omnia.Core.Profiles;

namespace Omnia.Core.Personas;

/// <summary>
/// What persona discovery knows about one person: their profile, how much they engaged with each product
/// category, and the channels they came through.
/// </summary>
/// <param name="Profile">The resolved profile.</param>
/// <param name="CategoryCounts">Product category → events about it (views, adds to cart, orders).</param>
/// <param name="ChannelPath">The profile's touchpoint channel codes in time order, consecutive repeats collapsed
/// (<c>paid_social, direct, email, direct</c>); may be empty.</param>
public sealed record PersonaInput(
    ProfileState Profile,
    IReadOnlyDictionary<string, int> CategoryCounts,
    IReadOnlyList<string> ChannelPath);
