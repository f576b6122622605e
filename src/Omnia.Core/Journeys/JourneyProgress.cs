namespace Omnia.Core.Journeys;

/// <summary>What one call of the runtime returns: the instance's new state and the effects to carry out, in order.</summary>
public sealed record JourneyProgress(JourneyInstance Instance, IReadOnlyList<JourneyEffect> Effects);
