using Omnia.Core.Identity;
using Omnia.Core.Touchpoints;

namespace Omnia.Core.Profiles;

/// <summary>The per-workspace rules the profile processor applies: identity resolution and channel classification.</summary>
public sealed record ProcessingRules(IdentityRules Identity, ChannelRules Channels)
{
    public static ProcessingRules Default { get; } = new(IdentityRules.Default, ChannelRules.Default);
}
