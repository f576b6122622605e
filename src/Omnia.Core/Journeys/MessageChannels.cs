namespace Omnia.Core.Journeys;

/// <summary>The channels a journey can send on: email, sms, push and in_app (codes from <see cref="Touchpoints.Channels"/>).</summary>
public static class MessageChannels
{
    /// <summary>Every channel a send or choose-channel step may name, in the order errors list them.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Touchpoints.Channels.Email, Touchpoints.Channels.Sms, Touchpoints.Channels.Push, Touchpoints.Channels.InApp];

    /// <summary>Whether <paramref name="code"/> is one of <see cref="All"/>.</summary>
    public static bool IsMessageChannel(string? code) => code is not null && All.Contains(code);
}
